"""``compilemessages`` with Babel, so installing the site needs no GNU gettext."""

from django.core.management.base import BaseCommand

from cms.i18n import compile_catalogues


class Command(BaseCommand):
    help = "Compile the project's .po catalogues to .mo with Babel."

    def handle(self, *args, **options):
        for mo_path in compile_catalogues():
            self.stdout.write(f"{mo_path}")
