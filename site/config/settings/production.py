"""Production: everything from the environment, secure by default, tasks in a database queue.

``manage.py check --deploy`` is clean with the variables documented in the README.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY doit être défini en production.")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The page cache is shared by every worker only through Redis: with a per-process
# memory cache a purge would reach a single worker, so it stays off without Redis.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", bool(REDIS_URL))  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
# The load balancer probes the application over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)  # noqa: F405
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Wagtail's preview frames keep working: they set SAMEORIGIN on their own responses.
X_FRAME_OPTIONS = "DENY"

LOGGING["handlers"]["stdout"]["stream"] = "ext://sys.stdout"  # noqa: F405
