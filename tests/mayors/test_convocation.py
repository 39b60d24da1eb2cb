"""The Conférence: convocation with the opinion window, the draft PO and an .ics; no
pre-chosen blank answer; participation rate in the results."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mayors.models import Opinion, Submission
from mayors.programme import compile_programme

from .factories import PASSWORD, SessionFactory, make_complete_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(call, commune_a, mayor_a, measure, staff):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    draft.submit(by=mayor_a)
    draft.start_review(by=staff)
    draft.decide(by=staff, outcome=Submission.State.RETAINED)
    return compile_programme(call).version.po


@pytest.fixture
def session(programme):
    now = timezone.now()
    return SessionFactory(
        programme=programme,
        opinion_opens_at=now - datetime.timedelta(days=1),
        opinion_closes_at=now + datetime.timedelta(days=6),
    )


def test_convocation_gives_the_window_the_draft_po_and_an_ics(
    client, session, mayor_a, mayor_b, staff
):
    client.login(email=staff.email, password=PASSWORD)
    mail.outbox.clear()
    client.post(reverse("mayors_session:convoke", args=[session.pk]))
    message = next(m for m in mail.outbox if m.to == [mayor_a.email])
    local_close = timezone.localtime(session.opinion_closes_at)
    assert f"{local_close:%H} h {local_close:%M}" in message.body
    assert "L’avis de votre commune sur le projet de Programme Opérationnel" in (
        message.body
    )
    assert reverse("mayors:draft_programme", args=[session.pk]) in message.body
    assert (
        reverse(
            "mayors:opinion", args=[session.pk, mayor_a.memberships.get().commune_id]
        )
        in message.body
    )
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["summary"]) == session.title
    assert event.decoded("dtstart") == session.starts_at.replace(microsecond=0)


def test_members_read_the_draft_po_and_download_the_ics(client, session, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    html = client.get(reverse("mayors:draft_programme", args=[session.pk])).text
    assert "Rénovation de l’école" in html and "80\u202f000\u00a0€" in html
    assert "n’est pas encore adopté" in html
    response = client.get(reverse("mayors:session_ics", args=[session.pk]))
    assert response["Content-Type"] == "text/calendar"
    dashboard = client.get(reverse("mayors:dashboard")).text
    assert reverse("mayors:session_ics", args=[session.pk]) in dashboard


def test_draft_po_and_ics_are_refused_to_residents(client, session, resident):
    client.login(email=resident.email, password=PASSWORD)
    for name in ("mayors:draft_programme", "mayors:session_ics"):
        assert client.get(reverse(name, args=[session.pk])).status_code == 403


def test_the_opinion_form_chooses_nothing_in_advance(
    client, session, mayor_a, commune_a
):
    client.login(email=mayor_a.email, password=PASSWORD)
    url = reverse("mayors:opinion", args=[session.pk, commune_a.pk])
    html = client.get(url).text
    assert "---------" not in html and "checked" not in html
    assert html.count('type="radio"') == 3
    response = client.post(url, {"comment": ""})
    assert "Choisissez l’avis de la commune." in response.text


def test_results_give_the_participation_rate(
    client, session, mayor_a, mayor_b, commune_a, staff
):
    Opinion.objects.create(
        session=session, commune=commune_a, author=mayor_a, verdict="favourable"
    )
    client.login(email=staff.email, password=PASSWORD)
    html = client.get(reverse("mayors_session:inspect", args=[session.pk])).text
    assert "1 commune sur 2 a donné son avis, soit 50 %" in html
    assert session.participation() == {"given": 1, "expected": 2, "rate": 50}
