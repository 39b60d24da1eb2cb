from django.core.management.base import BaseCommand

from mayors.tasks import send_closing_reminders


class Command(BaseCommand):
    help = "Rappel aux communes qui ont des brouillons, deux jours avant la clôture d’un appel."

    def handle(self, *args, **options):
        self.stdout.write(f"Communes relancées : {send_closing_reminders()}.")
