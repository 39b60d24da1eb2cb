"""Periodic jobs: declared by each app, run once per slot by ``manage.py scheduler``.

The contract for every app
--------------------------
An app declares its periodic jobs in its own ``wagtail_hooks.py``::

    from datetime import time, timedelta

    from wagtail import hooks

    from ops.jobs import ScheduledJob


    @hooks.register("register_scheduled_jobs")
    def scheduled_jobs():
        return [
            ScheduledJob(
                name="send_waiting_emails",
                command="send_waiting_emails",
                every=timedelta(minutes=1),
            ),
            ScheduledJob(name="enforce_retention", command="enforce_retention", at=time(2, 30)),
        ]

- ``command`` is a management command name, ``args`` its arguments (strings);
- ``every`` runs it on a fixed interval (slots aligned on the clock: every minute, every
  quarter of an hour…); ``at`` runs it once a day at that time in ``settings.TIME_ZONE``
  (Europe/Paris), on ``weekdays`` only when given (0 is Monday);
- ``name`` is unique across the project; it is what the admin shows and what the
  (job, slot) row is keyed on, so renaming a job runs it again in the current slot.

What the scheduler promises: a job runs at most once per slot whatever the number of
scheduler processes (a unique ``ops.JobRun(job, slot)`` row, claimed under a PostgreSQL
advisory lock where available; plain SQLite works too), never twice at the same time,
and a slot missed while no scheduler ran is caught up only within ``grace``. What the
job promises: it is idempotent — running it again in the same day sends nothing twice
(a crash between its work and the run's record can always repeat it).
"""

import logging
import os
import socket
import traceback
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from wagtail import hooks

from .models import JobRun

logger = logging.getLogger(__name__)

HOOK = "register_scheduled_jobs"
EPOCH = datetime(
    2000, 1, 3, tzinfo=UTC
)  # a Monday at midnight: weekly slots start there
OUTPUT_LIMIT = 20_000


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    command: str
    args: tuple = ()
    every: timedelta | None = None
    at: time | None = None
    weekdays: tuple[int, ...] | None = None
    # How late a missed slot still runs (default: one interval, or 6 hours for `at`).
    grace: timedelta | None = None
    # A run still marked running after this long is taken as dead (its node was killed).
    timeout: timedelta = timedelta(hours=1)

    def __post_init__(self):
        if (self.every is None) == (self.at is None):
            raise ImproperlyConfigured(
                f"Scheduled job {self.name!r}: give either `every` or `at`."
            )
        if self.every is not None and self.every <= timedelta(0):
            raise ImproperlyConfigured(f"Scheduled job {self.name!r}: `every` > 0.")
        if self.weekdays is not None and self.at is None:
            raise ImproperlyConfigured(
                f"Scheduled job {self.name!r}: `weekdays` needs `at`."
            )

    @property
    def schedule_label(self):
        if self.every is not None:
            return f"every {self.every}"
        days = "" if self.weekdays is None else f" on {list(self.weekdays)}"
        return f"at {self.at:%H:%M}{days}"

    def slot(self, now):
        """The latest slot at or before ``now`` (an aware datetime)."""
        if self.every is not None:
            return EPOCH + ((now - EPOCH) // self.every) * self.every
        zone = ZoneInfo(settings.TIME_ZONE)
        day = now.astimezone(zone).date()
        for _ in range(8):
            candidate = datetime.combine(day, self.at, tzinfo=zone)
            if candidate <= now and (
                self.weekdays is None or candidate.weekday() in self.weekdays
            ):
                return candidate.astimezone(UTC)
            day -= timedelta(days=1)
        raise ImproperlyConfigured(f"Scheduled job {self.name!r}: no weekday matches.")

    def is_due(self, now):
        grace = self.grace or self.every or timedelta(hours=6)
        return now - self.slot(now) < grace


def get_jobs():
    """Every job the apps declare, by name."""
    jobs = {}
    for declare in hooks.get_hooks(HOOK):
        for job in declare():
            if job.name in jobs:
                raise ImproperlyConfigured(f"Two scheduled jobs named {job.name!r}.")
            jobs[job.name] = job
    return jobs


def lock_key(name):
    """A stable 63-bit key for PostgreSQL's advisory locks."""
    return zlib.crc32(f"ops.scheduler:{name}".encode())


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}"


def claim(job, now):
    """Record that this process runs ``job`` for its current slot, or return None when
    another process did or still does."""
    slot = job.slot(now)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(job.name)])
        running = JobRun.objects.filter(job=job.name, status=JobRun.Status.RUNNING)
        # A run older than the timeout belonged to a killed process: let it go.
        running.filter(started_at__lt=now - job.timeout).update(
            status=JobRun.Status.FAILED,
            finished_at=now,
            output="Interrompue : le planificateur a été arrêté pendant l’exécution.",
        )
        if running.exists() or JobRun.objects.filter(job=job.name, slot=slot).exists():
            return None
        try:
            with transaction.atomic():
                return JobRun.objects.create(
                    job=job.name, slot=slot, started_at=now, host=worker_name()
                )
        except IntegrityError:
            return None


def execute(job, run):
    """Run the command and record how it went; a failing job never stops the others."""
    output = StringIO()
    status = JobRun.Status.SUCCEEDED
    try:
        call_command(job.command, *job.args, stdout=output, stderr=output)
    except Exception:
        logger.exception("Scheduled job %s failed", job.name)
        output.write(traceback.format_exc())
        status = JobRun.Status.FAILED
    text = output.getvalue()
    JobRun.objects.filter(pk=run.pk).update(
        status=status, finished_at=timezone.now(), output=text[-OUTPUT_LIMIT:]
    )
    run.refresh_from_db()
    logger.info("Scheduled job %s: %s", job.name, status)
    return run


def run_due(now=None, jobs=None):
    """Run, one after the other, every job due now that no other process has claimed."""
    now = now or timezone.now()
    jobs = get_jobs() if jobs is None else jobs
    runs = []
    for job in jobs.values():
        if not job.is_due(now):
            continue
        run = claim(job, now)
        if run is not None:
            runs.append(execute(job, run))
    return runs
