from django.core.management.base import BaseCommand

from accounts.notifications import send_digests


class Command(BaseCommand):
    help = (
        "Envoie à chacun sa lettre de suivi : les étapes de ce qu’il suit qui ne lui "
        "ont pas encore été annoncées (à lancer chaque semaine, par exemple le lundi)."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} lettre(s) envoyée(s).")
