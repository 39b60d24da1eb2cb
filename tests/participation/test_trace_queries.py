"""The proposal page with its trace: the same number of queries whatever the project's
history (status changes, notes and photos), the proposals linked to it and its POs."""

from decimal import Decimal

import pytest
from django.core.cache import caches

from contrats.models import Project, ProjectStatusChange
from participation.models import Proposal
from tests.cms.factories import ImageFactory
from tests.contrats.factories import ProjectFactory, make_contract, make_note, make_po

from . import factories
from .test_queries import count_after_change, count_queries, purge

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def no_page_cache(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = False
    settings.MEDIA_ROOT = tmp_path / "media"
    caches["renditions"].clear()


def linked_proposal(site_root, cto, image, size, first_year):
    """A published, linked proposal whose project has ``size`` times more history."""
    consultation = factories.consultation(site_root, "results", categories=["A"])
    proposal = factories.ProposalFactory(consultation=consultation)
    project = ProjectFactory()
    proposal.link_project(project)
    Proposal.objects.bulk_create(
        Proposal(
            consultation=consultation, title=f"Autre {n}", body="…", project=project
        )
        for n in range(size * 20)
    )
    statuses = Project.Status.values
    ProjectStatusChange.objects.bulk_create(
        ProjectStatusChange(
            project=project,
            previous_status=statuses[n % 5],
            new_status=statuses[(n + 1) % 5],
        )
        for n in range(size * 30)
    )
    for n in range(size * 10):
        make_note(project, title=f"Note {n}", photos=[(image, f"Photo {n}")] * 2)
    for year in range(first_year, first_year + size):
        version = make_po(cto, year).draft_version()
        version.add_project(project, Decimal("1000"))
        version.adopt()
    return proposal


@pytest.mark.parametrize("signed_in", [False, True])
def test_proposal_page_with_its_trace_at_two_sizes(
    client, site_root, signed_in, django_capture_on_commit_callbacks
):
    cto = make_contract(site_root, kind="CTO", short_name="CTO")
    image = ImageFactory()
    reader = factories.UserFactory()
    counts = []
    for size, first_year in ((1, 2020), (5, 2030)):
        with django_capture_on_commit_callbacks(execute=True):  # photos' renditions
            proposal = linked_proposal(site_root, cto, image, size, first_year)
        if signed_in:
            client.force_login(reader)
        url = proposal.get_absolute_url()
        html = client.get(url).content.decode()
        assert html.count('alt="Photo ') == 20 * size  # the trace is really there
        assert html.count("Au Programme Opérationnel") == size
        counts.append(
            (*count_queries(client, url), count_after_change(client, url, purge))
        )
    assert counts[0] == counts[1]
    # the first request after a change, signed in: the consultation is read apart
    # from the proposal (cheaper for PostgreSQL to plan), the trace rendered once, and
    # the restricted sections read again (cms.restrictions, issue 14)
    assert max(counts[0]) <= 23
