"""Pages issue the same number of queries whatever the amount of data."""

import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cms import cache as page_cache
from participation.models import Comment, Proposal, Support

from . import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def no_page_cache():
    with override_settings(PAGE_CACHE_ENABLED=False):
        yield


def measure(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    if os.environ.get("SHOW_QUERIES"):
        print(url, len(context.captured_queries))  # noqa: T201
        for query in context.captured_queries:
            print("   ", query["sql"][:300])  # noqa: T201
    return len(context.captured_queries)


def count_queries(client, url):
    """(cold, warm): with empty caches, then once per-process and fragment caches are warm."""
    cache.clear()
    cold = measure(client, url)
    return cold, measure(client, url)


def add_comments(consultation, proposal, authors, total):
    parents = Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            proposal=proposal,
            author=authors[n % len(authors)],
            body=f"Commentaire {n}",
        )
        for n in range(total // 2)
    )
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            proposal=proposal,
            parent=parents[n % len(parents)],
            author=authors[n % len(authors)],
            body=f"Réponse {n}",
        )
        for n in range(total - total // 2)
    )


def add_proposals(consultation, authors, total):
    categories = list(consultation.categories.all())
    proposals = Proposal.objects.bulk_create(
        Proposal(
            consultation=consultation,
            author=authors[n % len(authors)],
            title=f"Proposition {n}",
            body="Texte",
            category=categories[n % len(categories)],
        )
        for n in range(total)
    )
    Support.objects.bulk_create(
        Support(proposal=proposal, user=authors[n % len(authors)])
        for n, proposal in enumerate(proposals)
    )
    return proposals


@pytest.mark.parametrize("signed_in", [False, True])
def test_proposal_page_with_20_and_2000_comments(client, site_root, signed_in):
    authors = [factories.UserFactory() for _ in range(5)]
    counts = []
    for total in (20, 2000):
        consultation = factories.consultation(site_root, "open")
        proposal = factories.ProposalFactory(
            consultation=consultation, author=authors[0]
        )
        add_comments(consultation, proposal, authors, total)
        if signed_in:
            client.force_login(authors[1])
        counts.append(count_queries(client, proposal.get_absolute_url()))
    assert counts[0] == counts[1]
    if not signed_in:
        assert counts[0][1] <= 15


@pytest.mark.parametrize("signed_in", [False, True])
def test_consultation_page_with_20_and_2000_proposals(client, site_root, signed_in):
    authors = [factories.UserFactory() for _ in range(5)]
    counts = []
    for total in (20, 2000):
        consultation = factories.consultation(site_root, "open", categories=["A", "B"])
        proposals = add_proposals(consultation, authors, total)
        add_comments(consultation, None, authors, total)
        add_comments(consultation, proposals[0], authors, 10)
        if signed_in:
            client.force_login(authors[1])
        counts.append(count_queries(client, consultation.url))
    assert counts[0] == counts[1]
    if not signed_in:
        assert counts[0][1] <= 15


def test_results_page_with_20_and_2000_proposals(client, site_root):
    authors = [factories.UserFactory() for _ in range(5)]
    counts = []
    for total in (20, 2000):
        consultation = factories.consultation(site_root, "results", categories=["A"])
        add_proposals(consultation, authors, total)
        counts.append(count_queries(client, consultation.url))
    assert counts[0] == counts[1]
    assert counts[0][1] <= 15


# --- the first request after a content change ------------------------------------------
#
# Every change bumps the content generation (cms.cache): what pages keep in the cache
# under it (chrome, filters, documents, synthesis, thread counts) is then computed again.
# That request must hold to the same budget, whatever the amount of data.


def count_after_change(client, url, change):
    client.get(url)  # warm: what a visitor after a quiet period finds
    change()
    return measure(client, url)


def purge():
    page_cache.purge()


def rename_a_category(consultation):
    def change():
        category = consultation.categories.first()
        category.name += "."
        category.save()  # a real change: the signal bumps the generation

    return change


@pytest.mark.parametrize("signed_in", [False, True])
def test_consultation_page_after_a_change_with_20_and_2000_proposals(
    client, site_root, signed_in
):
    authors = [factories.UserFactory() for _ in range(5)]
    counts = []
    for total in (20, 2000):
        consultation = factories.consultation(site_root, "open", categories=["A", "B"])
        proposals = add_proposals(consultation, authors, total)
        add_comments(consultation, None, authors, total)
        add_comments(consultation, proposals[0], authors, 10)
        if signed_in:
            client.force_login(authors[1])
        url = consultation.url
        counts.append(
            (
                count_after_change(client, url, purge),
                count_after_change(client, url, rename_a_category(consultation)),
                count_after_change(client, f"{url}?sort=supports", purge),
            )
        )
    assert counts[0] == counts[1]
    if (
        not signed_in
    ):  # the public page; signed in, the session and the user bar add theirs
        assert max(counts[0]) <= 15


@pytest.mark.parametrize("signed_in", [False, True])
def test_proposal_page_after_a_change_with_20_and_2000_comments(
    client, site_root, signed_in
):
    authors = [factories.UserFactory() for _ in range(5)]
    counts = []
    for total in (20, 2000):
        consultation = factories.consultation(site_root, "open", categories=["A"])
        proposal = factories.ProposalFactory(
            consultation=consultation, author=authors[0]
        )
        add_comments(consultation, proposal, authors, total)
        if signed_in:
            client.force_login(authors[1])
        url = proposal.get_absolute_url()
        counts.append(
            (
                count_after_change(client, url, purge),
                count_after_change(client, url, rename_a_category(consultation)),
            )
        )
    assert counts[0] == counts[1]
    # 16 signed in: the restricted sections (cms.restrictions), read again after a
    # change, guard the proposals of a protected consultation (issue 14).
    assert max(counts[0]) <= 16


def test_results_page_after_a_change_with_20_and_2000_proposals(client, site_root):
    authors = [factories.UserFactory() for _ in range(5)]
    counts = []
    for total in (20, 2000):
        consultation = factories.consultation(site_root, "results", categories=["A"])
        add_proposals(consultation, authors, total)
        add_comments(consultation, None, authors, total)
        counts.append(count_after_change(client, consultation.url, purge))
    assert counts[0] == counts[1]
    assert counts[0] <= 15
