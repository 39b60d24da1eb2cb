"""Demo content of the `participation` app."""


def load(stdout):
    """Nothing yet."""
