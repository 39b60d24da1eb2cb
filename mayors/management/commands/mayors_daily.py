from django.core.management.base import BaseCommand

from mayors import tasks


class Command(BaseCommand):
    help = "Rappels de clôture, expiration des brouillons inactifs, purge RGPD et nouvelle analyse des fichiers (à lancer chaque jour)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Confier le travail à la file des tâches au lieu de l’exécuter ici.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            tasks.daily_maintenance.enqueue()
            self.stdout.write("Tâche quotidienne mise en file.")
            return
        result = tasks.daily_maintenance.call()
        warned, expired = result["expiry"]
        self.stdout.write(
            f"Rappels envoyés : {result['reminders']} ; brouillons avertis : {warned}, "
            f"expirés : {expired} ; dossiers purgés : {result['purged']} ; "
            f"fichiers analysés : {result['rescanned']}."
        )
