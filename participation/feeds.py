"""The consultations' calendar (iCal): each phase moment of the live public consultations
and each meeting of the Conseil Participatif Citoyen.

Opening, closing and results are instants (a DTSTART without DTEND, RFC 5545 §3.6.1) and
marked transparent, so that they never show as busy time; the promised answers are an
all-day event; meetings last two hours unless said otherwise. Times are written in UTC.
UIDs name the consultation or meeting and the moment, so a calendar app that subscribed
updates an event when its date moves instead of adding another.
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from icalendar import Event

from cms import feeds, restrictions
from cms.sites import page_url_maker

from .models import ConsultationPage, CouncilMeeting

DAY = datetime.timedelta(days=1)


def consultations(request, since):
    return (
        ConsultationPage.objects.live()
        .exclude(restrictions.private_q(request))
        .filter(
            Q(opens_at__gte=since)
            | Q(closes_at__gte=since)
            | Q(results_published_at__gte=since)
            | Q(answers_promised_by__gte=since.date())
        )
        .only(
            "pk",
            "title",
            "summary",
            "url_path",
            "opens_at",
            "closes_at",
            "results_published_at",
            "answers_promised_by",
            "last_published_at",
        )
        .order_by("opens_at", "pk")
    )


def meetings(request, since):
    return (
        CouncilMeeting.objects.filter(page__live=True, date__gte=since)
        .exclude(restrictions.private_q(request, "page__"))
        .select_related("page")
        .only(
            "pk",
            "date",
            "place",
            "agenda",
            "page__title",
            "page__url_path",
            "page__last_published_at",
        )
        .order_by("date", "pk")
    )


def moment_events(consultation):
    """(name, summary, start) of each dated moment of a consultation."""
    title = consultation.title
    yield (
        "ouverture",
        _("Ouverture de la consultation « %(title)s »") % {"title": title},
        consultation.opens_at,
    )
    yield (
        "cloture",
        _("Clôture de la consultation « %(title)s »") % {"title": title},
        consultation.closes_at,
    )
    if consultation.results_published_at:
        yield (
            "resultats",
            _("Résultats de la consultation « %(title)s »") % {"title": title},
            consultation.results_published_at,
        )
    if consultation.answers_promised_by:
        yield (
            "reponses",
            _("Réponses promises : consultation « %(title)s »") % {"title": title},
            consultation.answers_promised_by,
        )


@require_GET
def calendar(request):
    """Consultations and meetings of the last year and every upcoming one: two queries."""
    calendar = feeds.new_calendar(
        _("Consultations et Conseil Participatif Citoyen du Grand Quercy"),
        product="Consultations",
    )
    uid = feeds.uid_maker(request)
    url = page_url_maker()
    now = timezone.now()
    since = now - datetime.timedelta(days=feeds.ICAL_PAST_DAYS)
    for consultation in consultations(request, since):
        link = request.build_absolute_uri(url(consultation.url_path) or "/")
        stamp = consultation.last_published_at or consultation.opens_at
        for name, summary, moment in moment_events(consultation):
            event = Event()
            event.add("uid", uid(f"consultation-{consultation.pk}-{name}"))
            event.add("dtstamp", feeds.utc(stamp))
            event.add("summary", summary)
            if isinstance(moment, datetime.datetime):
                event.add("dtstart", feeds.utc(moment))
            else:
                event.add("dtstart", moment)
                event.add("dtend", moment + DAY)
            event.add("transp", "TRANSPARENT")
            event.add("description", consultation.summary)
            event.add("categories", [_("Consultation citoyenne")])
            event.add("url", link)
            calendar.add_component(event)
    for meeting in meetings(request, since):
        council = meeting.page
        event = Event()
        event.add("uid", uid(f"cpc-reunion-{meeting.pk}"))
        event.add("dtstamp", feeds.utc(council.last_published_at or meeting.date))
        event.add("summary", _("Réunion du Conseil Participatif Citoyen"))
        event.add("dtstart", feeds.utc(meeting.date))
        event.add("dtend", feeds.utc(meeting.date + feeds.EVENT_DURATION))
        event.add("location", meeting.place)
        if meeting.agenda:
            event.add(
                "description",
                _("Ordre du jour : %(agenda)s") % {"agenda": meeting.agenda},
            )
        event.add("categories", [_("Conseil Participatif Citoyen")])
        event.add("url", request.build_absolute_uri(url(council.url_path) or "/"))
        calendar.add_component(event)
    return feeds.ical_response(calendar, "consultations-grand-quercy.ics")
