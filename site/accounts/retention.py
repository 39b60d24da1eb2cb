"""The retention periods the privacy notice promises, enforced (``manage.py
enforce_retention``, daily through the scheduler).

* Contact-form submissions: kept ``RETENTION_CONTACT_DAYS`` (a year), then deleted.
* Residents' accounts: without a sign-in for ``RETENTION_INACTIVE_ACCOUNT_DAYS`` (three
  years), warned by e-mail ``RETENTION_WARNING_DAYS`` before, then erased as « supprimer
  mon compte » does (their published contributions stay, unsigned). Staff accounts and
  what apps exempt through the ``exempt_from_account_retention`` hook (the intranet's
  members) are kept.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail import hooks

from . import gdpr, notifications
from .models import Notice, User

WARNING_KEY = "retention:inactivity-warning"


def exempt_users():
    q = Q(is_staff=True) | Q(is_superuser=True) | Q(erased_at__isnull=False)
    for fn in hooks.get_hooks("exempt_from_account_retention"):
        q |= Q(pk__in=fn())
    return q


def inactive_since(limit):
    return (
        User.objects.annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__lte=limit)
        .exclude(exempt_users())
    )


def delete_old_contact_submissions(now):
    from wagtail.contrib.forms.models import FormSubmission

    limit = now - timedelta(days=settings.RETENTION_CONTACT_DAYS)
    deleted, _ = FormSubmission.objects.filter(submit_time__lt=limit).delete()
    return deleted


def warn_inactive_accounts(now):
    """One e-mail per account, recorded as a notice (never sent twice)."""
    limit = now - timedelta(
        days=settings.RETENTION_INACTIVE_ACCOUNT_DAYS - settings.RETENTION_WARNING_DAYS
    )
    warned = 0
    for user in inactive_since(limit).exclude(notices__key=WARNING_KEY):
        subject, body = notifications.render_email(
            "accounts/emails/retention_warning",
            {
                "user": user,
                "days": settings.RETENTION_WARNING_DAYS,
                "login_url": notifications.absolute_url("/compte/login/"),
            },
        )
        Notice.objects.create(
            user=user,
            key=WARNING_KEY,
            topic="account",
            subject=subject,
            body=body,
            created_at=now,
            sent_at=now,
        )
        notifications.send_email.enqueue([user.email], subject, body)
        warned += 1
    return warned


def erase_inactive_accounts(now):
    """Accounts still without a sign-in, warned long enough ago."""
    limit = now - timedelta(days=settings.RETENTION_INACTIVE_ACCOUNT_DAYS)
    warned_before = now - timedelta(days=settings.RETENTION_WARNING_DAYS)
    erased = 0
    for user in inactive_since(limit).filter(
        notices__key=WARNING_KEY, notices__created_at__lte=warned_before
    ):
        gdpr.erase_user(user)
        erased += 1
    return erased


def enforce(now=None):
    now = now or timezone.now()
    return {
        "contact": delete_old_contact_submissions(now),
        "warned": warn_inactive_accounts(now),
        "erased": erase_inactive_accounts(now),
    }
