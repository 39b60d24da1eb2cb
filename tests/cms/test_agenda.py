"""Agenda: upcoming and past events, the organisers, the iCal feed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from cms.models.events import Organiser
from tests.cms.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(site_root):
    return EventIndexPageFactory(parent=site_root)


def test_organisers_include_the_governance_bodies():
    labels = dict(Organiser.choices)
    assert labels["copil_crte"] == "Comité de pilotage du CRTE"
    assert labels["conference_maires"] == "Conférence des Maires"
    assert labels["conseil_participatif"] == "Conseil Participatif Citoyen"


def test_index_splits_upcoming_and_past(client, agenda):
    now = timezone.now()
    EventPageFactory(
        parent=agenda,
        title="Conférence des Maires",
        start=now + datetime.timedelta(days=3),
        organiser="conference_maires",
    )
    EventPageFactory(
        parent=agenda, title="Ancien comité", start=now - datetime.timedelta(days=30)
    )
    upcoming = client.get("/agenda/").content.decode()
    assert "Conférence des Maires" in upcoming and "Ancien comité" not in upcoming
    assert "1 événement" in upcoming
    past = client.get("/agenda/?periode=passes").content.decode()
    assert "Ancien comité" in past and "Conférence des Maires" not in past


def test_index_paginates(client, agenda):
    for day in range(12):
        EventPageFactory(
            parent=agenda, start=timezone.now() + datetime.timedelta(days=day + 1)
        )
    html = client.get("/agenda/").content.decode()
    assert html.count('class="card card--event"') == 10
    assert 'href="?page=2"' in html
    second = client.get("/agenda/?page=2").content.decode()
    assert second.count('class="card card--event"') == 2


def test_event_page_shows_date_place_organiser(client, agenda):
    event = EventPageFactory(
        parent=agenda,
        title="Conseil Participatif Citoyen",
        organiser="conseil_participatif",
        place="Gourdon",
    )
    html = client.get(event.url).content.decode()
    assert "Gourdon" in html
    assert "Conseil Participatif Citoyen" in html
    assert f'datetime="{timezone.localtime(event.start).isoformat()}"' in html


def test_end_before_start_is_refused(agenda):
    event = EventPageFactory.build(
        start=timezone.now(), end=timezone.now() - datetime.timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "La fin doit être postérieure au début." in str(error.value)


def test_ical_feed_parses(client, agenda):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=5)
    EventPageFactory(
        parent=agenda,
        title="Comité de pilotage du CRTE",
        start=start,
        place="Préfecture du Lot",
    )
    EventPageFactory(parent=agenda, title="Brouillon", live=False)
    response = client.get("/flux/agenda.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Comité de pilotage du CRTE"
    assert str(event["LOCATION"]) == "Préfecture du Lot"
    assert event.decoded("DTSTART") == start
    assert str(event["URL"]).startswith("http://testserver/agenda/")


def test_agenda_links_its_ical_feed(client, agenda):
    assert 'href="/flux/agenda.ics"' in client.get("/agenda/").content.decode()
