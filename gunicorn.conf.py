"""gunicorn settings for production: ``gunicorn -c gunicorn.conf.py``.

Every value that depends on the machine comes from the environment.
"""

import gc
import multiprocessing
import os
from pathlib import Path

pythonpath = str(Path(__file__).resolve().parent / "site")
wsgi_app = "config.wsgi:application"
# A PaaS gives PORT; behind a local nginx, GUNICORN_HOST=127.0.0.1 keeps it off the network.
bind = os.environ.get(
    "GUNICORN_BIND",
    f"{os.environ.get('GUNICORN_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}",  # noqa: S104
)

# Threaded workers: a request that waits (a sign-in's password hash, which releases the
# GIL, the database, Redis, an upload) no longer holds back the readers the page cache
# answers in a millisecond; on a busy day one sign-in a second kept half the workers.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so that a slow leak never grows; the jitter keeps them
# from all restarting at the same moment.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 200))
# Django is loaded once in the master: faster restarts, memory pages shared by workers.
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["stdout"], "level": loglevel.upper()},
    "loggers": {
        "gunicorn.error": {
            "handlers": ["stdout"],
            "level": loglevel.upper(),
            "propagate": False,
        },
        "gunicorn.access": {
            "handlers": ["stdout"],
            "level": "WARNING"
            if os.environ.get("GUNICORN_ACCESS_LOG", "on").lower()
            in {"0", "off", "false"}
            else "INFO",
            "propagate": False,
        },
    },
}


def post_fork(server, worker):
    """A worker must never reuse a database connection opened by the master."""
    from django.db import connections

    connections.close_all()


def pre_fork(server, worker):
    """What the master loaded (Django, Wagtail, the URLs) is kept out of the garbage
    collector's passes in the workers: a full collection then walks only what the worker
    created, and the shared memory pages are not written to."""
    gc.freeze()
