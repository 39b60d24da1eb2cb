"""What /healthz checks: each service the platform needs, and how late the task queue is.

Apps add the services they own with the ``register_health_checks`` hook: a function
returning ``{name: check}``, where ``check()`` raises when the service is down (only
services that are configured). The load balancer takes a node out on a 503.
"""

import logging
import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.utils import timezone
from wagtail import hooks

logger = logging.getLogger(__name__)

HOOK = "register_health_checks"
TIMEOUT = 2  # seconds: a probe answers quickly or says the service is down


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_redis():
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=TIMEOUT, socket_timeout=TIMEOUT
    )
    try:
        client.ping()
    finally:
        client.close()


def storage_check(alias):
    def check():
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            # The folder is created on the first upload: its nearest existing
            # ancestor must be a folder we may write in.
            folder = Path(storage.location)
            while not folder.exists() and folder != folder.parent:
                folder = folder.parent
            if not folder.is_dir() or not os.access(folder, os.W_OK):
                raise OSError(f"{storage.location} is not writable")
        else:
            storage.exists(".healthz")  # one HEAD request: bucket and credentials

    return check


def core_checks():
    checks = {"database": check_database}
    if settings.REDIS_URL:
        checks["redis"] = check_redis
    for alias in ("default", "private"):
        if alias in settings.STORAGES:
            checks[f"storage_{alias}"] = storage_check(alias)
    for declare in hooks.get_hooks(HOOK):
        checks.update(declare())
    return checks


def oldest_waiting_task_seconds():
    """Age of the oldest task ready to run, or None when the database queue is unused
    or empty: a growing figure means the workers do not keep up (or none runs)."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        return None
    oldest = (
        DBTaskResult.objects.ready()
        .filter(backend_name=backend.alias)
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    if oldest is None:
        return 0
    return round((timezone.now() - oldest).total_seconds())


def report():
    """(healthy, body) for /healthz."""
    body = {}
    healthy = True
    for name, check in core_checks().items():
        try:
            check()
        except Exception:
            logger.exception("Health check %s failed", name)
            body[name] = "indisponible"
            healthy = False
        else:
            body[name] = "ok"
    if body["database"] == "ok":
        try:
            age = oldest_waiting_task_seconds()
        except Exception:
            logger.exception("Health check of the task queue failed")
            age = None
        if age is not None:
            body["oldest_waiting_task_seconds"] = age
    return healthy, {"status": "ok" if healthy else "error", **body}
