"""The French catalogue without GNU gettext at install time.

Msgids are written in French, so the catalogue's only work is to give French plural
rules (``n > 1``: « 0 résultat ») to every plural string; Django would otherwise apply
the English rule to any msgid missing from a catalogue. Babel compiles it, so a
server needs no ``msgfmt``.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.conf import settings

PLURAL_FORMS = "nplurals=2; plural=(n > 1);"


def catalogues():
    for folder in settings.LOCALE_PATHS:
        yield from sorted(Path(folder).glob("*/LC_MESSAGES/*.po"))


def fill_plurals(po_path):
    """Give every plural entry its own French forms and the French plural rule.

    Singular entries stay empty on purpose (the msgid is the French text); fuzzy
    entries, left by msgmerge after a msgid changed, are emptied (singular) or
    refilled (plural): a neighbour's text would only be wrong.
    """
    with open(po_path, "rb") as handle:
        catalogue = read_po(handle, locale="fr")
    catalogue._num_plurals, catalogue._plural_expr = 2, "(n > 1)"
    catalogue.fuzzy = False
    catalogue.locale = "fr"
    catalogue.project, catalogue.version = "grand-quercy", ""
    catalogue.language_team = "Français"
    for message in catalogue:
        if not message.id:
            continue
        if not message.pluralizable:
            if message.fuzzy:
                message.string = ""
                message.flags.discard("fuzzy")
                message.previous_id = []
            continue
        if message.fuzzy or not all(message.string):
            message.string = (message.id[0], message.id[1])
            message.flags.discard("fuzzy")
            message.previous_id = []
    with open(po_path, "wb") as handle:
        write_po(handle, catalogue, width=76, sort_output=False)


def compile_catalogues():
    """Write each .mo beside its .po (the .mo files stay out of git)."""
    compiled = []
    for po_path in catalogues():
        with open(po_path, "rb") as handle:
            catalogue = read_po(handle)
        mo_path = po_path.with_suffix(".mo")
        with open(mo_path, "wb") as handle:
            write_mo(handle, catalogue)
        compiled.append(mo_path)
    return compiled
