"""Hidden for a stated reason, appealed once, decided by another moderator."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from participation.models import (
    AlreadyAppealed,
    Appeal,
    AppealClosed,
    Comment,
    ModerationDecision,
    Status,
)

from . import factories

pytestmark = pytest.mark.django_db


def decide_url(kind, contribution):
    return reverse("participation_moderation:decide", args=[kind, contribution.pk])


def appeal_url(contribution):
    name = "proposal" if contribution.__class__.__name__ == "Proposal" else "comment"
    return reverse(f"participation:{name}_appeal", args=[contribution.pk])


def appeal_decision_url(appeal):
    return reverse("participation_moderation:appeal", args=[appeal.pk])


def test_moderators_must_pick_a_charter_reason_to_hide(client, proposal, moderator):
    client.force_login(moderator)
    url = decide_url("proposition", proposal)
    response = client.post(url, {"action": "hide", "reason": "Hors sujet."})
    assert response.status_code == 200
    assert "Choisissez le motif du masquage parmi ceux de la charte." in (
        response.content.decode()
    )
    response = client.post(
        url, {"action": "hide", "reason_code": "other", "reason": "Autre."}
    )
    assert response.status_code == 200  # "Autre motif" is for reports, not for hiding
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert not ModerationDecision.objects.exists()


def test_the_appeal_journey_through_the_site_and_the_admin(
    client, charter, proposal, moderator
):
    author = proposal.author
    other_moderator = factories.moderator()

    # Moderator A hides it in the admin, for a reason of the charter.
    client.force_login(moderator)
    response = client.post(
        decide_url("proposition", proposal),
        {
            "action": "hide",
            "reason_code": "off_topic",
            "reason": "Ce sujet relève d’une autre consultation.",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.hidden_reason_code) == ("hidden", "off_topic")
    decision = ModerationDecision.objects.get()
    assert (decision.action, decision.reason_code) == ("hide", "off_topic")
    [hidden_mail] = mail.outbox
    assert hidden_mail.to == [author.email]
    assert "Motif de la charte : Hors sujet" in hidden_mail.body
    assert f"/participation/propositions/{proposal.pk}/reexamen/" in hidden_mail.body

    # Everyone sees why, and the charter.
    client.logout()
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Cette proposition a été masquée par la modération." in page
    assert "Hors sujet" in page
    assert "Ce sujet relève d’une autre consultation." in page
    assert f'href="{charter.url}"' in page
    assert proposal.body not in page
    assert "Demander un réexamen" not in page

    # Its author sees the appeal form on the page and the link in "Mon compte".
    client.force_login(author)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Demander un réexamen" in page
    assert f'action="{appeal_url(proposal)}"' in page
    account = client.get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{appeal_url(proposal)}"' in account
    assert "motif : Hors sujet" in account

    # An empty explanation changes nothing; a real one files the appeal.
    response = client.post(appeal_url(proposal), {"explanation": ""})
    assert response.status_code == 400
    assert "Expliquez pourquoi vous demandez un réexamen." in response.content.decode()
    assert not Appeal.objects.exists()
    response = client.post(
        appeal_url(proposal),
        {"explanation": "Ma proposition parle bien des mobilités."},
        follow=True,
    )
    assert "Votre demande de réexamen est enregistrée." in response.content.decode()
    appeal = Appeal.objects.get()
    assert (appeal.author, appeal.hidden_by, appeal.is_open) == (
        author,
        moderator,
        True,
    )
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Vous avez demandé un réexamen le" in page
    assert f'action="{appeal_url(proposal)}"' not in page
    account = client.get(reverse("accounts:dashboard")).content.decode()
    assert "réexamen demandé, en attente de décision" in account

    # A second try is refused, with a clear message, and records nothing.
    response = client.post(appeal_url(proposal), {"explanation": "Encore."})
    assert response.status_code == 403
    assert "une seule demande est possible" in response.content.decode()
    assert Appeal.objects.count() == 1

    # The queue lists it in its own section; moderator A may not decide it.
    client.force_login(moderator)
    queue = client.get(reverse("participation_moderation:queue")).content.decode()
    section = queue.split('id="file-reexamens"')[1].split('id="file-autres"')[0]
    assert appeal_decision_url(appeal) in section
    page = client.get(appeal_decision_url(appeal)).content.decode()
    assert "son réexamen revient à une autre personne" in page
    assert 'name="outcome"' not in page
    response = client.post(
        appeal_decision_url(appeal), {"outcome": "overturned", "reason": "Moi."}
    )
    assert response.status_code == 403
    # Nor go round it through the contribution's own decision form.
    response = client.post(
        decide_url("proposition", proposal), {"action": "restore", "reason": "Moi."}
    )
    assert response.status_code == 200
    assert "la décision se prend depuis sa demande" in response.content.decode()
    proposal.refresh_from_db()
    appeal.refresh_from_db()
    assert proposal.status == Status.HIDDEN and appeal.is_open

    # Moderator B decides: the masking stays; logged, and the author told.
    mail.outbox.clear()
    client.force_login(other_moderator)
    response = client.post(appeal_decision_url(appeal), {"outcome": "upheld"})
    assert response.status_code == 200  # an explanation is required
    assert "Expliquez votre décision" in response.content.decode()
    response = client.post(
        appeal_decision_url(appeal),
        {"outcome": "upheld", "reason": "Le sujet est bien hors de la consultation."},
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    proposal.refresh_from_db()
    assert (appeal.outcome, appeal.decided_by) == ("upheld", other_moderator)
    assert proposal.status == Status.HIDDEN
    assert proposal.hidden_reason_code == "off_topic"
    logged = ModerationDecision.objects.latest("at")
    assert (logged.action, logged.actor, logged.participant) == (
        "uphold",
        other_moderator,
        author,
    )
    [decided] = mail.outbox
    assert decided.to == [author.email]
    assert decided.subject == "Réexamen : votre contribution reste masquée"
    assert "Le sujet est bien hors de la consultation." in decided.body
    assert "Motif de la charte : Hors sujet" in decided.body

    # Decided once: the queue no longer lists it, nobody decides it again.
    queue = client.get(reverse("participation_moderation:queue")).content.decode()
    assert appeal_decision_url(appeal) not in queue
    response = client.post(
        appeal_decision_url(appeal), {"outcome": "overturned", "reason": "Non."}
    )
    assert response.status_code == 403
    client.force_login(author)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "le masquage a été maintenu" in page
    account = client.get(reverse("accounts:dashboard")).content.decode()
    assert "réexamen : masquage maintenu" in account


def test_overturned_appeal_restores_the_comment(client, charter, proposal, moderator):
    comment = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal, body="Mon avis franc"
    )
    factories.hidden_by(moderator, comment, "offensive", "Ton agressif.")
    client.force_login(comment.author)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Commentaire masqué par la modération." in page
    assert "Propos injurieux, haineux ou discriminatoires" in page
    assert "Ton agressif." in page
    assert f'href="{charter.url}"' in page
    assert f'href="{appeal_url(comment)}"' in page
    assert "Mon avis franc" not in page
    form = client.get(appeal_url(comment)).content.decode()
    assert "Mon avis franc" in form  # its author sees what is appealed
    response = client.post(appeal_url(comment), {"explanation": "Je reste poli."})
    assert f"#commentaire-{comment.pk}" in response["Location"]
    appeal = Appeal.objects.get(comment=comment)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Vous avez demandé un réexamen" in page
    assert f'href="{appeal_url(comment)}"' not in page

    mail.outbox.clear()
    client.force_login(factories.moderator())
    client.post(
        appeal_decision_url(appeal),
        {"outcome": "overturned", "reason": "Le ton reste acceptable."},
    )
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    assert (comment.hidden_reason_code, comment.hidden_reason) == ("", "")
    assert ModerationDecision.objects.filter(action="overturn").count() == 1
    assert mail.outbox[0].subject == "Réexamen : votre contribution est rétablie"
    client.logout()
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Mon avis franc" in page
    proposal.refresh_from_db()
    assert proposal.comment_count == 1  # counted again


def test_reports_hiding_it_leave_any_moderator_to_decide(client, proposal, moderator):
    for _ in range(3):
        proposal.report(factories.UserFactory(), "spam")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.hidden_reason_code) == ("hidden", "spam")
    client.force_login(proposal.author)
    client.post(appeal_url(proposal), {"explanation": "Ce n’est pas une publicité."})
    appeal = Appeal.objects.get()
    assert appeal.hidden_by is None
    client.force_login(moderator)
    client.post(
        appeal_decision_url(appeal), {"outcome": "overturned", "reason": "Exact."}
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert not proposal.reports.filter(resolved_at__isnull=True).exists()


@pytest.mark.parametrize("who", ["anonymous", "other resident", "moderator"])
def test_only_the_author_may_appeal(client, proposal, moderator, who):
    factories.hidden_by(moderator, proposal)
    if who == "other resident":
        client.force_login(factories.UserFactory())
    elif who == "moderator":
        client.force_login(factories.moderator())
    for method in (client.get, client.post):
        response = method(appeal_url(proposal), {"explanation": "Je conteste."})
        assert response.status_code == 403
    assert not Appeal.objects.exists()


@pytest.mark.parametrize("status", ["published", "pending"])
def test_only_a_hidden_contribution_may_be_appealed(client, proposal, status):
    proposal.status = status
    proposal.save()
    client.force_login(proposal.author)
    response = client.post(appeal_url(proposal), {"explanation": "Je conteste."})
    assert response.status_code == 403
    assert "Seule une contribution masquée" in response.content.decode()
    assert not Appeal.objects.exists()


def test_a_deleted_comment_is_not_appealed(client, proposal, moderator):
    comment = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal
    )
    factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal, parent=comment
    )
    factories.hidden_by(moderator, comment)
    comment.remove()  # a reply keeps it as a placeholder
    client.force_login(comment.author)
    assert client.post(appeal_url(comment), {"explanation": "x"}).status_code == 403


def test_one_appeal_per_contribution_even_in_a_race(proposal, moderator):
    """The unique constraint holds when two requests pass the rule at once."""
    factories.hidden_by(moderator, proposal)
    Appeal.file(proposal, proposal.author, "Première demande.")
    with pytest.raises(AlreadyAppealed):
        Appeal.file(proposal, proposal.author, "Seconde demande.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.create(proposal=proposal, author=proposal.author)
    assert Appeal.objects.count() == 1


def test_a_decided_appeal_is_not_decided_twice(proposal, moderator):
    factories.hidden_by(moderator, proposal)
    appeal = Appeal.file(proposal, proposal.author, "Je conteste.")
    stale = Appeal.objects.get(pk=appeal.pk)  # another moderator's open page
    appeal.decide(factories.moderator(), "upheld", "Maintenu.")
    with pytest.raises(AppealClosed):
        stale.decide(factories.moderator(), "overturned", "Rétabli.")
    proposal.refresh_from_db()
    assert proposal.status == Status.HIDDEN
    assert ModerationDecision.objects.filter(action="overturn").count() == 0


def test_the_superuser_who_hid_it_does_not_decide_either(client, proposal):
    from accounts.models import User

    boss = User.objects.create_superuser(email="chef@example.test", password="x")
    factories.hidden_by(boss, proposal)
    appeal = Appeal.file(proposal, proposal.author, "Je conteste.")
    client.force_login(boss)
    response = client.post(
        appeal_decision_url(appeal), {"outcome": "overturned", "reason": "Moi."}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["anonymous", "resident", "communication"])
def test_appeal_decisions_are_for_moderators(client, proposal, moderator, who):
    factories.hidden_by(moderator, proposal)
    appeal = Appeal.file(proposal, proposal.author, "Je conteste.")
    if who == "resident":
        client.force_login(proposal.author)
    elif who == "communication":
        client.force_login(factories.communication_staff())
    response = client.post(
        appeal_decision_url(appeal), {"outcome": "overturned", "reason": "x"}
    )
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/login/" in response["Location"] or response["Location"] == "/admin/"
    appeal.refresh_from_db()
    assert appeal.is_open


def test_appeal_text_is_escaped_in_the_admin(client, proposal, moderator):
    factories.hidden_by(moderator, proposal)
    client.force_login(proposal.author)
    payload = "<script>alert('réexamen')</script><img src=x onerror=alert(1)>"
    client.post(appeal_url(proposal), {"explanation": payload})
    appeal = Appeal.objects.get()
    assert appeal.explanation == payload
    client.force_login(factories.moderator())
    page = client.get(appeal_decision_url(appeal)).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page


def test_explanations_have_a_maximum_length(client, proposal, moderator):
    factories.hidden_by(moderator, proposal)
    client.force_login(proposal.author)
    response = client.post(
        appeal_url(proposal), {"explanation": "x" * (Appeal.EXPLANATION_MAX_LENGTH + 1)}
    )
    assert response.status_code == 400
    assert "2000" in response.content.decode()
    assert not Appeal.objects.exists()


def test_the_hidden_reason_is_escaped_on_the_public_page(client, proposal, moderator):
    factories.hidden_by(moderator, proposal, "spam", "<b onmouseover=alert(1)>x</b>")
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "<b onmouseover" not in page
    assert "&lt;b onmouseover=alert(1)&gt;" in page


def test_appeals_in_the_personal_data(client, proposal, moderator):
    import json

    factories.hidden_by(moderator, proposal)
    Appeal.file(proposal, proposal.author, "Mes raisons personnelles.")
    client.force_login(proposal.author)
    response = client.get(reverse("accounts:my_data_download"))
    data = json.loads(
        b"".join(getattr(response, "streaming_content", [response.content]))
    )
    [appeal] = data["participation"]["donnees"]["demandes_de_reexamen"]
    assert appeal["explication"] == "Mes raisons personnelles."
    client.post(
        reverse("accounts:delete"), {"password": factories.PASSWORD, "confirm": "on"}
    )
    appeal = Appeal.objects.get()
    assert (appeal.author, appeal.explanation) == (None, "")


def test_comment_replies_keep_their_own_placeholder(client, proposal, moderator):
    """A hidden reply shows its reason too; its author appeals from the thread."""
    parent = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal
    )
    reply = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal, parent=parent
    )
    factories.hidden_by(moderator, reply, "duplicate", "")
    client.force_login(reply.author)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Doublon d’une contribution existante" in page
    assert f'href="{appeal_url(reply)}"' in page
    assert Comment.objects.get(pk=reply.pk).status == Status.HIDDEN
