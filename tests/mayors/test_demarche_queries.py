"""Query budgets of a démarche's pages: the same count at two sizes."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contrats.models import Mesure
from mayors.models import DemarcheField, FinancingPlanLine, Submission

from .factories import (
    PASSWORD,
    CommuneFactory,
    DemarcheFactory,
    DemarcheFieldFactory,
    add_attachment,
)

pytestmark = pytest.mark.django_db
Kind = DemarcheField.Kind


@pytest.fixture
def demarche(cto):
    call = DemarcheFactory(contract=cto, max_priorities=50, required_documents="")
    for label, key, kind in (
        ("Communes concernées", "communes", Kind.COMMUNES),
        ("Mesure", "mesure", Kind.MEASURE),
        ("Montant", "montant", Kind.AMOUNT),
        ("Plan de financement", "plan", Kind.FINANCING),
        ("Plan de situation", "plan-situation", Kind.FILE),
    ):
        DemarcheFieldFactory(call=call, label=label, key=key, kind=kind)
    return call


def grow(dossier, by, communes, size):
    """``size`` communes answered, financing lines and pieces."""
    dossier.answers = {
        "communes": [c.pk for c in communes[:size]],
        "mesure": Mesure.objects.first().pk,
        "montant": "12000",
    }
    dossier.save(update_fields=["answers"])
    for _ in range(size):
        for funder in ("region", FinancingPlanLine.SELF_FUNDING):
            FinancingPlanLine.objects.create(
                submission=dossier, funder=funder, amount=Decimal(1000)
            )
        add_attachment(dossier, by, kind="Plan de situation")


def count(client, url, **params):
    client.get(url, params)  # warm: content types, site settings
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_dossier_page_and_are_do_not_grow(client, demarche, commune_a, mayor_a):
    communes = [commune_a, *CommuneFactory.create_batch(12, epci=commune_a.epci)]
    client.login(email=mayor_a.email, password=PASSWORD)
    counts = []
    for size in (1, 12):
        dossier = Submission.create_draft(
            call=demarche, commune=commune_a, by=mayor_a, title=f"Dossier {size}"
        )
        grow(dossier, mayor_a, communes, size)
        page = reverse("mayors:submission_detail", args=[dossier.pk])
        counts.append(count(client, page))
        dossier.submit(by=mayor_a)
        are = reverse("mayors:acknowledgement", args=[dossier.pk])
        counts.append(count(client, are))
        assert "Plan de situation" in client.get(are).text
    assert counts[:2] == counts[2:], counts
    print(f"démarche dossier page and ARE: {counts[:2]} queries at 1 and 12")  # noqa: T201


def test_staff_listing_of_a_demarche_does_not_grow(
    client, staff, demarche, commune_a, mayor_a
):
    communes = [commune_a, *CommuneFactory.create_batch(5, epci=commune_a.epci)]
    client.login(email=staff.email, password=PASSWORD)
    url = reverse("mayors_submission:index")
    counts = []
    for total in (3, 25):
        while Submission.objects.count() < total:
            dossier = Submission.create_draft(
                call=demarche, commune=commune_a, by=mayor_a, title="Dossier"
            )
            grow(dossier, mayor_a, communes, 2)
        counts.append(count(client, url, call=demarche.pk))
    assert counts[0] == counts[1], counts
    print(f"staff listing of a démarche: {counts[0]} queries at 3 and 25")  # noqa: T201
