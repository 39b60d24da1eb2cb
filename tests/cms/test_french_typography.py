"""French typography shared by pages and e-mails: « 09 h 19 », « d’Espère »."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import formats

from cms.typography import of

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Espère", "d’Espère"),
        ("Arcambal", "d’Arcambal"),
        ("Cahors", "de Cahors"),
        ("Le Vigan", "du Vigan"),
        ("Les Junies", "des Junies"),
        ("La Bastide-du-Vert", "de La Bastide-du-Vert"),
    ],
)
def test_de_is_elided_and_contracted(name, expected):
    assert of(name) == expected
    rendered = Template("{% load cms_tags %}{{ n|of }}").render(Context({"n": name}))
    assert rendered == expected


def test_times_read_09_h_19():
    moment = datetime.datetime(2026, 12, 4, 9, 19, tzinfo=PARIS)
    assert formats.time_format(moment) == "09 h 19"
    assert formats.date_format(moment, "DATETIME_FORMAT") == "4 décembre 2026 à 09 h 19"
    rendered = Template('{{ d|date:"l j F Y à H \\h i" }}').render(
        Context({"d": moment})
    )
    assert rendered == "vendredi 4 décembre 2026 à 09 h 19"


def test_no_template_writes_times_the_english_way():
    """One style everywhere: no « 09:19 » nor « 09h19 » left in a date filter."""
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    offenders = []
    for path in root.glob("**/templates/**/*"):
        if ".venv" in path.parts or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if 'H:i"' in text or "H\\hi" in text:
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
