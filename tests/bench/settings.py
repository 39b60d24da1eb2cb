"""Production settings plus one bench-only route, the ceiling (see urls.py)."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
