"""E-mail notifications: the one way every app tells people something.

Messages are rendered from ``<template>_subject.txt`` and ``<template>_body.txt`` and
sent by a Django task, so a slow or failing SMTP server never blocks a request. A
message about a ``topic`` honours the recipient's preferences and carries a one-click
unsubscribe link (a signed token: no login needed).

Two ways to tell someone something:

- ``notify()``: one e-mail now (a reply to their comment, a moderation decision);
- ``announce()``: one *step* of something they follow (the answer to a proposal, the
  project it became, that project's progress). Each person hears of a step once, in
  their weekly digest (``send_digests()``, run every week) or at once if they chose so.
"""

from itertools import groupby

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from outbox.models import OutgoingEmail, Status, send_waiting
from outbox.signals import email_sent

from .models import Frequency, Notice
from .topics import topic_label

UNSUBSCRIBE_SALT = "accounts.unsubscribe"


def absolute_url(path):
    """The public address of ``path``; a URL Wagtail already gave whole (several
    sites) is kept."""
    if "://" in path:
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_token(user, topics):
    """A signed token that switches ``topics`` (one code or several) off for ``user``."""
    if isinstance(topics, str):
        topics = [topics]
    return signing.dumps({"u": user.pk, "t": list(topics)}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """Return (user_pk, [topics]); raise signing.BadSignature when forged."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    topics = data["t"]
    return data["u"], [topics] if isinstance(topics, str) else list(topics)


def unsubscribe_url(user, topics):
    return absolute_url(
        reverse("accounts:unsubscribe", args=[unsubscribe_token(user, topics)])
    )


def unsubscribe_headers(url):
    """RFC 2369 / 8058: mail clients show a one-click "unsubscribe" button."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@task(takes_context=True)
def send_email(
    context, recipients, subject, body, headers=None, notices=(), attachments=()
):
    """Record the e-mail in the outbox and try it once; the outbox retries it.

    Keyed on the task: a task run again (its worker was killed) records nothing twice.
    ``notices``: the notices of a digest, marked sent when the e-mail is.
    ``attachments``: [filename, text, MIME type] lists (JSON, as the queue keeps it).
    """
    waiting = {}
    if notices:
        waiting["notices"] = list(notices)
    if attachments:
        waiting["attachments"] = [list(item) for item in attachments]
    email, _created = OutgoingEmail.objects.get_or_create(
        task_id=str(context.task_result.id),
        defaults={
            "recipients": list(recipients),
            "subject": subject,
            "body": body,
            "headers": headers or {},
            "context": waiting,
        },
    )
    send_waiting(pks=[email.pk])


@receiver(email_sent)
def mark_digest_sent(sender, email, **kwargs):
    notices = email.context.get("notices")
    if notices:
        Notice.objects.filter(pk__in=notices, sent_at__isnull=True).update(
            sent_at=email.sent_at
        )


def render_email(template, context):
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    return subject, body


def email_address(recipients, template, context):
    """Send to addresses, not accounts (invitations, staff mailboxes): no preferences apply."""
    context = {"site_url": absolute_url(""), **context}
    subject, body = render_email(template, context)
    send_email.enqueue(list(recipients), subject, body)


def notify(user, template, context, *, topic=None, attachments=None):
    """Tell one account something, unless it turned that topic off. Returns True if sent."""
    if not user.is_active or not user.email:
        return False
    if topic is not None and not user.wants_notification(topic):
        return False
    context = {"user": user, "site_url": absolute_url(""), **context}
    headers = {}
    if topic is not None:
        url = unsubscribe_url(user, topic)
        context["unsubscribe_url"] = url
        headers = unsubscribe_headers(url)
    subject, body = render_email(template, context)
    send_email.enqueue(
        [user.email], subject, body, headers, attachments=attachments or ()
    )
    return True


# --- steps and the weekly digest -----------------------------------------------------


def may_hear(user, topic):
    return bool(user.is_active and user.email and user.wants_notification(topic))


def announce(users, key, template, context, *, topic):
    """Tell each of ``users`` about one step (``key``), once per person, ever.

    ``template`` renders the step itself (``_subject.txt``, ``_body.txt``: what
    happened, a link), without greeting or footer: the same text goes alone in an
    e-mail or among others in a digest. Returns how many people will hear of it.
    """
    users = [user for user in users if may_hear(user, topic)]
    if not users:
        return 0
    told = set(
        Notice.objects.filter(key=key, user__in=users).values_list("user_id", flat=True)
    )
    now = timezone.now()
    count = 0
    for user in users:
        if user.pk in told:
            continue
        told.add(user.pk)
        subject, body = render_email(
            template, {"user": user, "site_url": absolute_url(""), **context}
        )
        at_once = user.notification_frequency == Frequency.IMMEDIATE
        try:
            with transaction.atomic():
                notice = Notice.objects.create(
                    user=user,
                    key=key,
                    topic=topic,
                    subject=subject[:255],
                    body=body.strip(),
                    url=context.get("url", ""),
                    created_at=now,
                    sent_at=now if at_once else None,
                )
        except IntegrityError:  # announced meanwhile by another request
            continue
        count += 1
        if at_once:
            send_step(notice)
    return count


def send_step(notice):
    user = notice.user
    url = unsubscribe_url(user, notice.topic)
    subject, body = render_email(
        "accounts/emails/step",
        {
            "user": user,
            "notice": notice,
            "topic_label": topic_label(notice.topic),
            "unsubscribe_url": url,
            "site_url": absolute_url(""),
        },
    )
    send_email.enqueue([user.email], subject, body, unsubscribe_headers(url))


def send_digests(now=None):
    """One e-mail per person with everything they have not been told yet.

    Steps of a topic the person turned off since are dropped, not sent later. Returns
    the number of digests sent.
    """
    now = now or timezone.now()
    pending = (
        Notice.objects.unsent()
        .filter(created_at__lte=now)
        .exclude(pk__in=notices_in_waiting_emails())
        .select_related("user")
        .order_by("user_id", "created_at", "pk")
    )
    sent = 0
    for _user_id, group in groupby(pending.iterator(), key=lambda n: n.user_id):
        notices = list(group)
        user = notices[0].user
        kept = [notice for notice in notices if may_hear(user, notice.topic)]
        # Dropped now; the others once their e-mail is sent (mark_digest_sent).
        Notice.objects.filter(
            pk__in=[notice.pk for notice in notices if notice not in kept]
        ).update(sent_at=now)
        if not kept:
            continue
        topics = sorted({notice.topic for notice in kept})
        url = unsubscribe_url(user, topics)
        subject, body = render_email(
            "accounts/emails/digest",
            {
                "user": user,
                "notices": kept,
                "topics": [
                    {
                        "label": topic_label(topic),
                        "url": unsubscribe_url(user, topic),
                    }
                    for topic in topics
                ],
                "unsubscribe_url": url,
                "site_url": absolute_url(""),
            },
        )
        send_email.enqueue(
            [user.email],
            subject,
            body,
            unsubscribe_headers(url),
            notices=[notice.pk for notice in kept],
        )
        sent += 1
    return sent


def notices_in_waiting_emails():
    """Notices of digests still waiting in the outbox: not put in another one."""
    contexts = OutgoingEmail.objects.filter(
        status=Status.WAITING, context__has_key="notices"
    ).values_list("context", flat=True)
    return [pk for context in contexts for pk in context["notices"]]


@task()
def send_weekly_digests():
    return send_digests()
