"""The deposit pages of the intranet issue the same queries whatever the data."""

import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participation.models import Comment, Proposal
from tests.participation import factories as participation

from .factories import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def no_page_cache():
    with override_settings(PAGE_CACHE_ENABLED=False):
        yield


def measure(client, url):
    client.get(url)  # per-generation values (restricted sections…) warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    if os.environ.get("SHOW_QUERIES"):
        print(url, len(queries))  # noqa: T201
        for query in queries.captured_queries:
            print("   ", query["sql"][:300])  # noqa: T201
    return len(queries)


def add_deposits(consultations, commune, by, total):
    for n in range(total):
        consultation = consultations[n % len(consultations)]
        proposal = Proposal.deposit_at_mairie(
            consultation=consultation,
            mairie=commune,
            by=by,
            resident_name=f"Habitant·e {n}",
            channel="paper",
            consented=True,
            title=f"Idée {n}",
            body="Texte.",
        )
        Comment.deposit_at_mairie(
            consultation=consultation,
            proposal=proposal if n % 2 else None,
            mairie=commune,
            by=by,
            resident_name=f"Voisin·e {n}",
            channel="in_person",
            consented=True,
            body="D’accord.",
        )


def test_the_deposit_list_with_few_and_many_deposits(
    client, site_root, mayor_a, commune_a
):
    client.login(email=mayor_a.email, password=PASSWORD)
    url = reverse("mayors:deposits", args=[commune_a.pk])
    counts = []
    for consultations, deposits in ((1, 2), (5, 45)):
        opened = [
            participation.consultation(site_root, "open", categories=["A"])
            for _ in range(consultations)
        ]
        add_deposits(opened, commune_a, mayor_a, deposits)
        cache.clear()
        counts.append(measure(client, url))
    assert counts[0] == counts[1]
    assert counts[0] <= 12


def test_the_choice_of_a_proposal_with_few_and_many(
    client, site_root, mayor_a, commune_a
):
    client.login(email=mayor_a.email, password=PASSWORD)
    counts = []
    for total in (2, 60):
        consultation = participation.consultation(site_root, "open")
        Proposal.objects.bulk_create(
            Proposal(
                consultation=consultation,
                author=participation.UserFactory() if n < 2 else None,
                title=f"Proposition {n}",
                body="Texte",
            )
            for n in range(total)
        )
        add_deposits([consultation], commune_a, mayor_a, 3)
        url = reverse(
            "mayors:deposit_choose_proposal", args=[commune_a.pk, consultation.pk]
        )
        counts.append(measure(client, url))
    assert counts[0] == counts[1]


def test_the_moderation_queue_reads_the_mairies_with_the_rows(
    client, site_root, mayor_a, commune_a
):
    client.force_login(participation.moderator())
    url = reverse("participation_moderation:queue")
    counts = []
    for total in (2, 20):
        moderated = participation.consultation(
            site_root, "open", moderation_mode="before"
        )
        add_deposits([moderated], commune_a, mayor_a, total)
        counts.append(measure(client, url))
    assert counts[0] == counts[1]
