from django.core.management.base import BaseCommand

from accounts import retention


class Command(BaseCommand):
    help = "Applique les durées de conservation annoncées par la politique de confidentialité."

    def handle(self, *args, **options):
        done = retention.enforce()
        self.stdout.write(
            "Messages du formulaire de contact supprimés : {contact} ; comptes avertis : "
            "{warned} ; comptes inactifs supprimés : {erased}.".format(**done)
        )
