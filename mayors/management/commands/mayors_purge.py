from django.core.management.base import BaseCommand

from mayors.tasks import purge_decided


class Command(BaseCommand):
    help = "Supprime les dossiers décidés et leurs pièces après la durée de conservation de l’appel (RGPD)."

    def handle(self, *args, **options):
        self.stdout.write(f"Dossiers purgés : {purge_decided()}.")
