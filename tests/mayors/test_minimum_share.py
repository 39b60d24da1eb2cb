"""The commune's share of a dossier's public funding: at least 20 % (CGCT L1111-10),
checked where the plan's total is, with the reason shown."""

from decimal import Decimal

import pytest
from django.urls import reverse

from mayors.models import FinancingPlanLine, Submission

from .factories import PASSWORD, make_complete_draft

pytestmark = pytest.mark.django_db

REASON = "doit atteindre au moins 20 % des financements publics"


def raise_public_funding(draft, amount):
    """Région and État ask for ``amount`` of the 250 000 € between them."""
    FinancingPlanLine.objects.filter(submission=draft, funder="region").update(
        amount=Decimal(amount) - Decimal(70000)
    )


def test_a_plan_leaving_the_commune_enough_passes(call, commune_a, mayor_a, measure):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    raise_public_funding(draft, 200000)  # the commune pays 50 000 €: exactly 20 %
    assert draft.financing_errors() == []
    assert draft.deposit_problems() == []


def test_a_plan_leaving_the_commune_too_little_cannot_be_deposited(
    call, commune_a, mayor_a, measure
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    raise_public_funding(draft, 210000)  # the commune would pay 40 000 €
    [problem] = draft.deposit_problems()
    assert REASON in problem
    assert "40\u202f000\u00a0€" in problem and "52\u202f500\u00a0€" in problem
    assert "L1111-10" in problem
    with pytest.raises(Exception, match="au moins 20 %"):
        draft.submit(by=mayor_a)
    draft.refresh_from_db()
    assert draft.state == Submission.State.DRAFT


def test_a_private_funder_does_not_count_as_public(call, commune_a, mayor_a, measure):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    raise_public_funding(draft, 200000)
    FinancingPlanLine.objects.create(
        submission=draft, funder="autre", amount=Decimal("10000")
    )
    # 40 000 € left to the commune against 200 000 € of public funding.
    assert REASON in draft.financing_errors()[0]


def test_the_deposit_page_and_the_form_say_why(
    client, call, commune_a, mayor_a, measure
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    raise_public_funding(draft, 230000)
    client.login(email=mayor_a.email, password=PASSWORD)
    html = client.get(reverse("mayors:submission_submit", args=[draft.pk])).text
    assert REASON in html
    assert "Confirmer le dépôt" not in html
