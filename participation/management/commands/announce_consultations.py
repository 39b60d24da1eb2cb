from django.core.management.base import BaseCommand

from participation.models import ConsultationPage


class Command(BaseCommand):
    help = "Annonce par courriel les consultations qui viennent d’ouvrir (à lancer toutes les heures)."

    def handle(self, *args, **options):
        sent = 0
        for consultation in ConsultationPage.objects.live().filter(
            announcement__isnull=True
        ):
            sent += consultation.announce_opening()
        self.stdout.write(f"{sent} courriel(s) envoyé(s).")
