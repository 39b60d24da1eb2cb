"""Answers promised by a date: the promise on the page, late answers for the public and
for the moderators' dashboard, and cached pages that never outlive the promised day."""

import datetime
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from participation.models import Answer, ConsultationPage, Proposal
from participation.models.contributions import Status

from . import factories

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def late_consultation(site_root, promised_days_ago=3, **fields):
    today = timezone.localdate(timezone=PARIS)
    return factories.consultation(
        site_root,
        "closed",
        answers_promised_by=today - datetime.timedelta(days=promised_days_ago),
        **fields,
    )


@pytest.fixture
def late(site_root):
    """A closed consultation promised 3 days ago: 2 proposals wait, 1 is answered."""
    page = late_consultation(site_root, title="Commerces de centre-bourg")
    waiting = [
        factories.ProposalFactory(consultation=page, title=f"Sans réponse {n}")
        for n in (1, 2)
    ]
    answered = factories.ProposalFactory(consultation=page, title="Déjà répondue")
    Answer.objects.create(proposal=answered, status="accepted", explanation="Oui.")
    factories.ProposalFactory(
        consultation=page, title="En attente", status=Status.PENDING
    )
    factories.ProposalFactory(consultation=page, title="Masquée", status=Status.HIDDEN)
    return {"page": page, "waiting": waiting, "answered": answered}


def text_of(response):
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def cards_section(html):
    return html.split('id="propositions"')[1].split('id="commentaires')[0]


def test_the_page_states_the_promise_and_nothing_is_late_before(client, site_root):
    page = factories.consultation(
        site_root, "open", answers_promised_by=datetime.date(2031, 3, 15)
    )
    factories.ProposalFactory(consultation=page)
    text = text_of(client.get(page.url))
    assert (
        "Le Grand Quercy s’engage à répondre à chaque proposition au plus tard "
        "le 15 mars 2031." in text
    )
    assert "Réponses en retard" not in text and "Réponse en retard" not in text
    assert page.late_answers_count() == 0


def test_late_answers_are_shown_on_the_page_each_card_and_proposal_page(client, late):
    page = ConsultationPage.objects.get(pk=late["page"].pk)
    assert page.answers_are_late and page.late_answers_count() == 2
    with translation.override("fr"):
        date = dateformat.format(page.answers_promised_by, "j F Y")
    response = client.get(page.url)
    text = text_of(response)
    assert (
        "Réponses en retard : 2 propositions attendent encore leur réponse, promise "
        f"pour le {date}." in text
    )
    cards = cards_section(response.content.decode())
    assert cards.count("Réponse en retard") == 2  # the answered one has none
    for proposal in late["waiting"]:
        proposal = Proposal.objects.select_related("consultation").get(pk=proposal.pk)
        assert proposal.answer_is_late
        detail = text_of(client.get(proposal.get_absolute_url()))
        assert "Réponse en retard" in detail
        assert "La réponse était promise au plus tard le" in detail
    answered = text_of(client.get(late["answered"].get_absolute_url()))
    assert "Réponse en retard" not in answered and "Retenue" in answered


def test_pending_and_hidden_proposals_are_not_counted(late):
    assert not Proposal.objects.get(title="En attente").answer_is_late
    assert not Proposal.objects.get(title="Masquée").answer_is_late
    assert not Proposal.objects.get(title="Déjà répondue").answer_is_late


def test_one_proposal_left_is_said_in_the_singular_and_answering_clears_it(
    client, late
):
    page = late["page"]
    first, second = late["waiting"]
    Answer.objects.create(proposal=first, status="studying", explanation="À l’étude.")
    text = text_of(client.get(page.url))
    assert "1 proposition attend encore sa réponse" in text
    assert text_of(client.get(first.get_absolute_url())).count("en retard") == 0
    Answer.objects.create(proposal=second, status="rejected", explanation="Non.")
    text = text_of(client.get(page.url))
    assert "Réponses en retard" not in text and "Réponse en retard" not in text


def test_the_promised_day_ends_at_midnight_in_paris(site_root, time_machine):
    time_machine.move_to(paris(2030, 6, 10, 12, 0), tick=False)
    page = factories.consultation(
        site_root, "closed", answers_promised_by=datetime.date(2030, 6, 10)
    )
    factories.ProposalFactory(consultation=page)
    assert page.answers_deadline() == paris(2030, 6, 11, 0, 0)
    time_machine.move_to(paris(2030, 6, 10, 23, 59, 59), tick=False)
    assert not page.answers_are_late
    time_machine.move_to(paris(2030, 6, 11, 0, 0, 0), tick=False)
    assert page.answers_are_late
    assert ConsultationPage.objects.get(pk=page.pk).late_answers_count() == 1


def s_maxage(response):
    return int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])


