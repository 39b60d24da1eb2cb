"""Local development: DEBUG on, e-mails printed to the console, embedded SQLite by default."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DEMO", "true")

from .base import *  # noqa: F403

SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-used-in-production"  # noqa: F405
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
