"""The mayor's path through the intranet with plain form posts (no JavaScript)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mayors.models import Submission

from .factories import PASSWORD, add_attachment, make_complete_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def mayor_client(client, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    return client


def test_create_edit_and_submit_without_javascript(
    mayor_client, call, commune_a, measure, mayor_a, django_capture_on_commit_callbacks
):
    response = mayor_client.post(
        reverse("mayors:submission_create", args=[call.pk, commune_a.pk]),
        {"title": "Maison de santé", "description": "Trois cabinets médicaux."},
    )
    submission = Submission.objects.get(title="Maison de santé")
    assert response.status_code == 302
    assert submission.rank == 1 and submission.created_by == mayor_a
    edit_url = reverse("mayors:submission_edit", args=[submission.pk])
    data = {
        "title": "Maison de santé",
        "description": "Trois cabinets médicaux.",
        "measure": measure.pk,
        "estimated_cost": "480000",
        "planned_start": "2027-04-01",
        "planned_end": "2028-09-30",
        "maturity": "studies",
        "latitude": "44.455",
        "longitude": "1.515",
        "financement-TOTAL_FORMS": "2",
        "financement-INITIAL_FORMS": "0",
        "financement-MIN_NUM_FORMS": "0",
        "financement-MAX_NUM_FORMS": "20",
        "financement-0-funder": "region",
        "financement-0-amount": "120000",
        "financement-0-status": "requested",
        "financement-1-funder": "etat",
        "financement-1-amount": "150000",
        "financement-1-status": "secured",
    }
    response = mayor_client.post(edit_url, data)
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else ""
    )
    submission.refresh_from_db()
    assert submission.financing_lines.count() == 2
    assert submission.maturity == "studies"
    add_attachment(submission, mayor_a, kind="Délibération du conseil municipal")
    confirm = mayor_client.get(
        reverse("mayors:submission_submit", args=[submission.pk])
    )
    assert "Confirmer le dépôt" in confirm.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = mayor_client.post(
            reverse("mayors:submission_submit", args=[submission.pk]), follow=True
        )
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED
    page = response.content.decode()
    assert "Accusé de réception électronique" in page
    assert submission.reference in page
    assert "contrats@grandquercy.fr" in page or "@" in page
    assert any(submission.reference in m.subject for m in mail.outbox)
    # Once submitted, the dossier is frozen for the commune.
    assert mayor_client.get(edit_url).status_code == 403


def test_point_outside_the_commune_is_explained(mayor_client, call, commune_a, mayor_a):
    submission = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="Halle"
    )
    response = mayor_client.post(
        reverse("mayors:submission_edit", args=[submission.pk]),
        {
            "title": "Halle",
            "latitude": "45.9",
            "longitude": "3.1",
            "financement-TOTAL_FORMS": "0",
            "financement-INITIAL_FORMS": "0",
            "financement-MIN_NUM_FORMS": "0",
            "financement-MAX_NUM_FORMS": "20",
        },
    )
    assert response.status_code == 200
    assert "Arcambal" in str(response.context["form"].errors["latitude"])
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    submission.refresh_from_db()
    assert submission.latitude is None


def test_incomplete_submission_is_explained(mayor_client, call, commune_a, mayor_a):
    submission = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="Idée"
    )
    response = mayor_client.post(
        reverse("mayors:submission_submit", args=[submission.pk]), follow=True
    )
    assert "Le dossier est incomplet" in response.content.decode()
    submission.refresh_from_db()
    assert submission.state == Submission.State.DRAFT


def test_reorder_with_buttons(mayor_client, call, commune_a, mayor_a):
    first = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="Premier"
    )
    second = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="Second"
    )
    response = mayor_client.post(
        reverse("mayors:submission_move", args=[second.pk, "monter"])
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.rank, first.rank) == (1, 2)
    assert (
        mayor_client.get(
            reverse("mayors:submission_move", args=[second.pk, "monter"])
        ).status_code
        == 405
    )


def test_max_priorities_reached_is_explained(
    mayor_client, call, commune_a, mayor_a, refusals
):
    for i in range(call.max_priorities):
        Submission.create_draft(call=call, commune=commune_a, by=mayor_a, title=f"P{i}")
    url = reverse("mayors:submission_create", args=[call.pk, commune_a.pk])
    # Refused before the form is filled, with the reason.
    assert refusals(mayor_client, url) == (
        "Votre commune a déjà 3 priorités pour cet appel : retirez-en une pour en "
        "proposer une autre."
    )
    response = mayor_client.post(url, {"title": "De trop"})
    assert response.status_code == 403
    assert not Submission.objects.filter(title="De trop").exists()


def test_after_the_deadline_edit_and_submit_are_refused(
    mayor_client, call, commune_a, measure, mayor_a
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    type(call).objects.filter(pk=call.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert (
        mayor_client.post(
            reverse("mayors:submission_edit", args=[draft.pk]), {"title": "Tard"}
        ).status_code
        == 403
    )
    response = mayor_client.post(
        reverse("mayors:submission_submit", args=[draft.pk]), follow=True
    )
    assert "date limite" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == Submission.State.DRAFT and draft.title != "Tard"


def test_withdraw_with_reason(mayor_client, call, commune_a, measure, mayor_a):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    draft.submit(by=mayor_a)
    response = mayor_client.post(
        reverse("mayors:submission_withdraw", args=[draft.pk]),
        {"reason": "Reporté à 2028"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == Submission.State.WITHDRAWN
    detail = mayor_client.get(
        reverse("mayors:submission_detail", args=[draft.pk])
    ).content.decode()
    assert "Reporté à 2028" in detail and "Retiré" in detail


def test_acknowledgement_page_holds_what_the_law_requires(
    mayor_client, call, commune_a, measure, mayor_a
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    draft.submit(by=mayor_a)
    page = mayor_client.get(
        reverse("mayors:acknowledgement", args=[draft.pk])
    ).content.decode()
    for expected in (
        draft.reference,
        "Reçu le",
        "Service chargé du dossier",
        "Courriel",
        "Téléphone",
        "Pôle des Politiques Contractuelles",
    ):
        assert expected in page


def test_no_acknowledgement_before_submission(mayor_client, call, commune_a, mayor_a):
    draft = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="Brouillon"
    )
    assert (
        mayor_client.get(reverse("mayors:acknowledgement", args=[draft.pk])).status_code
        == 404
    )


def test_commune_reply_reaches_staff_by_email(mayor_client, call, commune_a, mayor_a):
    draft = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="Voirie"
    )
    mail.outbox.clear()
    mayor_client.post(
        reverse("mayors:message_create", args=[draft.pk]),
        {"body": "Le devis arrive lundi."},
    )
    assert [m.to for m in mail.outbox] == [["contrats@grandquercy.test"]]
    assert "Le devis arrive lundi." in mail.outbox[0].body


def test_dashboard_shows_time_left_submissions_and_next_session(
    mayor_client, call, commune_a, mayor_a
):
    from .factories import SessionFactory

    Submission.create_draft(call=call, commune=commune_a, by=mayor_a, title="Cantine")
    SessionFactory(title="Conférence de printemps")
    page = mayor_client.get(reverse("mayors:dashboard")).content.decode()
    assert "Cantine" in page and "Brouillon" in page
    assert "clôture le" in page and "dans 2" in page  # « dans 2 semaines, 6 jours »
    assert "Conférence de printemps" in page


def test_only_the_calls_cto_measures_are_offered(
    mayor_client, call, commune_a, mayor_a, measure, site_root
):
    from contrats.models import Mesure
    from tests.contrats.factories import make_contract

    make_contract(site_root, kind="CRTE", short_name="CRTE", tree=(1, 1, 1))
    other = Mesure.objects.exclude(axe__orientation__contract=call.contract).get()
    submission = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="Piste"
    )
    form = mayor_client.get(
        reverse("mayors:submission_edit", args=[submission.pk])
    ).context["form"]
    offered = set(form.fields["measure"].queryset)
    assert measure in offered and other not in offered