def test_no_cached_copy_outlives_the_promised_day(client, site_root, time_machine):
    """Midnight is no database write: the page cache must not keep the page past it."""
    time_machine.move_to(paris(2030, 6, 10, 23, 45), tick=False)
    page = factories.consultation(
        site_root, "closed", answers_promised_by=datetime.date(2030, 6, 10)
    )
    proposal = factories.ProposalFactory(consultation=page)
    url = page.url
    # 15 minutes before midnight: past the cache's 10 minutes, the page may be kept
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    # 5 minutes before: a copy is kept until midnight, not after
    time_machine.move_to(paris(2030, 6, 10, 23, 55), tick=False)
    response = client.get(url)
    assert "Réponses en retard" not in text_of(response)
    detail = client.get(proposal.get_absolute_url())
    assert "Réponse en retard" not in text_of(detail)
    assert detail["X-Page-Cache"] == "miss"
    assert s_maxage(detail) <= 5 * 60
    time_machine.move_to(paris(2030, 6, 11, 0, 1), tick=False)
    assert "Réponses en retard : 1 proposition" in text_of(client.get(url))
    assert "Réponse en retard" in text_of(client.get(proposal.get_absolute_url()))


# --- the moderators' dashboard ---------------------------------------------------------


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_moderators_see_the_late_consultations_on_their_dashboard(client, late):
    html = dashboard(client, factories.moderator())
    panel = html.split('id="reponses-en-retard-section"')[1]
    page = late["page"]
    assert "Réponses en retard" in html
    assert "Commerces de centre-bourg" in panel
    with translation.override("fr"):
        assert dateformat.format(page.answers_promised_by, "j F Y") in panel
    assert "<td>2</td>" in panel
    link = (
        f"{reverse('participation_proposals:index')}?consultation={page.pk}"
        "&amp;status=published&amp;unanswered=true"
    )
    assert link in panel
    listing = client.get(link.replace("&amp;", "&"))
    assert {str(row) for row in listing.context["object_list"]} == {
        "Sans réponse 1",
        "Sans réponse 2",
    }


def test_consultations_answered_on_time_or_not_yet_due_are_left_out(client, site_root):
    on_time = late_consultation(site_root, title="Tout est répondu")
    answered = factories.ProposalFactory(consultation=on_time)
    Answer.objects.create(proposal=answered, status="accepted", explanation="Oui.")
    not_due = late_consultation(site_root, promised_days_ago=0, title="Pas encore due")
    factories.ProposalFactory(consultation=not_due)
    draft = late_consultation(site_root, title="Brouillon en retard", live=False)
    factories.ProposalFactory(consultation=draft)
    html = dashboard(client, factories.moderator())
    assert 'id="reponses-en-retard-section"' not in html
    assert list(ConsultationPage.with_late_answers()) == []


def test_superusers_see_the_panel_other_staff_do_not(client, late):
    superuser = factories.UserFactory(is_staff=True, is_superuser=True)
    assert 'id="reponses-en-retard-section"' in dashboard(client, superuser)
    client.logout()
    html = dashboard(client, factories.communication_staff())
    assert 'id="reponses-en-retard-section"' not in html
    assert "Commerces de centre-bourg" not in html


def test_residents_cannot_reach_the_dashboard_nor_the_filtered_listing(
    client, late, resident
):
    client.force_login(resident)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    listing = client.get(
        reverse("participation_proposals:index"), {"unanswered": "true"}
    )
    assert listing.status_code in (302, 403)


def test_dashboard_queries_do_not_grow_with_late_consultations(client, site_root):
    moderator = factories.moderator()
    client.force_login(moderator)
    url = reverse("wagtailadmin_home")

    def grow(consultations, proposals):
        for _ in range(consultations):
            page = late_consultation(site_root)
            factories.ProposalFactory.create_batch(proposals, consultation=page)

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        return len(queries), html.count("unanswered=true")

    grow(1, 2)
    small = count()
    grow(6, 8)
    large = count()
    assert (small[1], large[1]) == (1, 7)
    assert small[0] == large[0]


# --- in Chromium ------------------------------------------------------------------------


@pytest.mark.browser
def test_late_pages_are_accessible(browser_page, site_root):
    from tests.browser import assert_accessible

    page = late_consultation(site_root, title="Commerces de centre-bourg")
    proposal = factories.ProposalFactory(consultation=page, title="Un marché le soir")
    browser_page.goto(page.url)
    assert browser_page.get_by_text("Réponses en retard :").is_visible()
    assert_accessible(browser_page)
    browser_page.get_by_role("link", name="Un marché le soir").click()
    browser_page.wait_for_url(f"**{proposal.get_absolute_url()}")
    assert browser_page.get_by_text("Réponse en retard").first.is_visible()
    assert_accessible(browser_page)


def test_every_consultation_states_when_answers_are_promised(client, site_root):
    page = factories.consultation(site_root, "open", title="Sans date fixée")
    page.save_revision().publish()
    page = ConsultationPage.objects.get(pk=page.pk)
    expected = timezone.localdate(page.closes_at) + datetime.timedelta(days=90)
    assert page.answers_promised_by == expected
    with translation.override("fr"):
        promised = dateformat.format(expected, "j F Y")
    html = " ".join(client.get(page.url).content.decode().split())
    assert promised in html
    # a date staff chose is kept
    page.answers_promised_by = expected + datetime.timedelta(days=10)
    page.save_revision().publish()
    assert ConsultationPage.objects.get(pk=page.pk).answers_promised_by == (
        expected + datetime.timedelta(days=10)
    )
