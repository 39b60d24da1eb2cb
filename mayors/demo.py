"""Demo content of the `mayors` app."""


def load(stdout):
    """Nothing yet."""
