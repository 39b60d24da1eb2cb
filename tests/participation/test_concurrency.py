"""Twenty people at once, through the real views, each on their own connection:
one account per address, exact counters and uniqueness, and a command that reports
and repairs any drift of the stored counters.

The parallel tests need PostgreSQL, as production has: SQLite locks the whole file, so
twenty writers at once measure its lock, not the application's."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from participation.models import Proposal, Report, Support
from tests.concurrency import all_at_once

from . import factories
from .factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)
PEOPLE = 20


def signed_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.postgresql
def test_twenty_sign_ups_with_one_address_make_one_account(site_root):
    def sign_up():
        return Client(raise_request_exception=False).post(
            reverse("account_signup"),
            {
                "email": "camille@exemple.fr",
                "display_name": "Camille",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "commune": "",
                "accept_charter": "on",
                "accept_privacy": "on",
            },
        )

    responses = all_at_once([sign_up] * PEOPLE)

    assert User.objects.filter(email="camille@exemple.fr").count() == 1
    assert [r.status_code for r in responses] == [302] * PEOPLE
    # Everyone is sent to the same "check your e-mail" page: the owner of the
    # address learns the rest by e-mail, nobody learns it from the page.
    page = Client().get(responses[0]["Location"]).content.decode()
    assert "adresse" in page


@pytest.mark.postgresql
def test_twenty_supports_at_once_are_counted_exactly(site_root):
    consultation = factories.consultation(site_root, "open")
    proposal = factories.ProposalFactory(consultation=consultation)
    clients = [signed_in(factories.UserFactory()) for _ in range(PEOPLE)]
    url = reverse("participation:support", args=[proposal.pk])

    responses = all_at_once([lambda c=c: c.post(url) for c in clients])

    assert [r.status_code for r in responses] == [302] * PEOPLE
    proposal.refresh_from_db()
    assert Support.objects.filter(proposal=proposal).count() == PEOPLE
    assert proposal.support_count == PEOPLE


@pytest.mark.postgresql
def test_one_person_supporting_twenty_times_at_once_counts_once(site_root):
    consultation = factories.consultation(site_root, "open")
    proposal = factories.ProposalFactory(consultation=consultation)
    resident = factories.UserFactory()
    clients = [signed_in(resident) for _ in range(PEOPLE)]
    url = reverse("participation:support", args=[proposal.pk])

    responses = all_at_once([lambda c=c: c.post(url) for c in clients])

    assert [r.status_code for r in responses] == [302] * PEOPLE
    proposal.refresh_from_db()
    assert Support.objects.filter(proposal=proposal).count() == 1
    assert proposal.support_count == 1


@pytest.mark.postgresql
def test_twenty_reports_at_once_are_each_recorded_once(site_root, settings):
    settings.PARTICIPATION_REPORT_THRESHOLD = 1000
    # All from one address here: its own limit is not what this test is about.
    settings.PARTICIPATION_RATE_LIMITS = {
        **settings.PARTICIPATION_RATE_LIMITS,
        "report": "",
    }
    consultation = factories.consultation(site_root, "open")
    proposal = factories.ProposalFactory(consultation=consultation)
    clients = [signed_in(factories.UserFactory()) for _ in range(PEOPLE)]
    url = reverse("participation:proposal_report", args=[proposal.pk])

    responses = all_at_once(
        [lambda c=c: c.post(url, {"reason": "spam"}) for c in clients]
    )
    again = all_at_once([lambda c=c: c.post(url, {"reason": "spam"}) for c in clients])

    assert all(r.status_code < 500 for r in responses + again)
    assert Report.objects.filter(proposal=proposal).count() == PEOPLE


def test_check_counters_reports_and_repairs_drift(site_root, capsys):
    consultation = factories.consultation(site_root, "open")
    proposal = factories.ProposalFactory(consultation=consultation)
    factories.CommentFactory(consultation=consultation, proposal=proposal)
    Proposal.objects.filter(pk=proposal.pk).update(support_count=7, comment_count=0)

    call_command("check_counters")
    out = capsys.readouterr().out
    assert f"Proposition {proposal.pk} : 7 soutiens enregistrés pour 0" in out
    assert "1 compteur(s) faux à corriger" in out
    proposal.refresh_from_db()
    assert proposal.support_count == 7  # reported, not changed

    call_command("check_counters", "--repair")
    proposal.refresh_from_db()
    assert (proposal.support_count, proposal.comment_count) == (0, 1)
    call_command("check_counters")
    assert "0 compteur(s) faux" in capsys.readouterr().out
