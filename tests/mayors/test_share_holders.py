"""The 20 % rule (CGCT L1111-10 III) binds a local authority carrying the project —
a commune, an EPCI — not an association: the same plan, all public, deposits for one
and is refused for the others, through the deposit page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from mayors.models import FinancingPlanLine, Organisation, Submission
from tests.aides.factories import AidSchemeFactory

from .factories import (
    PASSWORD,
    DemarcheFactory,
    OrganisationFactory,
    add_attachment,
    organisation_member,
)

pytestmark = pytest.mark.django_db

REASON = "doit atteindre au moins 20 % des financements publics"


@pytest.fixture
def demarche(cto):
    return DemarcheFactory(
        contract=cto,
        title="Contrat Local de Santé — appel à projets 2027",
        open_to_communes=True,
        open_to_epci=True,
        open_to_associations=True,
    )


def all_public_draft(call, by, **holder):
    """100 000 € of cost, all of it asked from the Région and the État."""
    draft = Submission.create_draft(
        call=call,
        by=by,
        title="Maison de santé",
        estimated_cost=Decimal("100000"),
        **holder,
    )
    FinancingPlanLine.objects.create(
        submission=draft, funder="region", amount=Decimal("60000")
    )
    FinancingPlanLine.objects.create(
        submission=draft, funder="etat", amount=Decimal("40000")
    )
    for label in call.required_document_list:
        add_attachment(draft, by, kind=label)
    return draft


def deposit(client, user, draft):
    client.login(email=user.email, password=PASSWORD)
    response = client.post(
        reverse("mayors:submission_submit", args=[draft.pk]), follow=True
    )
    draft.refresh_from_db()
    return response


def test_an_association_funded_entirely_by_public_funders_deposits(client, demarche):
    association = OrganisationFactory(name="Association Bien Vieillir en Quercy")
    president = organisation_member(association, "presidente@bien-vieillir.example")
    draft = all_public_draft(demarche, president, organisation=association)
    response = deposit(client, president, draft)
    assert draft.state == Submission.State.SUBMITTED, response.text
    assert REASON not in response.text


def test_a_commune_with_the_same_plan_is_refused_with_the_reason(
    client, demarche, commune_a, mayor_a
):
    draft = all_public_draft(demarche, mayor_a, commune=commune_a)
    response = deposit(client, mayor_a, draft)
    assert draft.state == Submission.State.DRAFT
    assert REASON in response.text and "L1111-10" in response.text
    assert "La part de la commune" in response.text


def test_an_epci_organisation_with_the_same_plan_is_refused(client, demarche, epci):
    grand_cahors = OrganisationFactory(
        name="Communauté d’agglomération du Grand Cahors",
        kind=Organisation.Kind.EPCI,
        epci=epci,
    )
    president = organisation_member(grand_cahors, "president@grandcahors.example")
    draft = all_public_draft(demarche, president, organisation=grand_cahors)
    response = deposit(client, president, draft)
    assert draft.state == Submission.State.DRAFT
    assert REASON in response.text
    assert "La part de l’EPCI" in response.text


def test_an_associations_scheme_rate_still_applies(client, demarche):
    """Only the share is lifted: a line above its scheme's rate still waits."""
    association = OrganisationFactory()
    president = organisation_member(association, "tresoriere@sante.example")
    draft = all_public_draft(demarche, president, organisation=association)
    FinancingPlanLine.objects.filter(submission=draft, funder="etat").update(
        scheme=AidSchemeFactory(max_rate=Decimal("20"))  # 20 000 € at most
    )
    response = deposit(client, president, draft)
    assert draft.state == Submission.State.DRAFT
    assert "finance au plus 20 % du coût HT" in response.text
    assert REASON not in response.text
