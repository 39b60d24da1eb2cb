"""Reports cannot be weaponised: a priority queue, hiding only for the charter's reasons,
a daily cap per account, and newcomers' first contributions reviewed when asked."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participation.models import (
    Appeal,
    Comment,
    ParticipantProfile,
    ParticipationSettings,
    Proposal,
    Report,
    Status,
)

from . import factories

pytestmark = pytest.mark.django_db


def queue(client):
    return client.get(reverse("participation_moderation:queue")).content.decode()


def sections(page):
    """(priority, appeals, others) parts of the queue page."""
    priority, rest = page.split('id="file-prioritaire"')[1].split('id="file-reexamens"')
    appeals, others = rest.split('id="file-autres"')
    return priority, appeals, others


def report_as_many(contribution, reasons):
    for reason in reasons:
        contribution.report(factories.UserFactory(), reason)
    contribution.refresh_from_db()


@override_settings(PARTICIPATION_REPORT_THRESHOLD=3)
def test_the_threshold_puts_contributions_first_in_a_priority_section(
    client, site_root, moderator
):
    consultation = factories.consultation(site_root, "open", moderation_mode="before")
    waiting = factories.ProposalFactory(
        consultation=consultation, status=Status.PENDING, title="En attente"
    )
    once = factories.ProposalFactory(consultation=consultation, title="Une fois")
    report_as_many(once, ["off_topic"])
    most = factories.ProposalFactory(consultation=consultation, title="Quatre fois")
    report_as_many(most, ["off_topic"] * 2 + ["duplicate"] * 2)
    three = factories.CommentFactory(
        consultation=consultation, body="Commentaire trois fois"
    )
    report_as_many(three, ["off_topic", "other", "duplicate"])
    spam = factories.ProposalFactory(consultation=consultation, title="Publicité")
    report_as_many(spam, ["spam", "spam", "spam"])
    calm = factories.ProposalFactory(consultation=consultation, title="Tranquille")

    # Non-charter reasons reach the priority section but the content stays visible.
    assert most.status == three.status == Status.PUBLISHED
    # The charter's automatic reasons hide it, recording the reason.
    assert (spam.status, spam.hidden_reason_code) == ("hidden", "spam")
    assert "Masqué automatiquement après plusieurs signalements" in spam.hidden_reason

    client.force_login(moderator)
    priority, _appeals, others = sections(queue(client))
    order = [most.title, spam.title, three.body]
    assert all(text in priority for text in order)
    assert priority.index(most.title) < priority.index(spam.title)
    assert priority.index(most.title) < priority.index(three.body)
    assert once.title not in priority and waiting.title not in priority
    assert others.index(once.title) < others.index(waiting.title)  # oldest first
    assert calm.title not in priority + others
    assert "Masquée (Publicité ou contenu indésirable)" in priority

    # A decision closes the reports: off the queue, and counting starts again.
    most.moderate(moderator, "dismiss", "")
    priority, _appeals, others = sections(queue(client))
    assert most.title not in priority + others


@override_settings(PARTICIPATION_REPORT_THRESHOLD=3)
def test_mixed_reasons_hide_only_on_enough_charter_reports(proposal):
    report_as_many(proposal, ["spam", "offensive", "off_topic"])
    assert proposal.status == Status.PUBLISHED  # 3 open reports, 2 of them charter's
    report_as_many(proposal, ["personal_data"])
    assert proposal.status == Status.HIDDEN
    assert proposal.hidden_reason_code == "spam"  # first among equals, settings' order
    other = factories.ProposalFactory(consultation=proposal.consultation)
    report_as_many(other, ["spam", "personal_data", "personal_data"])
    assert other.hidden_reason_code == "personal_data"  # the most reported


@override_settings(PARTICIPATION_REPORT_THRESHOLD=1)
def test_a_pending_contribution_is_not_hidden_by_reports(site_root):
    consultation = factories.consultation(site_root, "open")
    pending = factories.ProposalFactory(
        consultation=consultation, status=Status.PENDING
    )
    Report.file(pending, factories.UserFactory(), "spam")
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def fill_queue(consultation, total):
    """``total`` reported proposals and comments, a third of each past the threshold
    (so that a page holds both kinds at every size), three appealed."""
    reporters = [factories.UserFactory() for _ in range(3)]
    proposals = Proposal.objects.bulk_create(
        Proposal(consultation=consultation, title=f"Signalée {n}", body="Texte")
        for n in range(total)
    )
    comments = Comment.objects.bulk_create(
        Comment(consultation=consultation, body=f"Commentaire {n}")
        for n in range(total)
    )
    Report.objects.bulk_create(
        [
            *(
                Report(proposal=proposal, reporter=reporter, reason="off_topic")
                for n, proposal in enumerate(proposals)
                for reporter in reporters[: 1 + n % 3]
            ),
            *(
                Report(comment=comment, reporter=reporter, reason="duplicate")
                for n, comment in enumerate(comments)
                for reporter in reporters[: 1 + (n + 1) % 3]
            ),
        ]
    )
    for proposal in proposals[:3]:
        factories.hidden_by(factories.moderator(), proposal)
        Appeal.file(proposal, None, "Je conteste.")


@override_settings(PAGE_CACHE_ENABLED=False)
def test_the_queue_is_paginated_with_the_same_queries_at_two_sizes(
    client, site_root, moderator
):
    counts = []
    for total in (6, 150):
        consultation = factories.consultation(site_root, "open")
        fill_queue(consultation, total)
        client.force_login(moderator)
        queue(client)  # warm the admin's own per-request caches
        with CaptureQueriesContext(connection) as captured:
            page = queue(client)
        counts.append(len(captured.captured_queries))
        assert "Commentaire" in sections(page)[0] and "Signalée" in sections(page)[0]
    assert counts[0] == counts[1], counts
    assert "Page 1 sur" in page  # 300 + 12 rows: more than one page


def report(client, user, proposal, reason="spam"):
    client.force_login(user)
    return client.post(
        reverse("participation:proposal_report", args=[proposal.pk]),
        {"reason": reason},
    )


@override_settings(
    PARTICIPATION_RATE_LIMITS={"report": "100/3600", "report_daily": "2/86400"},
    PARTICIPATION_REPORT_THRESHOLD=100,
)
def test_reports_are_capped_per_account_per_day(client, open_consultation):
    reporter = factories.UserFactory()
    proposals = [
        factories.ProposalFactory(consultation=open_consultation) for _ in range(4)
    ]
    assert report(client, reporter, proposals[0]).status_code == 302
    report(client, reporter, proposals[0])  # already reported: recorded nothing
    assert report(client, reporter, proposals[1]).status_code == 302
    response = report(client, reporter, proposals[2])
    assert response.status_code == 429
    assert "maximum de signalements par compte (2 en 24 heures)" in (
        response.content.decode()
    )
    assert Report.objects.filter(reporter=reporter).count() == 2
    assert not proposals[2].reports.exists()
    # Someone else, on the same address, is not concerned: the cap is per account.
    assert report(client, factories.UserFactory(), proposals[2]).status_code == 302
    # A day later the window has moved on.
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        assert report(client, reporter, proposals[3]).status_code == 302
    assert Report.objects.filter(reporter=reporter).count() == 3


def test_the_settings_name_a_daily_cap():
    from django.conf import settings

    count, seconds = settings.PARTICIPATION_RATE_LIMITS["report_daily"].split("/")
    assert int(seconds) == 86400 and int(count) > 0


def test_blocked_accounts_do_not_report(client, proposal):
    blocked = factories.UserFactory()
    ParticipantProfile.to_write(blocked).block("Signalements abusifs")
    response = report(client, blocked, proposal)
    assert response.status_code == 403
    assert not Report.objects.exists()


# --- newcomers' first contribution ---------------------------------------------------


@pytest.fixture
def review_newcomers(site_root):
    settings = ParticipationSettings.for_site(site_root.get_site())
    settings.first_contribution_premoderated = True
    settings.save()
    return settings


def propose(client, consultation, title="Une idée"):
    return client.post(
        reverse("participation:proposal_create", args=[consultation.pk]),
        {"title": title, "body": "Un texte."},
        follow=True,
    )


def test_without_the_setting_a_newcomer_is_published_at_once(
    client, open_consultation, resident
):
    client.force_login(resident)
    page = propose(client, open_consultation).content.decode()
    assert Proposal.objects.get().status == Status.PUBLISHED
    assert "Votre proposition est publiée" in page


def test_with_the_setting_a_newcomers_first_contribution_waits(
    client, open_consultation, resident, moderator, review_newcomers
):
    assert open_consultation.moderation_mode == "after"
    client.force_login(resident)
    page = propose(client, open_consultation).content.decode()
    first = Proposal.objects.get()
    assert first.status == Status.PENDING
    assert "C’est votre première contribution" in page
    assert "attend la relecture de l’équipe de modération" in page
    # Still nothing published: the next one (a comment) waits too.
    response = client.post(
        reverse("participation:consultation_comment", args=[open_consultation.pk]),
        {"body": "Et un commentaire."},
        follow=True,
    )
    assert Comment.objects.get().status == Status.PENDING
    assert "C’est votre première contribution" in response.content.decode()
    assert "En attente de modération" in response.content.decode()
    client.logout()
    assert first.title not in client.get(open_consultation.url).content.decode()
    # In the queue; once a moderator publishes one, the account is no newcomer.
    client.force_login(moderator)
    assert first.title in queue(client)
    first.moderate(moderator, "publish", "")
    client.force_login(resident)
    propose(client, open_consultation, "Une autre idée")
    assert Proposal.objects.get(title="Une autre idée").status == Status.PUBLISHED


def test_an_account_with_a_published_comment_is_no_newcomer(
    client, open_consultation, resident, review_newcomers
):
    factories.CommentFactory(consultation=open_consultation, author=resident)
    client.force_login(resident)
    propose(client, open_consultation)
    assert Proposal.objects.get().status == Status.PUBLISHED


def test_pre_moderated_consultations_still_review_everyone(client, site_root, resident):
    consultation = factories.consultation(site_root, "open", moderation_mode="before")
    factories.ProposalFactory(consultation=consultation, author=resident)
    client.force_login(resident)
    page = propose(client, consultation).content.decode()
    assert Proposal.objects.latest("pk").status == Status.PENDING
    assert "sera publiée après sa relecture" in page
    assert "première contribution" not in page


def test_moderators_switch_the_setting_in_the_admin(client, site_root, moderator):
    site = site_root.get_site()
    url = reverse(
        "wagtailsettings:edit", args=["participation", "participationsettings", site.pk]
    )
    client.force_login(factories.communication_staff())
    assert client.get(url).status_code in (302, 403)
    client.force_login(moderator)
    page = client.get(url).content.decode()
    assert "Relire la première contribution d’un nouveau compte" in page
    response = client.post(url, {"first_contribution_premoderated": "on"})
    assert response.status_code == 302
    assert ParticipationSettings.for_site(site).first_contribution_premoderated
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Réglages de la participation" in menu
