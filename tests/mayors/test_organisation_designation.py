"""An organisation's legal representative designates which members deposit, as a mayor
designates an adjoint·e: from the dashboard, without JavaScript, checked on the server;
the dashboard lists the démarche’s pieces, required or not."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mayors.models import DemarcheDocument, ElectedOfficial, Role

from .factories import (
    PASSWORD,
    DemarcheFactory,
    OfficialFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def official(organisation, role, email, **fields):
    return OfficialFactory(
        commune=None,
        organisation=organisation,
        role=role,
        user=UserFactory(email=email, first_name="Lou", last_name=email[:6]),
        **fields,
    )


@pytest.fixture
def association(db):
    return OrganisationFactory(name="Association Bien Vieillir en Quercy")


@pytest.fixture
def president(association):
    return official(association, Role.REPRESENTANT, "presidente@bien-vieillir.example")


@pytest.fixture
def member(association):
    return official(association, Role.MEMBRE, "benevole@bien-vieillir.example")


def login(client, user):
    client.login(email=user.email, password=PASSWORD)
    return client


def designate(client, target, can_submit):
    return client.post(
        reverse("mayors:designate", args=[target.pk]),
        {"can_submit": "1" if can_submit else "0"},
        follow=True,
    )


def test_the_representative_ticks_and_unticks_a_member(client, president, member):
    page = login(client, president.user).get(reverse("mayors:dashboard")).text
    assert "Qui dépose pour l’organisation ?" in page
    assert reverse("mayors:designate", args=[member.pk]) in page
    assert "Autoriser à déposer" in page
    response = designate(client, member, True)
    member.refresh_from_db()
    assert member.can_submit and member.may_submit
    assert (
        "peut désormais déposer les dossiers de Association Bien Vieillir en Quercy."
        in response.text
    )
    assert "Retirer ce droit" in response.text
    response = designate(client, member, False)
    member.refresh_from_db()
    assert not member.can_submit
    assert "ne peut plus déposer les dossiers de Association" in response.text


@pytest.mark.parametrize("who", ["member", "other_representative", "mayor"])
def test_others_cannot_designate_a_member(
    client, who, association, president, member, mayor_a
):
    other = OrganisationFactory(name="Association Sport Santé Lot")
    actors = {
        "member": official(
            association, Role.MEMBRE, "tresoriere@bien-vieillir.example"
        ),
        "other_representative": official(
            other, Role.REPRESENTANT, "president@sport-sante.example"
        ),
    }
    user = mayor_a if who == "mayor" else actors[who].user
    page = login(client, user).get(reverse("mayors:dashboard")).text
    assert reverse("mayors:designate", args=[member.pk]) not in page
    response = client.post(
        reverse("mayors:designate", args=[member.pk]), {"can_submit": "1"}
    )
    assert response.status_code == 404
    member.refresh_from_db()
    assert not member.can_submit


def test_a_representative_designates_neither_an_adjoint_nor_a_representative(
    client, president, association, commune_a
):
    adjoint = OfficialFactory(
        commune=commune_a,
        role=Role.ADJOINT,
        user=UserFactory(email="adjoint@arcambal.fr"),
    )
    second = official(association, Role.REPRESENTANT, "vice@bien-vieillir.example")
    login(client, president.user)
    for target in (adjoint, second):
        response = client.post(
            reverse("mayors:designate", args=[target.pk]), {"can_submit": "1"}
        )
        assert response.status_code == 404
    assert not ElectedOfficial.objects.filter(can_submit=True).exists()


def test_dashboard_queries_do_not_grow_with_the_members(client, association, president):
    login(client, president.user)
    url = reverse("mayors:dashboard")
    counts = []
    members = []
    for size in (1, 8):
        while len(members) < size:
            members.append(
                official(
                    association,
                    Role.MEMBRE,
                    f"membre{len(members)}@bien-vieillir.example",
                    can_submit=len(members) % 2 == 0,
                )
            )
        client.get(url)  # warm: content types, site settings
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        text = response.text
        assert (
            text.count("Autoriser à déposer") + text.count("Retirer ce droit") == size
        )
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1], counts
    print(f"dashboard of a representative: {counts} queries at 1 and 8 members")  # noqa: T201


def test_the_dashboard_lists_every_piece_required_or_not(
    client, cto, association, president
):
    call = DemarcheFactory(
        contract=cto, open_to_associations=True, required_documents="Statuts"
    )
    DemarcheDocument.objects.create(
        call=call, sort_order=5, name="Lettres de soutien", required=False
    )
    page = login(client, president.user).get(reverse("mayors:dashboard")).text
    assert "Pièces demandées :" in page
    assert "<li>Statuts (obligatoire)</li>" in page
    assert "<li>Lettres de soutien (facultative)</li>" in page
