"""Django's ``makemessages``, then the French plural forms filled in (cms.i18n)."""

from django.core.management.commands import makemessages

from cms.i18n import catalogues, fill_plurals


class Command(makemessages.Command):
    # The msgids are the French text itself: a guessed (fuzzy) neighbour would only
    # be wrong, so a new msgid starts empty and reads as written.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

    def handle(self, *args, **options):
        super().handle(*args, **options)
        for po_path in catalogues():
            fill_plurals(po_path)
