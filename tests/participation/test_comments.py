import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from participation.models import Comment, CommentRevision

from . import factories

pytestmark = pytest.mark.django_db


def comment_url(proposal):
    return reverse("participation:proposal_comment", args=[proposal.pk])


def test_comment_on_a_proposal_without_javascript(client, proposal, other_resident):
    client.force_login(other_resident)
    response = client.post(comment_url(proposal), {"body": "D’accord !"})
    comment = Comment.objects.get()
    assert response["Location"].endswith(f"?page=1#commentaire-{comment.pk}")
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "D’accord !" in page
    assert f'id="commentaire-{comment.pk}"' in page


def test_comment_on_the_consultation(client, open_consultation, resident):
    client.force_login(resident)
    url = reverse("participation:consultation_comment", args=[open_consultation.pk])
    response = client.post(url, {"body": "Bonne initiative."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.proposal is None
    assert "Bonne initiative." in client.get(open_consultation.url).content.decode()


def test_reply_notifies_the_parent_author_once(
    client, proposal, resident, other_resident
):
    parent = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal, author=resident
    )
    client.force_login(other_resident)
    client.post(comment_url(proposal), {"body": "Je réponds", "parent": parent.pk})
    reply = Comment.objects.get(parent=parent)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [resident.email]
    assert "Je réponds" in mail.outbox[0].body
    assert "/compte/" in mail.outbox[0].body  # the one-click unsubscribe link
    reply.edit("Je réponds, corrigé")
    assert len(mail.outbox) == 1


def test_only_one_level_of_replies(client, proposal, other_resident):
    parent = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal
    )
    reply = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal, parent=parent
    )
    client.force_login(other_resident)
    response = client.post(
        comment_url(proposal), {"body": "Trop profond", "parent": reply.pk}
    )
    assert response.status_code == 400
    assert "répondre à ce commentaire" in response.content.decode()


def test_comments_switched_off(client, site_root, resident):
    consultation = factories.consultation(site_root, "open", allow_comments=False)
    proposal = factories.ProposalFactory(consultation=consultation)
    client.force_login(resident)
    response = client.post(comment_url(proposal), {"body": "Hop"})
    assert response.status_code == 403
    assert "commentaires sont fermés" in response.content.decode()
    assert not Comment.objects.exists()


def test_closed_consultation_refuses_comments(client, site_root, resident):
    consultation = factories.consultation(site_root, "closed")
    proposal = factories.ProposalFactory(consultation=consultation)
    client.force_login(resident)
    response = client.post(comment_url(proposal), {"body": "Trop tard"})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_edit_within_the_window_keeps_the_previous_text(client, proposal, resident):
    comment = factories.CommentFactory(
        consultation=proposal.consultation,
        proposal=proposal,
        author=resident,
        body="V1",
    )
    client.force_login(resident)
    url = reverse("participation:comment_edit", args=[comment.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"body": "V2"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "V2" and comment.edited_at is not None
    assert list(CommentRevision.objects.values_list("body", flat=True)) == ["V1"]
    assert "(modifié)" in client.get(proposal.get_absolute_url()).content.decode()


@override_settings(PARTICIPATION_EDIT_WINDOW_MINUTES=15)
def test_edit_after_the_window_is_refused(client, proposal, resident):
    comment = factories.CommentFactory(
        consultation=proposal.consultation,
        proposal=proposal,
        author=resident,
        body="V1",
        created_at=timezone.now() - datetime.timedelta(minutes=16),
    )
    client.force_login(resident)
    response = client.post(
        reverse("participation:comment_edit", args=[comment.pk]), {"body": "V2"}
    )
    assert response.status_code == 403
    assert "délai" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "V1"


def test_someone_elses_comment_cannot_be_edited_or_deleted(
    client, proposal, other_resident
):
    comment = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal
    )
    client.force_login(other_resident)
    for name in ("comment_edit", "comment_delete"):
        response = client.post(
            reverse(f"participation:{name}", args=[comment.pk]), {"body": "X"}
        )
        assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.body != "X" and comment.deleted_at is None


def test_delete_without_replies_removes_it(client, proposal, resident):
    comment = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal, author=resident
    )
    client.force_login(resident)
    url = reverse("participation:comment_delete", args=[comment.pk])
    assert "définitive" in client.get(url).content.decode()
    client.post(url)
    assert not Comment.objects.exists()


def test_delete_with_replies_leaves_a_placeholder(client, proposal, resident):
    comment = factories.CommentFactory(
        consultation=proposal.consultation,
        proposal=proposal,
        author=resident,
        body="Secret",
    )
    comment.edit("Secret modifié")
    factories.CommentFactory(
        consultation=proposal.consultation,
        proposal=proposal,
        parent=comment,
        body="Réponse",
    )
    client.force_login(resident)
    client.post(reverse("participation:comment_delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.deleted_at is not None and comment.body == ""
    assert not comment.revisions.exists()
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Commentaire supprimé" in page and "Réponse" in page and "Secret" not in page


def test_comments_are_paginated_server_side(client, proposal):
    for number in range(25):
        factories.CommentFactory(
            consultation=proposal.consultation,
            proposal=proposal,
            body=f"Avis numéro {number:02d}",
            created_at=timezone.now() + datetime.timedelta(seconds=number),
        )
    first = client.get(proposal.get_absolute_url()).content.decode()
    second = client.get(proposal.get_absolute_url(), {"page": 2}).content.decode()
    assert "Avis numéro 00" in first and "Avis numéro 24" not in first
    assert "Avis numéro 24" in second
    assert 'rel="next"' in first


@override_settings(PARTICIPATION_RATE_LIMITS={"comment": "2/600"})
def test_comment_rate_limit(client, proposal, other_resident):
    client.force_login(other_resident)
    codes = [
        client.post(comment_url(proposal), {"body": f"C{n}"}).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]
    assert Comment.objects.count() == 2


@override_settings(PAGE_CACHE_ENABLED=False)
def test_kept_comment_html_follows_every_change(
    client, proposal, resident, other_resident, moderator
):
    """Each comment's HTML is kept in the cache: every real change shows at once."""
    comment = factories.CommentFactory(
        consultation=proposal.consultation,
        proposal=proposal,
        author=resident,
        body="Première version",
    )
    url = proposal.get_absolute_url()
    report_link = reverse("participation:comment_report", args=[comment.pk])
    page = client.get(url).content.decode()
    assert "Première version" in page
    assert report_link not in page  # anonymous: nothing to report with
    client.force_login(other_resident)
    assert report_link in client.get(url).content.decode()
    client.logout()
    comment.edit("Seconde version")
    page = client.get(url).content.decode()
    assert "Seconde version" in page
    assert "Première version" not in page
    assert "(modifié)" in page
    resident.display_name = "Camille du Causse"
    resident.save()
    assert "Camille du Causse" in client.get(url).content.decode()
    comment.moderate(moderator, "hide", "Hors charte.")
    page = client.get(url).content.decode()
    assert "Seconde version" not in page
    assert "Hors charte." in page
