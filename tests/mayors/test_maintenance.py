"""Reminders, expiry of idle drafts and the RGPD purge, with a frozen clock."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from mayors.models import Attachment, DeadlineExtension, Submission

from .factories import CallFactory, add_attachment, make_complete_draft

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
OPENS = datetime.datetime(2027, 1, 5, 9, 0, tzinfo=PARIS)
CLOSES = datetime.datetime(2027, 3, 31, 18, 0, tzinfo=PARIS)


@pytest.fixture
def frozen_call(cto):
    return CallFactory(contract=cto, opens_at=OPENS, closes_at=CLOSES)


def reminders_to(address):
    return [m for m in mail.outbox if m.to == [address] and "deux jours" in m.subject]


def test_reminder_two_days_before_closing_only_to_communes_with_drafts(
    frozen_call, commune_a, commune_b, mayor_a, mayor_b, measure
):
    with time_machine.travel(OPENS + datetime.timedelta(days=1), tick=False):
        Submission.create_draft(
            call=frozen_call, commune=commune_a, by=mayor_a, title="Piscine"
        )
        done = make_complete_draft(frozen_call, commune_b, mayor_b, measure)
        done.submit(by=mayor_b)
    mail.outbox.clear()
    for days_before in (5, 3):
        with time_machine.travel(
            CLOSES - datetime.timedelta(days=days_before), tick=False
        ):
            call_command("mayors_send_reminders")
    assert reminders_to("maire@arcambal.fr") == []
    with time_machine.travel(CLOSES - datetime.timedelta(days=2, hours=-1), tick=False):
        call_command("mayors_send_reminders")
    with time_machine.travel(CLOSES - datetime.timedelta(hours=20), tick=False):
        call_command("mayors_send_reminders")
    sent = reminders_to("maire@arcambal.fr")
    assert len(sent) == 1
    assert "Piscine" in sent[0].body and "31 mars 2027" in sent[0].body
    assert reminders_to("maire@belaye.fr") == []


def test_extension_moves_the_reminder(frozen_call, commune_a, mayor_a):
    with time_machine.travel(OPENS + datetime.timedelta(days=1), tick=False):
        Submission.create_draft(
            call=frozen_call, commune=commune_a, by=mayor_a, title="Piscine"
        )
    DeadlineExtension.objects.create(
        call=frozen_call,
        commune=commune_a,
        closes_at=CLOSES + datetime.timedelta(days=10),
    )
    mail.outbox.clear()
    with time_machine.travel(CLOSES - datetime.timedelta(days=1, hours=12), tick=False):
        call_command("mayors_send_reminders")
    assert reminders_to("maire@arcambal.fr") == []
    with time_machine.travel(CLOSES + datetime.timedelta(days=8, hours=12), tick=False):
        call_command("mayors_send_reminders")
    assert len(reminders_to("maire@arcambal.fr")) == 1


def test_idle_drafts_are_warned_then_expire(frozen_call, commune_a, mayor_a, cto):
    long_call = CallFactory(
        contract=cto, opens_at=OPENS, closes_at=OPENS + datetime.timedelta(days=200)
    )
    with time_machine.travel(OPENS, tick=False):
        idle = Submission.create_draft(
            call=long_call, commune=commune_a, by=mayor_a, title="Oubliée"
        )
        busy = Submission.create_draft(
            call=long_call, commune=commune_a, by=mayor_a, title="Active"
        )
    mail.outbox.clear()
    with time_machine.travel(OPENS + datetime.timedelta(days=77), tick=False):
        call_command("mayors_expire_drafts")
        busy.touch()
    warnings = [m for m in mail.outbox if "inactif" in m.subject]
    assert len(warnings) == 2
    with time_machine.travel(OPENS + datetime.timedelta(days=80), tick=False):
        call_command("mayors_expire_drafts")
    assert len([m for m in mail.outbox if "inactif" in m.subject]) == 2  # warned once
    with time_machine.travel(OPENS + datetime.timedelta(days=89), tick=False):
        call_command("mayors_expire_drafts")
    idle.refresh_from_db()
    assert idle.state == Submission.State.DRAFT  # three months not reached yet
    # Two weeks after the warning (a day more: summer time moved Paris clocks meanwhile).
    with time_machine.travel(OPENS + datetime.timedelta(days=92), tick=False):
        call_command("mayors_expire_drafts")
    idle.refresh_from_db()
    busy.refresh_from_db()
    assert idle.state == Submission.State.EXPIRED
    assert idle.transitions.last().actor is None
    assert busy.state == Submission.State.DRAFT


def test_decided_dossiers_and_files_are_purged_after_retention(
    frozen_call, commune_a, mayor_a, staff, measure
):
    frozen_call.retention_months = 24
    frozen_call.save()
    with time_machine.travel(OPENS + datetime.timedelta(days=1), tick=False):
        decided = make_complete_draft(frozen_call, commune_a, mayor_a, measure)
        decided.submit(by=mayor_a)
        decided.start_review(by=staff)
        decided.decide(
            by=staff, outcome=Submission.State.REJECTED, reason="Hors périmètre"
        )
        pending = make_complete_draft(
            frozen_call, commune_a, mayor_a, measure, title="En cours"
        )
        pending.submit(by=mayor_a)
        extra = add_attachment(decided, mayor_a)
    storage = extra.file.storage
    names = [a.file.name for a in Attachment.objects.filter(submission=decided)]
    assert all(storage.exists(name) for name in names)
    with time_machine.travel(OPENS + datetime.timedelta(days=700), tick=False):
        call_command("mayors_purge")
    assert Submission.objects.filter(pk=decided.pk).exists()
    with time_machine.travel(OPENS + datetime.timedelta(days=735), tick=False):
        call_command("mayors_purge")
    assert not Submission.objects.filter(pk=decided.pk).exists()
    assert not any(storage.exists(name) for name in names)
    assert Submission.objects.filter(pk=pending.pk).exists()


def test_daily_command_runs_everything(frozen_call):
    with time_machine.travel(OPENS + datetime.timedelta(days=3), tick=False):
        call_command("mayors_daily")
        call_command("mayors_daily", "--enqueue")
