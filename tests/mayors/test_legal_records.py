"""Legal records (issue 14): an acknowledged dossier is closed, never deleted; one mayor
per commune; a Conférence vote typed by staff says so."""

import pytest
from django.test import Client
from django.urls import reverse

from contrats.models import Commune
from mayors.models import ElectedOfficial, Opinion, Role, Submission

from .factories import SessionFactory, make_complete_draft

pytestmark = pytest.mark.django_db
State = Submission.State


@pytest.fixture
def acknowledged(call, commune_a, mayor_a, measure):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    draft.submit(by=mayor_a)
    draft.refresh_from_db()
    return draft


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def test_an_acknowledged_dossier_cannot_be_deleted(staff_client, acknowledged):
    """The probe deleted an acknowledged dossier from the admin, leaving no trace."""
    url = reverse("mayors_submission:delete", args=[acknowledged.pk])
    posted = staff_client.post(url, follow=True)
    assert Submission.objects.filter(pk=acknowledged.pk).exists(), "deleted"
    for response in (posted, staff_client.get(url, follow=True)):
        assert "accusé de réception" in response.content.decode()


def test_it_is_closed_with_a_reason_and_a_trace(staff_client, acknowledged, staff):
    act = reverse("mayors_submission:act", args=[acknowledged.pk])
    staff_client.post(act, {"action": State.CLOSED, "message": ""})
    acknowledged.refresh_from_db()
    assert acknowledged.state == State.SUBMITTED, "a reason is required"
    staff_client.post(
        act, {"action": State.CLOSED, "message": "Projet abandonné par la commune."}
    )
    acknowledged.refresh_from_db()
    assert acknowledged.state == State.CLOSED
    assert acknowledged.get_state_display() == "Classé sans suite"
    last = acknowledged.transitions.order_by("pk").last()
    assert (last.to_state, last.actor, last.message) == (
        State.CLOSED,
        staff,
        "Projet abandonné par la commune.",
    )


def test_a_draft_may_still_be_deleted(staff_client, call, commune_a, mayor_a):
    draft = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="Brouillon"
    )
    staff_client.post(reverse("mayors_submission:delete", args=[draft.pk]))
    assert not Submission.objects.filter(pk=draft.pk).exists()


def test_a_second_mayor_for_one_commune_is_refused(staff_client, commune_a, mayor_a):
    response = staff_client.post(
        reverse("mayors_official:add"),
        {
            "email": "deuxieme.maire@arcambal.fr",
            "first_name": "Paul",
            "last_name": "Second",
            "commune": commune_a.pk,
            "role": Role.MAIRE,
            "is_active": "on",
        },
    )
    assert (
        ElectedOfficial.objects.filter(commune=commune_a, role=Role.MAIRE).count() == 1
    ), "a second Maire was invited"
    assert response.status_code == 200
    assert "a déjà un·e maire" in response.content.decode()


def test_a_vote_typed_by_staff_says_so(staff_client, commune_a, staff):
    session = SessionFactory()
    response = staff_client.post(
        reverse("mayors_opinion:add"),
        {"session": session.pk, "commune": commune_a.pk, "verdict": "favourable"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = staff_client.get(reverse("mayors_session:inspect", args=[session.pk]))
    assert "saisi par l’équipe du PETR" in page.content.decode()
    opinion = Opinion.objects.get()
    assert opinion.entered_by_staff and opinion.author == staff
    assert Commune.objects.count() >= 1
