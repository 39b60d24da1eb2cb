import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils.timezone import localtime

from ops.jobs import get_jobs, run_due

logger = logging.getLogger("ops.scheduler")


class Command(BaseCommand):
    help = (
        "Lance les tâches périodiques déclarées par les applications, chacune une fois "
        "par échéance même si le planificateur tourne sur plusieurs machines."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Lancer les tâches dues maintenant puis s’arrêter.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=20.0,
            help="Secondes entre deux passages (20 par défaut).",
        )

    def handle(self, *args, once=False, interval=20.0, **options):
        jobs = get_jobs()
        if once:
            self.tick(jobs)
            return
        self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        logger.info("Scheduler started with %d job(s): %s", len(jobs), ", ".join(jobs))
        while not self.stopping:
            close_old_connections()  # a restarted database is reconnected to
            self.tick(jobs)
            deadline = time.monotonic() + interval
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(min(1.0, interval))
        logger.info("Scheduler stopped.")

    def stop(self, signum, frame):
        """Finish the job at hand, then leave: a run is never cut in half by a deploy."""
        self.stopping = True

    def tick(self, jobs):
        try:
            runs = run_due(jobs=jobs)
        except DatabaseError:
            # The database is away: try again at the next tick, nothing is lost.
            logger.exception("Scheduler tick failed")
            return
        for run in runs:
            self.stdout.write(
                f"{run.job} [{localtime(run.slot):%Y-%m-%d %H:%M}] : {run.get_status_display()}"
            )
