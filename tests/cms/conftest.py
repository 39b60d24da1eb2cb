import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def clear_cache():
    """Each test starts with an empty page cache and chrome cache."""
    for alias in ("default", "renditions"):
        caches[alias].clear()
    yield
    for alias in ("default", "renditions"):
        caches[alias].clear()
