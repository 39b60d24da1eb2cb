import pytest
from django.core.cache import cache

from . import factories


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached pages must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_consultation(site_root):
    return factories.consultation(site_root, "open", categories=["Vélo", "Bus"])


@pytest.fixture
def resident(db):
    return factories.UserFactory()


@pytest.fixture
def other_resident(db):
    return factories.UserFactory()


@pytest.fixture
def moderator(db):
    return factories.moderator()


@pytest.fixture
def proposal(open_consultation, resident):
    return factories.ProposalFactory(consultation=open_consultation, author=resident)


@pytest.fixture
def charter(site_root):
    """The charter page, chosen in the participation settings as the demo does."""
    from cms.models import StandardPage
    from participation.models import ParticipationSettings

    page = site_root.add_child(
        instance=StandardPage(title="Charte de participation", slug="charte")
    )
    settings = ParticipationSettings.for_site(site_root.get_site())
    settings.charter_page = page
    settings.save()
    return page
