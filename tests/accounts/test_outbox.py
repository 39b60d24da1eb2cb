"""SMTP down for real (nothing listens on the port), then back (a local SMTP sink):
every e-mail is recorded, waits, and arrives once; a digest is marked sent only then."""

import datetime
import logging

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import notifications
from accounts.models import Frequency, Notice
from outbox.models import OutgoingEmail, Status
from tests.accounts.factories import verified_user
from tests.smtp_sink import SMTPSink, free_port

pytestmark = pytest.mark.django_db

TEMPLATE = "accounts_tests/step"


@pytest.fixture
def smtp(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    return settings


def later(minutes):
    return time_machine.travel(
        timezone.now() + datetime.timedelta(minutes=minutes), tick=False
    )


def test_nothing_is_lost_while_smtp_is_down_and_each_email_arrives_once(
    smtp, site_root, test_templates, topic
):
    weekly = verified_user()
    at_once = verified_user(notification_frequency=Frequency.IMMEDIATE)
    # allauth: a password reset, asked for through the form.
    response = Client().post(reverse("account_reset_password"), {"email": weekly.email})
    assert response.status_code == 302
    # A notification at once, and a step that waits for the weekly digest.
    notifications.announce(
        [weekly, at_once],
        "p:1:answer",
        TEMPLATE,
        {"step": "p:1:answer", "title": "Réponse publiée", "url": "http://t/p/1/"},
        topic=topic,
    )
    call_command("send_digests")

    emails = OutgoingEmail.objects.order_by("pk")
    assert emails.count() == 3
    assert {e.status for e in emails} == {Status.WAITING}
    assert all(e.attempts == 1 and "Connection" in e.last_error for e in emails)
    # The digest's step is not marked sent: its e-mail is not.
    assert Notice.objects.get(user=weekly).sent_at is None
    # Nor is it put in another digest while its e-mail waits.
    call_command("send_digests")
    assert OutgoingEmail.objects.count() == 3

    with SMTPSink(smtp.EMAIL_PORT) as sink:
        call_command("send_waiting_emails")  # not yet: the delay is not over
        assert sink.received == []
        with later(2):
            call_command("send_waiting_emails")
            call_command("send_waiting_emails")
        with later(60):
            call_command("send_waiting_emails")

    recipients = sorted(rcpt for _from, (rcpt,), _message in sink.received)
    assert recipients == sorted([weekly.email, weekly.email, at_once.email])
    subjects = [message["Subject"] for *_rest, message in sink.received]
    assert any("mot de passe" in subject for subject in subjects)
    assert {e.status for e in emails.all()} == {Status.SENT}
    assert Notice.objects.get(user=weekly).sent_at is not None


def test_an_email_failing_too_long_is_given_up_logged_and_shown_to_staff(
    smtp, site_root, caplog
):
    smtp.OUTBOX_MAX_ATTEMPTS = 2
    user = verified_user()
    Client().post(reverse("account_reset_password"), {"email": user.email})
    email = OutgoingEmail.objects.get()
    with caplog.at_level(logging.ERROR, logger="outbox.models"), later(5):
        call_command("send_waiting_emails")
    email.refresh_from_db()
    assert email.status == Status.FAILED
    assert email.attempts == 2
    assert any(
        record.levelno == logging.ERROR and user.email in record.getMessage()
        for record in caplog.records
    )

    admin = verified_user(is_staff=True, is_superuser=True)
    staff = Client()
    staff.force_login(admin)
    page = staff.get("/admin/outbox/?status=failed")
    assert page.status_code == 200
    assert email.subject in page.content.decode()
    # A resident may not read it.
    resident = Client()
    resident.force_login(user)
    assert resident.get("/admin/outbox/").status_code in (302, 403)
