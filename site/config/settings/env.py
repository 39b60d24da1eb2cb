"""Reading settings from the environment: booleans, lists and integers."""

import os

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in TRUE_WORDS


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def env_int(name, default):
    return int(os.environ.get(name, default))
