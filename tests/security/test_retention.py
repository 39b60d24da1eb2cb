"""Privacy as promised: the notice's retention periods, enforced by the daily job, under a
frozen clock."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from accounts.models import User
from ops.jobs import get_jobs
from participation.models import Proposal
from tests.participation import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
START = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)


def test_the_job_is_scheduled_daily():
    job = get_jobs()["enforce_retention"]
    assert job.command == "enforce_retention"
    assert job.at is not None


def test_contact_messages_go_after_a_year(site_root):
    from cms.models import ContactPage

    page = site_root.add_child(instance=ContactPage(title="Contact", slug="contact"))
    with time_machine.travel(START, tick=False):
        FormSubmission.objects.create(page=page, form_data={"message": "ancien"})
    with time_machine.travel(START + 300 * DAY, tick=False):
        FormSubmission.objects.create(page=page, form_data={"message": "récent"})
    with time_machine.travel(START + 366 * DAY, tick=False):
        call_command("enforce_retention")
    assert [s.form_data["message"] for s in FormSubmission.objects.all()] == ["récent"]


def test_an_inactive_account_is_warned_then_erased_its_contributions_kept(
    site_root, django_capture_on_commit_callbacks
):
    with time_machine.travel(START, tick=False):
        sleeper = factories.UserFactory(display_name="Dormeur")
        sleeper.last_login = timezone.now()
        sleeper.save()
        active = factories.UserFactory()
        staff = factories.moderator()
        consultation = factories.consultation(site_root, "open")
        proposal = factories.ProposalFactory(consultation=consultation, author=sleeper)
    with time_machine.travel(START + 2 * 365 * DAY, tick=False):
        active.last_login = timezone.now()
        active.save()
    mail.outbox.clear()
    with (
        time_machine.travel(START + (3 * 365 - 31) * DAY, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("enforce_retention")
    assert mail.outbox == [], "not yet"
    with (
        time_machine.travel(START + (3 * 365 - 30) * DAY, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("enforce_retention")
        call_command("enforce_retention")
    assert [m.to for m in mail.outbox] == [[sleeper.email]], "warned once"
    assert "supprimé dans 30 jours" in mail.outbox[0].body
    with time_machine.travel(START + (3 * 365 - 1) * DAY, tick=False):
        call_command("enforce_retention")
    assert User.objects.get(pk=sleeper.pk).erased_at is None, (
        "30 days after the warning"
    )
    with time_machine.travel(START + 3 * 365 * DAY, tick=False):
        call_command("enforce_retention")
    sleeper.refresh_from_db()
    assert sleeper.erased_at is not None and "@example.invalid" in sleeper.email
    assert Proposal.objects.get(pk=proposal.pk).author_id == sleeper.pk
    assert str(sleeper) == "Participant·e supprimé·e"
    active.refresh_from_db()
    staff.refresh_from_db()
    assert active.erased_at is None and staff.erased_at is None


def test_signing_in_after_the_warning_keeps_the_account(site_root):
    with time_machine.travel(START, tick=False):
        person = factories.UserFactory()
    with time_machine.travel(START + (3 * 365 - 30) * DAY, tick=False):
        call_command("enforce_retention")
    with time_machine.travel(START + (3 * 365 - 10) * DAY, tick=False):
        person.last_login = timezone.now()
        person.save()
    with time_machine.travel(START + (3 * 365 + 5) * DAY, tick=False):
        call_command("enforce_retention")
    person.refresh_from_db()
    assert person.erased_at is None
