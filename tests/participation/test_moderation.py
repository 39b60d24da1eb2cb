import pytest
from django.core import mail
from django.test import TestCase, override_settings
from django.urls import reverse

from participation.models import ModerationDecision, ParticipantProfile, Report, Status

from . import factories

pytestmark = pytest.mark.django_db


def committed():
    """What a request's own transaction would send once its write commits (the
    moderators' alert), sent here too."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def report(client, user, proposal, reason="spam"):
    client.force_login(user)
    with committed():
        return client.post(
            reverse("participation:proposal_report", args=[proposal.pk]),
            {"reason": reason},
        )


def test_one_report_per_person(client, proposal, other_resident):
    assert report(client, other_resident, proposal).status_code == 302
    report(client, other_resident, proposal)
    assert Report.objects.count() == 1


def test_threshold_of_charter_reasons_hides_pending_review(client, proposal):
    for _ in range(2):
        report(client, factories.UserFactory(), proposal)
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    report(client, factories.UserFactory(), proposal, reason="offensive")
    proposal.refresh_from_db()
    assert proposal.status == Status.HIDDEN
    client.logout()
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "masquée par la modération" in page
    assert proposal.body not in page
    assert proposal.title not in client.get(proposal.consultation.url).content.decode()


@override_settings(PARTICIPATION_REPORT_THRESHOLD=2)
def test_off_topic_reports_queue_but_do_not_hide(client, proposal):
    for _ in range(3):
        report(client, factories.UserFactory(), proposal, reason="off_topic")
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED


def test_anonymous_cannot_report(client, proposal):
    response = client.post(
        reverse("participation:proposal_report", args=[proposal.pk]), {"reason": "spam"}
    )
    assert response.status_code == 403
    assert not Report.objects.exists()


@override_settings(PARTICIPATION_RATE_LIMITS={"report": "1/3600"})
def test_report_rate_limit(client, open_consultation, other_resident):
    first = factories.ProposalFactory(consultation=open_consultation)
    second = factories.ProposalFactory(consultation=open_consultation)
    assert report(client, other_resident, first).status_code == 302
    assert report(client, other_resident, second).status_code == 429
    assert Report.objects.count() == 1


def queue_url():
    return reverse("participation_moderation:queue")


def test_queue_lists_reported_first_then_waiting(client, site_root, moderator):
    consultation = factories.consultation(site_root, "open", moderation_mode="before")
    waiting = factories.ProposalFactory(
        consultation=consultation, status=Status.PENDING, title="En attente"
    )
    reported = factories.ProposalFactory(consultation=consultation, title="Signalée")
    reported.report(factories.UserFactory(), "spam")
    factories.ProposalFactory(consultation=consultation, title="Tranquille")
    client.force_login(moderator)
    page = client.get(queue_url()).content.decode()
    assert page.index("Signalée") < page.index("En attente")
    assert "Tranquille" not in page
    assert waiting.pk


@pytest.mark.parametrize("who", ["resident", "communication", "anonymous"])
def test_moderation_screens_refused(client, proposal, who):
    if who == "resident":
        client.force_login(factories.UserFactory())
    elif who == "communication":
        client.force_login(factories.communication_staff())
    urls = [
        queue_url(),
        reverse("participation_moderation:decide", args=["proposition", proposal.pk]),
        reverse("participation_moderation:block", args=[proposal.author.pk]),
        reverse("participation_proposals:index"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert (
                "/login/" in response["Location"] or response["Location"] == "/admin/"
            )
    response = client.post(
        reverse("participation_moderation:decide", args=["proposition", proposal.pk]),
        {"action": "hide", "reason": "x"},
    )
    assert response.status_code in (302, 403)
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED


def test_hide_then_restore_is_logged_and_emailed(client, proposal, moderator):
    with committed():
        for _ in range(3):
            proposal.report(factories.UserFactory(), "spam")
    proposal.refresh_from_db()
    assert proposal.status == Status.HIDDEN
    assert [message.to for message in mail.outbox] == [[moderator.email]]  # the alert
    mail.outbox.clear()
    client.force_login(moderator)
    url = reverse("participation_moderation:decide", args=["proposition", proposal.pk])
    assert "Signalements" in client.get(url).content.decode()
    response = client.post(url, {"action": "hide", "reason": ""})
    assert response.status_code == 200  # a reason is required to hide
    client.post(url, {"action": "restore", "reason": "Signalements abusifs."})
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    decision = ModerationDecision.objects.get()
    assert (decision.actor, decision.action, decision.reason) == (
        moderator,
        "restore",
        "Signalements abusifs.",
    )
    assert decision.participant == proposal.author
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [proposal.author.email]
    assert "Signalements abusifs." in mail.outbox[0].body


def test_publish_from_pre_moderation(client, site_root, moderator):
    consultation = factories.consultation(site_root, "open", moderation_mode="before")
    proposal = factories.ProposalFactory(
        consultation=consultation, status=Status.PENDING
    )
    client.force_login(moderator)
    client.post(
        reverse("participation_moderation:decide", args=["proposition", proposal.pk]),
        {"action": "publish", "reason": ""},
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert "publiée" in mail.outbox[0].subject


def test_block_participant(client, proposal, moderator):
    author = proposal.author
    client.force_login(moderator)
    client.post(
        reverse("participation_moderation:block", args=[author.pk]),
        {"reason": "Publicités répétées."},
    )
    author.refresh_from_db()
    assert ParticipantProfile.objects.get(user=author).contribution_blocked
    assert ModerationDecision.objects.get().action == "block"
    assert "Publicités répétées." in mail.outbox[0].body
    client.force_login(author)
    response = client.post(
        reverse("participation:proposal_create", args=[proposal.consultation.pk]),
        {"title": "Encore", "body": "Pub"},
    )
    assert response.status_code == 403


def test_moderator_sees_the_admin_listings(client, proposal, moderator):
    client.force_login(moderator)
    response = client.get(reverse("participation_proposals:index"))
    assert response.status_code == 200
    assert proposal.title in response.content.decode()


def test_staff_never_edit_residents_words(client, proposal, moderator):
    comment = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal
    )
    client.force_login(moderator)
    response = client.get(reverse("participation_comments:edit", args=[comment.pk]))
    assert response["Location"] == reverse(
        "participation_moderation:decide", args=["commentaire", comment.pk]
    )
    response = client.get(reverse("participation_proposals:edit", args=[proposal.pk]))
    assert response["Location"] == reverse(
        "participation_moderation:decide", args=["proposition", proposal.pk]
    )


def test_staff_proposal_written_in_the_admin_is_official(
    client, open_consultation, moderator
):
    client.force_login(moderator)
    response = client.post(
        reverse("participation_proposals:add"),
        {
            "consultation": open_consultation.pk,
            "title": "Proposition de l’équipe",
            "body": "Texte",
        },
    )
    assert response.status_code == 302
    from participation.models import Proposal

    proposal = Proposal.objects.get()
    assert proposal.is_official and proposal.author == moderator
    assert proposal.author_name == "Grand Quercy"


def report_comment(client, user, comment, reason="spam"):
    client.force_login(user)
    with committed():
        return client.post(
            reverse("participation:comment_report", args=[comment.pk]),
            {"reason": reason},
        )


def moderation_alerts():
    return [message for message in mail.outbox if "Modération" in message.subject]


def test_moderators_are_emailed_once_when_reports_hide_a_proposal(
    client, proposal, moderator
):
    other_moderator = factories.moderator()
    factories.moderator(is_active=False)
    factories.communication_staff()  # staff, but not the moderation team
    for _ in range(2):
        report(client, factories.UserFactory(), proposal)
    assert moderation_alerts() == []
    report(client, factories.UserFactory(), proposal, reason="offensive")
    proposal.refresh_from_db()
    assert proposal.status == Status.HIDDEN
    [alert] = moderation_alerts()
    assert sorted(alert.to) == sorted([moderator.email, other_moderator.email])
    assert alert.subject == "Modération : une proposition masquée après 3 signalements"
    assert f"La proposition « {proposal.title} » a reçu 3 signalements." in alert.body
    assert "Elle est masquée en attendant votre examen." in alert.body
    assert f"/moderation/proposition/{proposal.pk}/" in alert.body
    # Further reports of the same crossing do not e-mail again.
    report(client, factories.UserFactory(), proposal)
    assert len(moderation_alerts()) == 1


@override_settings(PARTICIPATION_REPORT_THRESHOLD=2)
def test_moderators_are_emailed_when_a_comment_reaches_the_queue_top(
    client, proposal, moderator
):
    comment = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal
    )
    report_comment(client, factories.UserFactory(), comment, reason="off_topic")
    assert moderation_alerts() == []
    report_comment(client, factories.UserFactory(), comment, reason="off_topic")
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED  # off topic: queued, not hidden
    [alert] = moderation_alerts()
    assert alert.to == [moderator.email]
    assert alert.subject == "Modération : un commentaire signalé 2 fois"
    assert "Il passe en tête de la file de modération." in alert.body
    # Charter reports then hide it: a second, distinct event.
    report_comment(client, factories.UserFactory(), comment)
    report_comment(client, factories.UserFactory(), comment)
    comment.refresh_from_db()
    assert comment.status == Status.HIDDEN
    assert len(moderation_alerts()) == 2
    assert "Il est masqué en attendant votre examen." in moderation_alerts()[1].body


@override_settings(PARTICIPATION_REPORT_THRESHOLD=2)
def test_a_new_crossing_after_a_decision_emails_again(client, proposal, moderator):
    for _ in range(2):
        report(client, factories.UserFactory(), proposal, reason="off_topic")
    assert len(moderation_alerts()) == 1
    proposal.moderate(moderator, "dismiss", "")
    for _ in range(2):
        report(client, factories.UserFactory(), proposal, reason="off_topic")
    assert len(moderation_alerts()) == 2


def test_the_alert_leaves_once_the_reports_are_saved(
    proposal, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as pending:
        for _ in range(3):
            proposal.report(factories.UserFactory(), "spam")
        assert moderation_alerts() == []  # not before the commit
    for send in pending:
        send()
    [alert] = moderation_alerts()
    assert alert.to == [moderator.email]
