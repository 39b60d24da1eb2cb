"""The test suite: fast hashing, in-memory e-mail, tasks run immediately."""

import os

# tests/demo loads the whole demo; the other tests build their data with factories.
os.environ.setdefault("DEMO", "true")

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "test",
    },
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "r",
    },
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ACCOUNT_RATE_LIMITS = False
# Figures renewed at once, as the tests read them; the lag has its own test.
PAGE_CACHE_FIGURES_LAG = 0
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Factories create accounts now; the Sybil test sets the production age itself.
PARTICIPATION_REPORT_COUNTING_AGE_HOURS = 0
# Staff in unrelated tests use the admin without an authenticator app; the MFA tests
# turn the requirement on and sign in with real TOTP codes.
MFA_REQUIRED_FOR_STAFF = False
