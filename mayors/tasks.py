"""Background work: virus scans, reminders, expiry of idle drafts, RGPD purge.

The periodic jobs are plain functions taking ``now`` (tested with a frozen clock),
wrapped as Django Tasks and as management commands for the scheduler (cron/systemd).
"""

import calendar
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import notifications, scanning
from .models import Attachment, CallForPriorities, Submission
from .models.submissions import DECISIONS, State

logger = logging.getLogger(__name__)

REMINDER_BEFORE_CLOSING = timedelta(days=2)
DRAFT_IDLE_LIMIT = timedelta(days=90)
EXPIRY_WARNING_BEFORE = timedelta(days=14)


def scan_now(attachment, now=None):
    """Give a file its verdict; an infected file is quarantined and the commune told."""
    now = now or timezone.now()
    if not scanning.configured():
        attachment.scan_status = Attachment.Scan.UNSCANNED
        attachment.save(update_fields=["scan_status"])
        return attachment.scan_status
    try:
        with attachment.file.open("rb") as handle:
            verdict = scanning.scan(handle)
    except scanning.ScannerUnavailable:
        logger.exception("Virus scan failed for attachment %s", attachment.pk)
        attachment.scan_status = Attachment.Scan.ERROR
        attachment.save(update_fields=["scan_status"])
        return attachment.scan_status
    if verdict.infected:
        attachment.quarantine(verdict.signature, now)
        notifications.infected(attachment)
    else:
        attachment.scan_status = Attachment.Scan.CLEAN
        attachment.scanned_at = now
        attachment.save(update_fields=["scan_status", "scanned_at"])
    return attachment.scan_status


@task()
def scan_attachment(attachment_id):
    attachment = (
        Attachment.objects.select_related(
            "submission__commune", "submission__organisation"
        )
        .filter(
            pk=attachment_id,
            scan_status__in=[Attachment.Scan.PENDING, Attachment.Scan.ERROR],
        )
        .first()
    )
    if attachment is not None:
        scan_now(attachment)


def rescan_pending(now=None):
    """Retry files a crashed or busy scanner left without a verdict."""
    pending = Attachment.objects.filter(
        scan_status__in=[Attachment.Scan.PENDING, Attachment.Scan.ERROR]
    ).select_related("submission__commune", "submission__organisation")
    return sum(1 for attachment in pending if scan_now(attachment, now))


def send_closing_reminders(now=None):
    """Communes holding drafts hear, two days before closing, that time is running out.

    Called daily: a commune is reminded when its own deadline (extension included)
    falls between now + 1 and now + 2 days, so each one hears exactly once.
    """
    now = now or timezone.now()
    sent = 0
    calls = CallForPriorities.objects.filter(
        opens_at__lte=now, closes_at__gt=now - timedelta(days=365)
    ).prefetch_related("extensions")
    for call in calls:
        drafts = (
            Submission.objects.filter(call=call, state=State.DRAFT)
            .select_related("commune", "organisation")
            .order_by("commune__name", "organisation__name", "rank")
        )
        by_holder = {}
        for draft in drafts:
            by_holder.setdefault(draft.holder, []).append(draft)
        for holder, holder_drafts in by_holder.items():
            # Extensions are granted to communes; an organisation has the call's date.
            left = call.deadline_for(holder_drafts[0].commune_id) - now
            if (
                REMINDER_BEFORE_CLOSING - timedelta(days=1)
                < left
                <= REMINDER_BEFORE_CLOSING
            ):
                notifications.closing_reminder(call, holder, holder_drafts)
                sent += 1
    return sent


def expire_idle_drafts(now=None):
    """Warn two weeks ahead, then expire drafts idle for three months. Returns (warned, expired)."""
    now = now or timezone.now()
    warned = expired = 0
    drafts = Submission.objects.filter(state=State.DRAFT).select_related(
        "commune", "organisation", "call"
    )
    for draft in drafts.filter(
        last_activity_at__lte=now - DRAFT_IDLE_LIMIT,
        expiry_warned_at__isnull=False,
        expiry_warned_at__lte=now - EXPIRY_WARNING_BEFORE,
    ):
        draft.expire(now)
        expired += 1
    for draft in drafts.filter(
        last_activity_at__lte=now - DRAFT_IDLE_LIMIT + EXPIRY_WARNING_BEFORE,
        expiry_warned_at__isnull=True,
    ):
        expires_on = max(
            draft.last_activity_at + DRAFT_IDLE_LIMIT, now + EXPIRY_WARNING_BEFORE
        )
        notifications.expiry_warning(draft, expires_on)
        Submission.objects.filter(pk=draft.pk).update(expiry_warned_at=now)
        warned += 1
    return warned, expired


def purge_decided(now=None):
    """Delete decided dossiers and their files once the call's retention period is over."""
    now = now or timezone.now()
    purged = 0
    decided = Submission.objects.filter(
        state__in=DECISIONS, decided_at__isnull=False
    ).select_related("call")
    for submission in decided:
        limit = add_months(submission.decided_at, submission.call.retention_months)
        if limit <= now:
            with transaction.atomic():
                submission.delete_with_files()
            purged += 1
    return purged


def add_months(moment, months):
    month = moment.month - 1 + months
    year = moment.year + month // 12
    month = month % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@task()
def daily_maintenance():
    """The scheduler's daily run: reminders, expiry, purge, and retrying scans."""
    now = timezone.now()
    return {
        "reminders": send_closing_reminders(now),
        "expiry": expire_idle_drafts(now),
        "purged": purge_decided(now),
        "rescanned": rescan_pending(now),
    }
