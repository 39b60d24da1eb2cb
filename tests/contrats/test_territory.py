"""The territory import: idempotent, and the open data wins over local edits."""

import pytest
from django.core.management import call_command

from contrats.models import Commune, Epci

pytestmark = pytest.mark.django_db


class Out:
    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text)


def test_import_territory_is_idempotent():
    call_command("import_territory", stdout=Out())
    counts = (Epci.objects.count(), Commune.objects.count())
    cahors = Commune.objects.get(insee_code="46042")
    cahors.population = 1
    cahors.save()
    call_command("import_territory", stdout=Out())
    assert (Epci.objects.count(), Commune.objects.count()) == counts == (10, 312)
    cahors.refresh_from_db()
    assert (
        cahors.population > 1
    )  # the open data wins over local edits of imported fields
