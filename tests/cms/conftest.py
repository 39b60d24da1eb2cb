import pytest
from django.core.cache import caches

from demo import cms as demo


@pytest.fixture(autouse=True)
def clear_cache():
    """Each test starts with an empty page cache and chrome cache."""
    for alias in ("default", "renditions"):
        caches[alias].clear()
    yield
    for alias in ("default", "renditions"):
        caches[alias].clear()


@pytest.fixture
def demo_site(site_root):
    """The public site's own demo content, built by the real demo loader."""
    demo.load_pages(site_root)
    return site_root
