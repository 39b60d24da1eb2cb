"""The iCal feed of the consultations' phases and the Conseil's meetings."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from participation.models import CouncilMeeting, CouncilPage

from . import factories

pytestmark = pytest.mark.django_db

URL = "/participation/calendrier.ics"
UTC = datetime.UTC


def events(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def council(site_root):
    index = factories.index_page(site_root)
    page = index.add_child(
        instance=CouncilPage(title="Le Conseil Participatif Citoyen", slug="cpc")
    )
    page.save_revision().publish()
    return CouncilPage.objects.get(pk=page.pk)


def test_each_phase_moment_is_an_event(client, site_root):
    page = factories.consultation(
        site_root,
        "results",
        title="Santé de proximité",
        answers_promised_by=datetime.date(2031, 1, 31),
    )
    found = events(client)
    prefix = f"consultation-{page.pk}-"
    assert set(found) == {
        f"{prefix}{moment}@localhost"
        for moment in ("ouverture", "cloture", "resultats", "reponses")
    }
    opening = found[f"{prefix}ouverture@localhost"]
    assert (
        str(opening["SUMMARY"]) == "Ouverture de la consultation « Santé de proximité »"
    )
    assert opening.decoded("DTSTART") == page.opens_at.astimezone(UTC).replace(
        microsecond=0
    )
    assert opening["DTSTART"].to_ical().endswith(b"Z")  # written in UTC
    assert "DTSTAMP" in opening and str(opening["TRANSP"]) == "TRANSPARENT"
    assert str(opening["URL"]) == f"http://testserver{page.url}"
    assert str(opening["DESCRIPTION"]) == page.summary
    closing = found[f"{prefix}cloture@localhost"]
    assert closing.decoded("DTSTART") == page.closes_at.astimezone(UTC).replace(
        microsecond=0
    )
    results = found[f"{prefix}resultats@localhost"]
    assert "Résultats de la consultation" in str(results["SUMMARY"])
    answers = found[f"{prefix}reponses@localhost"]
    assert answers.decoded("DTSTART") == datetime.date(2031, 1, 31)  # all day
    assert answers.decoded("DTEND") == datetime.date(2031, 2, 1)
    assert "Réponses promises" in str(answers["SUMMARY"])


def test_council_meetings_are_events(client, council):
    when = timezone.now() + datetime.timedelta(days=12)
    meeting = CouncilMeeting.objects.create(
        page=council,
        date=when,
        place="Gourdon, salle des fêtes",
        agenda="Avis sur le PO",
    )
    found = events(client)
    event = found[f"cpc-reunion-{meeting.pk}@localhost"]
    assert str(event["SUMMARY"]) == "Réunion du Conseil Participatif Citoyen"
    assert str(event["LOCATION"]) == "Gourdon, salle des fêtes"
    assert str(event["DESCRIPTION"]) == "Ordre du jour : Avis sur le PO"
    start = when.astimezone(UTC).replace(microsecond=0)
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == start + datetime.timedelta(hours=2)
    assert str(event["URL"]) == f"http://testserver{council.url}"


def test_uids_stay_the_same_when_dates_move(client, site_root):
    page = factories.consultation(site_root, "open")
    before = events(client)
    page.closes_at += datetime.timedelta(days=7)
    page.save_revision().publish()
    after = events(client)
    assert set(before) == set(after)
    uid = f"consultation-{page.pk}-cloture@localhost"
    assert after[uid].decoded("DTSTART") > before[uid].decoded("DTSTART")


def test_drafts_restricted_and_old_items_are_absent(client, site_root, council):
    factories.consultation(site_root, "open", title="Brouillon", live=False)
    restricted = factories.consultation(site_root, "open", title="Réservée")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.LOGIN
    )
    long_ago = timezone.now() - datetime.timedelta(days=800)
    factories.consultation(
        site_root,
        "closed",
        title="Ancienne",
        opens_at=long_ago,
        closes_at=long_ago + datetime.timedelta(days=30),
    )
    CouncilMeeting.objects.create(page=council, date=long_ago, place="Cahors")
    hidden = factories.index_page(site_root).add_child(
        instance=CouncilPage(title="Conseil brouillon", slug="brouillon", live=False)
    )
    CouncilMeeting.objects.create(
        page=hidden,
        date=timezone.now() + datetime.timedelta(days=3),
        place="Nulle part",
    )
    shown = factories.consultation(site_root, "open", title="Publique")
    summaries = {str(event["SUMMARY"]) for event in events(client).values()}
    assert summaries == {
        "Ouverture de la consultation « Publique »",
        "Clôture de la consultation « Publique »",
        "Réponses promises : consultation « Publique »",  # 90 days after, by default
    }
    assert shown.pk


def test_index_and_council_pages_link_the_feed(client, site_root, council):
    for url in (factories.index_page(site_root).url, council.url):
        html = client.get(url).content.decode()
        assert f'<link rel="alternate" type="text/calendar" href="{URL}"' in html
        assert f'<a href="{URL}">Ajouter à mon agenda' in html
    assert reverse("participation:calendar") == URL


def test_the_feed_is_kept_for_anonymous_visitors(client, site_root, settings):
    settings.PAGE_CACHE_ENABLED = True
    factories.consultation(site_root, "open")
    assert client.get(URL)["X-Page-Cache"] == "miss"
    assert client.get(URL)["X-Page-Cache"] == "hit"
    factories.consultation(site_root, "upcoming", title="Nouvelle")
    assert "Nouvelle" in client.get(URL).content.decode()  # any write renews it


def test_queries_do_not_grow(client, site_root, council, settings):
    settings.PAGE_CACHE_ENABLED = False

    def grow(total):
        for n in range(total):
            factories.consultation(
                site_root, "results", answers_promised_by=datetime.date(2031, 1, 1)
            )
            CouncilMeeting.objects.create(
                page=council,
                date=timezone.now() + datetime.timedelta(days=n + 1),
                place=f"Salle {n}",
            )

    def count():
        client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            found = events(client)
        return len(queries), len(found)

    grow(2)
    small = count()
    grow(10)
    large = count()
    assert (small[1], large[1]) == (2 * 5, 12 * 5)
    assert small[0] == large[0] <= 4


@pytest.mark.browser
def test_pages_linking_the_feed_are_accessible(browser_page, site_root, council):
    from tests.browser import assert_accessible

    factories.consultation(site_root, "open", title="Mobilités rurales")
    CouncilMeeting.objects.create(
        page=council, date=timezone.now() + datetime.timedelta(days=5), place="Cahors"
    )
    for url in (factories.index_page(site_root).url, council.url):
        browser_page.goto(url)
        link = browser_page.get_by_role(
            "link", name="Ajouter à mon agenda", exact=False
        )
        assert link.is_visible()
        assert_accessible(browser_page)
    response = browser_page.request.get(URL)
    assert response.ok and "BEGIN:VCALENDAR" in response.text()
