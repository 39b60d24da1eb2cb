from django.core.management.base import BaseCommand

from outbox.models import OutgoingEmail, Status, send_waiting


class Command(BaseCommand):
    help = "Envoie les courriels en attente dont l’heure est venue (à lancer chaque minute)."

    def handle(self, *args, **options):
        sent = send_waiting()
        waiting = OutgoingEmail.objects.filter(status=Status.WAITING).count()
        self.stdout.write(f"{sent} courriel(s) envoyé(s), {waiting} en attente.")
