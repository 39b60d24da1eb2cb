from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from ops.models import JobRun


class Command(BaseCommand):
    help = "Supprime le journal des tâches planifiées terminées depuis plus de N jours."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _ = (
            JobRun.objects.exclude(status=JobRun.Status.RUNNING)
            .filter(started_at__lt=cutoff)
            .delete()
        )
        self.stdout.write(f"{deleted} exécution(s) supprimée(s).")
