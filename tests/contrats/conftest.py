import pytest
from django.core.cache import caches


@pytest.fixture
def media(settings, tmp_path):
    """Image files in a temporary folder; no rendition cached by an earlier test
    (Wagtail keeps renditions in their own cache, across rolled-back tests)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    caches["renditions"].clear()
    yield settings.MEDIA_ROOT
    caches["renditions"].clear()
