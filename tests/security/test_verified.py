"""Verified where it counts: reports, follows, supports and appeals need a confirmed
address, and fresh accounts cannot hide a contribution by themselves."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from config.settings import base
from participation.models import Follow, Report, Status, Support
from tests.accounts.factories import PASSWORD
from tests.accounts.test_signup import signup_data
from tests.participation import factories

pytestmark = pytest.mark.django_db


def sign_up(client, number):
    """A throwaway sign-up through allauth's real form; returns the confirmation path."""
    client.logout()
    email = f"jetable{number}@exemple.fr"
    response = client.post(
        reverse("account_signup"),
        signup_data(email=email, display_name=f"Jetable {number}"),
    )
    assert response.status_code == 302
    match = re.search(
        r"https?://[^/\s]+(/compte/confirm-email/\S+/)", mail.outbox[-1].body
    )
    return email, match.group(1)


def sign_in(client, email):
    client.post(
        reverse("account_login"),
        {"login": email, "password": PASSWORD},
    )


def report(client, proposal):
    return client.post(
        reverse("participation:proposal_report", args=[proposal.pk]),
        {"reason": "spam"},
    )


def test_sybil_replay_the_proposal_stays_visible(client, site_root, settings):
    """The probe: three throwaway sign-ups hid a resident's proposal in 6 seconds."""
    settings.PARTICIPATION_REPORT_COUNTING_AGE_HOURS = (
        base.PARTICIPATION_REPORT_COUNTING_AGE_HOURS
    )
    consultation = factories.consultation(site_root, "open")
    proposal = factories.ProposalFactory(consultation=consultation)
    links = []
    for number in range(3):
        email, link = sign_up(client, number)
        links.append((email, link))
        # Never confirmed: neither door opens, and the report is refused.
        client.post("/admin/login/", {"username": email, "password": PASSWORD})
        sign_in(client, email)
        assert "_auth_user_id" not in client.session
        assert report(client, proposal).status_code == 403
    assert not Report.objects.exists()
    for email, link in links:
        client.logout()
        client.post(link)
        sign_in(client, email)
        assert "_auth_user_id" in client.session, email
        assert report(client, proposal).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert Report.open_for(proposal).count() == 3, "the reports still reach the queue"
    client.logout()
    assert proposal.body in client.get(proposal.get_absolute_url()).content.decode()


def test_accounts_older_than_the_counting_age_still_hide(client, site_root, settings):
    settings.PARTICIPATION_REPORT_COUNTING_AGE_HOURS = 72
    consultation = factories.consultation(site_root, "open")
    proposal = factories.ProposalFactory(consultation=consultation)
    for _ in range(3):
        reporter = factories.UserFactory(
            date_joined=timezone.now() - timezone.timedelta(days=4)
        )
        client.force_login(reporter)
        assert report(client, proposal).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.HIDDEN


@pytest.mark.parametrize("action", ["report", "follow", "support", "appeal"])
def test_an_unverified_account_may_not_act(client, site_root, action):
    consultation = factories.consultation(site_root, "open")
    moderator = factories.moderator()
    person = factories.unverified_user()
    proposal = factories.ProposalFactory(consultation=consultation)
    if action == "appeal":
        proposal = factories.ProposalFactory(consultation=consultation, author=person)
        factories.hidden_by(moderator, proposal)
    client.force_login(person)
    url = reverse(
        {
            "report": "participation:proposal_report",
            "follow": "participation:follow",
            "support": "participation:support",
            "appeal": "participation:proposal_appeal",
        }[action],
        args=[proposal.pk],
    )
    data = {"reason": "spam", "explanation": "Je conteste ce masquage."}
    response = client.post(url, data)
    assert response.status_code == 403
    assert "Confirmez d’abord votre adresse" in response.content.decode()
    assert not Report.objects.exists()
    assert not Follow.objects.exists()
    assert not Support.objects.exists()
    assert not proposal.appeals.exists()
