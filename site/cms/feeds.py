"""News feeds (RSS 2.0 and Atom, Django's syndication framework) and the agenda in iCal."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from . import sites
from .models import EventPage, NewsPage

FEED_ITEMS = 20
ICAL_PAST_DAYS = 365
ICAL_MAX_EVENTS = 500
EVENT_DURATION = datetime.timedelta(hours=2)  # when an event gives no end


class NewsFeed(Feed):
    title = _("Grand Quercy — actualités")
    description = _("Les dernières actualités du PETR Grand Quercy.")

    def link(self):
        return "/"

    def items(self):
        return NewsPage.objects.live().public().order_by("-date", "-pk")[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.published_at


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


def _absolute(request, url):
    return request.build_absolute_uri(url)


# --- iCalendar, shared by every feed of the site --------------------------------------


def new_calendar(name, product="Agenda"):
    calendar = Calendar()
    calendar.add("prodid", f"-//PETR Grand Quercy//{product}//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", str(name))
    calendar.add("x-wr-timezone", "Europe/Paris")
    return calendar


def uid_maker(request):
    """``uid(name)``: a UID stable across downloads, so calendar apps update, not duplicate."""
    site = sites.find_site(request)
    hostname = site.hostname if site else "grandquercy"
    return lambda name: f"{name}@{hostname}"


def utc(moment):
    """An aware datetime in UTC: iCalendar's ``Z`` form, no VTIMEZONE needed."""
    return moment.astimezone(datetime.UTC)


def ical_response(calendar, filename):
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def agenda_ical(request):
    """The agenda as an iCalendar file: events of the last year and every upcoming one."""
    calendar = new_calendar(_("Agenda du Grand Quercy"))
    uid = uid_maker(request)
    since = timezone.now() - datetime.timedelta(days=ICAL_PAST_DAYS)
    events = (
        EventPage.objects.live()
        .public()
        .filter(start__gte=since)
        .order_by("start")[:ICAL_MAX_EVENTS]
    )
    for page in events:
        event = Event()
        event.add("uid", uid(f"evenement-{page.pk}"))
        event.add("summary", page.title)
        event.add("dtstart", page.start)
        event.add("dtend", page.end or page.start + EVENT_DURATION)
        event.add(
            "dtstamp", page.last_published_at or page.first_published_at or page.start
        )
        event.add("location", page.place)
        event.add("categories", [str(page.get_organiser_display())])
        if page.summary:
            event.add("description", page.summary)
        event.add("url", _absolute(request, page.get_url(request)))
        calendar.add_component(event)
    return ical_response(calendar, "agenda-grand-quercy.ics")
