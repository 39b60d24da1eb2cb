from django.core.management.base import BaseCommand

from mayors.tasks import expire_idle_drafts


class Command(BaseCommand):
    help = "Avertit puis fait expirer les brouillons inactifs depuis trois mois."

    def handle(self, *args, **options):
        warned, expired = expire_idle_drafts()
        self.stdout.write(f"Brouillons avertis : {warned} ; expirés : {expired}.")
