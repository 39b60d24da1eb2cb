"""The démarche's « nombre maximal de dossiers par porteur » counts each holder's own
dossiers: an organisation reaches its maximum and is told so, another organisation
and a commune keep their places."""

import pytest
from django.urls import reverse

from mayors.models import CallForPriorities, Submission

from .factories import (
    PASSWORD,
    DemarcheFactory,
    OrganisationFactory,
    organisation_member,
)

pytestmark = pytest.mark.django_db
FULL = "Votre organisation a déjà 2 dossiers pour cette démarche"


def new_dossier(client, user, call, organisation, title):
    client.login(email=user.email, password=PASSWORD)
    return client.post(
        reverse(
            "mayors:organisation_submission_create", args=[call.pk, organisation.pk]
        ),
        {"title": title},
        follow=True,
    )


def test_the_label_names_the_holder():
    field = CallForPriorities._meta.get_field("max_priorities")
    assert field.verbose_name == "nombre maximal de dossiers par porteur"


def test_an_organisation_reaches_its_maximum_and_others_keep_theirs(
    client, cto, commune_a, mayor_a
):
    call = DemarcheFactory(contract=cto, max_priorities=2, open_to_associations=True)
    first = OrganisationFactory(name="Association Bien Vieillir en Quercy")
    other = OrganisationFactory(name="Association Sport Santé Lot")
    president = organisation_member(first, "presidente@bien-vieillir.example")
    Submission.create_draft(call=call, commune=commune_a, by=mayor_a, title="École")
    for title in ("Ateliers mémoire", "Marche nordique"):
        new_dossier(client, president, call, first, title)
    response = new_dossier(client, president, call, first, "Un troisième")
    assert FULL in response.text
    assert Submission.objects.filter(organisation=first).count() == 2
    new_dossier(
        client,
        organisation_member(other, "president@sport-sante.example"),
        call,
        other,
        "Sport sur ordonnance",
    )
    assert Submission.objects.filter(organisation=other).count() == 1
    assert Submission.objects.filter(commune=commune_a).count() == 1
