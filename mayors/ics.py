"""A Conférence des Maires session as an iCalendar event (RFC 5545), for any calendar."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from accounts.notifications import absolute_url

SESSION_LENGTH = timedelta(hours=3)


def session_ics(session):
    calendar = Calendar()
    calendar.add("prodid", "-//PETR Grand Quercy//Conférence des Maires//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    host = absolute_url("/").split("://", 1)[-1].strip("/") or "grandquercy"
    event.add("uid", f"conference-{session.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.starts_at + SESSION_LENGTH)
    event.add("summary", session.title)
    event.add("location", session.place)
    event.add("description", session.agenda)
    calendar.add_component(event)
    return calendar.to_ical().decode()


def ics_filename(session):
    return f"conference-des-maires-{timezone.localtime(session.starts_at):%Y-%m-%d}.ics"
