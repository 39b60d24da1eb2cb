from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import aides, cms, contrats, mayors, participation

# In dependency order: each app's demo links to what the previous ones built.
DEMO_MODULES = [cms, contrats, participation, mayors, aides]


class Command(BaseCommand):
    help = (
        "Charge le contenu de démonstration (idempotent : relancer ne duplique rien)."
    )

    def handle(self, *args, **options):
        for module in DEMO_MODULES:
            with transaction.atomic():
                module.load(self.stdout)
        if settings.DEBUG:
            cms.print_staff_logins(self.stdout)
        elif not options.get("skip_checks"):
            self.stdout.write(
                "Comptes de démonstration non affichés (DEBUG désactivé)."
            )

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except LookupError as error:
            raise CommandError(str(error)) from error
