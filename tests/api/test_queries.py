"""Each endpoint issues the same number of queries whatever the amount of data."""

import os
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from contrats.models import FinancingLine, Project, ProjectStatusChange
from participation.models import Answer, AnswerStatus, Comment, Proposal, Support
from tests.contrats.factories import (
    CommuneFactory,
    ProjectFactory,
    make_contract,
    make_note,
)
from tests.participation import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

MAX_QUERIES = 8
ENDPOINTS = [
    "/api/v1/consultations/",
    "/api/v1/proposals/",
    "/api/v1/answers/",
    "/api/v1/projects/",
    "/api/v1/communes/",
    "/api/v1/proposals/?sort=supports&answer=accepted",
    "/api/v1/projects/?year=2025&commune=46001",
]


@pytest.fixture
def no_page_cache():
    with override_settings(PAGE_CACHE_ENABLED=False):
        yield


def count_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content
    if os.environ.get("SHOW_QUERIES"):
        print(url, len(context.captured_queries))  # noqa: T201
        for query in context.captured_queries:
            print("   ", query["sql"][:300])  # noqa: T201
    assert response.json()["count"] > 0, url  # the lists really read something
    return len(context.captured_queries)


def grow(site_root, communes, measures, size):
    """``size`` consultations of 20 proposals each and ``size`` projects, all linked."""
    users = [factories.UserFactory() for _ in range(3)]
    for n in range(size):
        consultation = factories.consultation(site_root, "open", categories=["A", "B"])
        consultation.communes.set(communes[:2])
        consultation.save()
        categories = list(consultation.categories.all())
        proposals = Proposal.objects.bulk_create(
            Proposal(
                consultation=consultation,
                author=users[i % 3],
                title=f"Proposition {n}-{i}",
                body="Texte",
                category=categories[i % 2],
                commune=communes[i % len(communes)],
            )
            for i in range(20)
        )
        Answer.objects.bulk_create(
            Answer(proposal=p, status=AnswerStatus.ACCEPTED, explanation="Oui.")
            for p in proposals[::2]
        )
        Support.objects.bulk_create(
            Support(proposal=p, user=users[0]) for p in proposals
        )
        Comment.objects.bulk_create(
            Comment(consultation=consultation, proposal=p, author=users[1], body="x")
            for p in proposals
        )
        Proposal.objects.filter(consultation=consultation).refresh_counts()
        project = Project.objects.create(
            title=f"Projet {len(communes)}-{n}",
            slug=f"projet-{site_root.pk}-{size}-{n}",
            summary="Résumé",
            holder_kind="commune",
            holder_name="Commune",
            total_cost=Decimal("1000"),
            start_year=2025,
            location="SRID=4326;POINT(1.44 44.45)",
        )
        project.communes.set(communes)
        project.measures.set(measures)
        project.save()
        FinancingLine.objects.bulk_create(
            FinancingLine(project=project, funder=funder, amount=100, year=2025)
            for funder in ("etat", "region")
        )


def measure_all(client):
    return {url: count_queries(client, url) for url in ENDPOINTS}


def details(client):
    proposal = Proposal.objects.last()
    return [
        count_queries_detail(client, url)
        for url in (
            f"/api/v1/consultations/{proposal.consultation_id}/",
            f"/api/v1/proposals/{proposal.pk}/",
            f"/api/v1/projects/{Project.objects.last().pk}/",
            "/api/v1/communes/46001/",
        )
    ]


def count_queries_detail(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


def test_same_queries_with_1_and_6_times_the_data(client, site_root):
    communes = [CommuneFactory(insee_code=f"46{n:03d}") for n in range(1, 4)]
    contract = make_contract(site_root, tree=(1, 2, 2))
    measures = list(contract.orientations.get().axes.first().measures.all())
    grow(site_root, communes, measures, 1)
    small, small_details = measure_all(client), details(client)
    grow(site_root, communes, measures, 5)
    assert measure_all(client) == small
    assert details(client) == small_details
    assert max(small.values()) <= MAX_QUERIES, small
    assert max(small_details) <= MAX_QUERIES, small_details


def test_project_detail_same_queries_with_few_and_many_progress_steps(client, db):
    counts = []
    for size in (1, 40):
        project = ProjectFactory()
        ProjectStatusChange.objects.bulk_create(
            ProjectStatusChange(
                project=project, previous_status="idee", new_status="engage"
            )
            for _ in range(size)
        )
        for n in range(size):
            make_note(project, title=f"Note {n}")
        url = f"/api/v1/projects/{project.pk}/"
        counts.append(count_queries_detail(client, url))
        payload = client.get(url).json()
        assert len(payload["progress_notes"]) == size
        assert len(payload["status_changes"]) == size + 1
    assert counts[0] == counts[1] <= MAX_QUERIES
