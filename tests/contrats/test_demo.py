"""The territory import and the demo content: idempotent, and true to the source figures."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from contrats.models import (
    Axe,
    Commune,
    ContractPage,
    Epci,
    FinancingLine,
    Mesure,
    Orientation,
    POVersion,
    Project,
)
from demo import contrats as demo

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


def test_demo_loads_twice_and_keeps_the_source_figures(site_root):
    demo.load(Out())
    snapshot = (
        ContractPage.objects.count(),
        Project.objects.count(),
        FinancingLine.objects.count(),
        POVersion.objects.count(),
    )
    demo.load(Out())
    assert snapshot == (
        ContractPage.objects.count(),
        Project.objects.count(),
        FinancingLine.objects.count(),
        POVersion.objects.count(),
    )
    assert Epci.objects.petr_members().count() == 7
    crte = ContractPage.objects.get(kind=ContractPage.Kind.CRTE)
    assert crte.signature_date.isoformat() == "2021-12-17"
    assert Orientation.objects.filter(contract=crte).count() == 3
    assert Axe.objects.filter(orientation__contract=crte).count() == 7
    assert Mesure.objects.filter(axe__orientation__contract=crte).count() == 21
    state_2021 = FinancingLine.objects.filter(
        funder="etat", year=2021, project__in=crte.projects()
    ).aggregate(total=Sum("amount"))["total"]
    assert state_2021 == Decimal("9717373")
    assert crte.figures.sums["y2021"] >= state_2021
    assert {b.value["institution"] for b in crte.committee} >= {
        "État",
        "PETR Grand Quercy",
        "Département du Lot",
        "ADEME Occitanie",
    }
    cto = ContractPage.objects.get(kind=ContractPage.Kind.CTO)
    adopted = POVersion.objects.filter(po__contract=cto, status="adopte")
    assert sorted({v.po.year for v in adopted}) == [2023, 2024]
    assert adopted.filter(kind="avenant").count() == 1
    for line in FinancingLine.objects.filter(funder="region"):
        line.full_clean()  # every Région line satisfies the PO rule
    assert ContractPage.objects.get(kind="RURALITE").is_archived
    assert ContractPage.objects.get(kind="BOURG_CENTRE").zoning.count() >= 5
