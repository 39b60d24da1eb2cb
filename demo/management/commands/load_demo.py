from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_MODULES = ["cms.demo", "contrats.demo", "participation.demo", "mayors.demo"]


class Command(BaseCommand):
    help = (
        "Charge le contenu de démonstration (idempotent : relancer ne duplique rien)."
    )

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            module = import_module(name)
            with transaction.atomic():
                module.load(self.stdout)
        from cms.demo import link_home_entry_points

        with transaction.atomic():
            link_home_entry_points()
        if settings.DEBUG:
            from cms.demo import print_staff_logins

            print_staff_logins(self.stdout)
        elif not options.get("skip_checks"):
            self.stdout.write(
                "Comptes de démonstration non affichés (DEBUG désactivé)."
            )

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except LookupError as error:
            raise CommandError(str(error)) from error
