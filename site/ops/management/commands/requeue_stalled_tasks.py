from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ops.tasks import requeue_stalled_tasks


class Command(BaseCommand):
    help = (
        "Remet en file les tâches restées « en cours » après l’arrêt brutal d’un "
        "worker, pour qu’elles s’exécutent à nouveau."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=settings.OPS_STALLED_TASK_MINUTES,
            help="Âge minimal d’une tâche « en cours » pour la croire abandonnée.",
        )

    def handle(self, *args, older_than_minutes, **options):
        cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
        requeued, failed = requeue_stalled_tasks(cutoff)
        self.stdout.write(
            f"{requeued} tâche(s) remise(s) en file, {failed} abandonnée(s)."
        )
