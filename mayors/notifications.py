"""Every e-mail the intranet sends, through accounts.notifications (a Django Task each).

A step of a dossier (deposit, instruction, decision…) sends its e-mails through
``after_commit()``: once the step is committed, never for a step rolled back.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.notifications import absolute_url, email_address, notify
from accounts.topics import Topic
from cms.models import SiteSettings

from .ics import ics_filename, session_ics
from .models.organisations import Organisation
from .models.people import ElectedOfficial

TOPIC_MESSAGES = "mayors_messages"


def topics():
    """Declared to accounts through the ``register_notification_topics`` hook."""
    return [Topic(TOPIC_MESSAGES, _("Messages de l’équipe du PETR sur vos dossiers"))]


DEFAULT_SERVICE = {
    "name": "Pôle des Politiques Contractuelles — PETR Grand Quercy",
    "address": "Grand Quercy, 46000 Cahors",
    "email": "contact@grandquercy.fr",
    "phone": "05 65 00 00 00",
}


def service_contact(call=None):
    """The service that handles submissions, as the acknowledgement must name it.

    Taken from the cms site settings when they hold it, else from MAYORS_SERVICE; a
    démarche may name its own service (the address and contacts stay the PETR's).
    """
    contact = {**DEFAULT_SERVICE, **getattr(settings, "MAYORS_SERVICE", {})}
    # filter(), not for_site(): reading must never create the settings row.
    site_settings = SiteSettings.objects.filter(site__is_default_site=True).first()
    if site_settings is not None:
        for key in ("address", "email", "phone"):
            value = getattr(site_settings, key, "")
            if value:
                contact[key] = value
    if call is not None and call.service_name:
        contact["name"] = call.service_name
    # The postal address on several lines (street, postcode and town), as on a letter.
    contact["address_lines"] = [
        line.strip() for line in contact["address"].splitlines() if line.strip()
    ]
    return contact


def after_commit(send, *args):
    """Call ``send(*args)`` once the current transaction commits (at once outside
    one): the people concerned hear only of what was really saved."""
    transaction.on_commit(partial(send, *args))


def members_of(holder):
    """The active memberships of a dossier's holder: a commune or an organisation."""
    if isinstance(holder, Organisation):
        found = ElectedOfficial.objects.active().filter(organisation=holder)
    else:
        found = ElectedOfficial.objects.active().filter(commune=holder)
    return found.select_related("user")


def holder_users(holder):
    return [official.user for official in members_of(holder)]


def staff_addresses():
    return (
        getattr(settings, "MAYORS_STAFF_EMAILS", None)
        or settings.STAFF_NOTIFICATION_EMAILS
    )


def submission_url(submission):
    return absolute_url(reverse("mayors:submission_detail", args=[submission.pk]))


def _tell_commune(submission, template, context, topic=None):
    context = {
        "submission": submission,
        "url": submission_url(submission),
        "service": service_contact(submission.call),
        **context,
    }
    for user in holder_users(submission.holder):
        notify(user, template, context, topic=topic)


def submitters(holder):
    """The people who deposit for the holder: the mayor, designated adjoint·es (an
    organisation: its legal representative, designated members)."""
    return [official.user for official in members_of(holder) if official.may_submit]


def draft_ready(submission, by):
    context = {
        "submission": submission,
        "by": by,
        "url": submission_url(submission),
        "service": service_contact(submission.call),
    }
    for user in submitters(submission.holder):
        notify(user, "mayors/emails/draft_ready", context)


def invitation(official, link, validity_days):
    email_address(
        [official.user.email],
        "mayors/emails/invitation",
        {
            "official": official,
            "link": link,
            "validity_days": validity_days,
            "service": service_contact(),
            "dashboard_url": absolute_url(reverse("mayors:dashboard")),
        },
    )


def send_acknowledgement(submission, transition):
    """The ARE by e-mail lists the dossier's answers as the ARE page does."""
    from . import dossiers  # dossiers needs the models, which import this module

    documents = dossiers.received_documents(submission)
    _tell_commune(
        submission,
        "mayors/emails/acknowledgement",
        {
            "transition": transition,
            "receipt_url": absolute_url(
                reverse("mayors:acknowledgement", args=[submission.pk])
            ),
            "answers": dossiers.received_answers(submission, documents),
        },
    )
    email_address(
        staff_addresses(),
        "mayors/emails/staff_new_submission",
        {"submission": submission, "transition": transition},
    )


def changes_requested(submission, message):
    _tell_commune(submission, "mayors/emails/changes_requested", {"message": message})


def review_started(submission):
    _tell_commune(submission, "mayors/emails/review_started", {})


def decided(submission):
    _tell_commune(submission, "mayors/emails/decided", {})


def message_posted(message):
    submission = message.submission
    if message.is_private_note:
        return
    if message.from_staff:
        _tell_commune(
            submission,
            "mayors/emails/new_message",
            {"message": message},
            topic=TOPIC_MESSAGES,
        )
    else:
        email_address(
            staff_addresses(),
            "mayors/emails/staff_new_message",
            {
                "message": message,
                "submission": submission,
                "admin_url": absolute_url(
                    reverse("mayors_submission:inspect", args=[submission.pk])
                ),
            },
        )


def infected(attachment):
    _tell_commune(
        attachment.submission, "mayors/emails/infected", {"attachment": attachment}
    )


def convocation(session, mayors):
    """Each mayor: the session, the opinion window and its page, the draft PO, an .ics."""
    attachments = [[ics_filename(session), session_ics(session), "text/calendar"]]
    count = 0
    for official in mayors:
        count += notify(
            official.user,
            "mayors/emails/convocation",
            {
                "session": session,
                "official": official,
                "dashboard_url": absolute_url(reverse("mayors:dashboard")),
                "opinion_url": absolute_url(
                    reverse("mayors:opinion", args=[session.pk, official.commune_id])
                )
                if official.commune_id
                else "",
                "programme_url": absolute_url(
                    reverse("mayors:draft_programme", args=[session.pk])
                )
                if session.programme_id
                else "",
                "ics_url": absolute_url(
                    reverse("mayors:session_ics", args=[session.pk])
                ),
            },
            attachments=attachments,
        )
    return count


def closing_reminder(call, holder, drafts):
    for user in holder_users(holder):
        notify(
            user,
            "mayors/emails/closing_reminder",
            {
                "call": call,
                "commune": holder,
                "drafts": drafts,
                "deadline": call.deadline_for(drafts[0].commune_id),
                "dashboard_url": absolute_url(reverse("mayors:dashboard")),
            },
        )


def expiry_warning(submission, expires_on):
    _tell_commune(
        submission, "mayors/emails/expiry_warning", {"expires_on": expires_on}
    )
