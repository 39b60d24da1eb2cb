"""E-mail notifications: the one way every app tells people something.

Messages are rendered from ``<template>_subject.txt`` and ``<template>_body.txt`` and
sent by a Django task, so a slow or failing SMTP server never blocks a request. A
message about a ``topic`` honours the recipient's preferences and carries a one-click
unsubscribe link (a signed token: no login needed).
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

UNSUBSCRIBE_SALT = "accounts.unsubscribe"

# Topics a person can turn off; apps add theirs with register_topic().
TOPICS = {}


def register_topic(code, label, *, default=True):
    TOPICS[code] = {"label": label, "default": default}


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_token(user, topic):
    return signing.dumps({"u": user.pk, "t": topic}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """Return (user_pk, topic); raise signing.BadSignature when forged."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return data["u"], data["t"]


def unsubscribe_url(user, topic):
    return absolute_url(
        reverse("accounts:unsubscribe", args=[unsubscribe_token(user, topic)])
    )


@task()
def send_email(recipients, subject, body, headers=None):
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        headers=headers or {},
    ).send()


def render_email(template, context):
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    return subject, body


def email_address(recipients, template, context):
    """Send to addresses, not accounts (invitations, staff mailboxes): no preferences apply."""
    context = {"site_url": absolute_url(""), **context}
    subject, body = render_email(template, context)
    send_email.enqueue(list(recipients), subject, body)


def notify(user, template, context, *, topic=None):
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
        headers = {
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    subject, body = render_email(template, context)
    send_email.enqueue([user.email], subject, body, headers)
    return True
