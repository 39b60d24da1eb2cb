"""The stored counters of a proposal follow every real change: supports and published comments."""

import pytest
from django.test import override_settings
from django.urls import reverse

from participation.models import Answer, AnswerStatus, Proposal, Status

from . import factories

pytestmark = pytest.mark.django_db


def counts(proposal):
    proposal.refresh_from_db(fields=["support_count", "comment_count"])
    return proposal.support_count, proposal.comment_count


def test_supports_are_counted_and_uncounted(client, proposal, other_resident):
    url = reverse("participation:support", args=[proposal.pk])
    client.force_login(other_resident)
    client.post(url, {"action": "add"})
    assert counts(proposal) == (1, 0)
    client.force_login(factories.UserFactory())
    client.post(url, {"action": "add"})
    assert counts(proposal) == (2, 0)
    client.post(url, {"action": "remove"})
    assert counts(proposal) == (1, 0)


def test_only_published_comments_are_counted(
    client, proposal, other_resident, moderator
):
    client.force_login(other_resident)
    url = reverse("participation:proposal_comment", args=[proposal.pk])
    client.post(url, {"body": "Premier"})
    client.post(url, {"body": "Second"})
    assert counts(proposal) == (0, 2)
    first, second = proposal.comments.order_by("pk")
    client.post(url, {"body": "Une réponse", "parent": first.pk})
    assert counts(proposal) == (0, 3)
    second.moderate(moderator, "hide", "Hors charte.")
    assert counts(proposal) == (0, 2)
    second.moderate(moderator, "restore", "")
    assert counts(proposal) == (0, 3)
    first.remove()  # has a reply: kept as a placeholder, no longer counted
    assert counts(proposal) == (0, 2)
    client.post(reverse("participation:comment_delete", args=[second.pk]))
    assert counts(proposal) == (0, 1)


def test_pending_comments_count_once_published(client, site_root, moderator):
    consultation = factories.consultation(site_root, "open", moderation_mode="before")
    proposal = factories.ProposalFactory(consultation=consultation)
    comment = factories.CommentFactory(
        consultation=consultation, proposal=proposal, status=Status.PENDING
    )
    assert counts(proposal) == (0, 0)
    comment.moderate(moderator, "publish", "")
    assert counts(proposal) == (0, 1)


def test_reports_that_hide_a_comment_uncount_it(proposal):
    comment = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal
    )
    assert counts(proposal) == (0, 1)
    for _ in range(3):
        comment.report(factories.UserFactory(), "spam")
    assert counts(proposal) == (0, 0)


def test_the_most_supported_first_uses_the_counters(client, open_consultation):
    little, much = (
        factories.ProposalFactory(consultation=open_consultation, title=title)
        for title in ("Peu soutenue", "Très soutenue")
    )
    for _ in range(3):
        much.supports.create(user=factories.UserFactory())
    little.supports.create(user=factories.UserFactory())
    page = client.get(f"{open_consultation.url}?sort=supports").content.decode()
    assert page.index("Très soutenue") < page.index("Peu soutenue")
    assert "3 soutiens" in page
    assert list(
        Proposal.objects.filter(pk__in=[little.pk, much.pk])
        .order_by("pk")
        .values_list("support_count", flat=True)
    ) == [1, 3]


@override_settings(PAGE_CACHE_ENABLED=False)
def test_kept_proposal_cards_follow_every_change(
    client, open_consultation, resident, other_resident
):
    """Each card's HTML is kept in the cache: what it shows changes at once."""
    proposal = factories.ProposalFactory(
        consultation=open_consultation, author=resident, title="Un vélo-bus"
    )
    url = open_consultation.url
    assert "0 soutien" in client.get(url).content.decode()
    client.force_login(other_resident)
    client.post(reverse("participation:support", args=[proposal.pk]), {"action": "add"})
    client.logout()
    page = client.get(url).content.decode()
    assert "1 soutien" in page
    resident.display_name = "Camille du Causse"
    resident.save()
    assert "Par Camille du Causse" in client.get(url).content.decode()
    Answer.objects.create(
        proposal=proposal, status=AnswerStatus.STUDYING, explanation="On regarde."
    )
    assert "Réponse : À l’étude" in client.get(url).content.decode()
