import pytest
from django.core.cache import caches

from demo import cms as cms_demo


@pytest.fixture(autouse=True)
def isolated(settings, tmp_path):
    """Files in temporary folders, empty caches, no virus scanner: the demo writes
    images, renditions and the intranet's attachments."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    settings.MAYORS_VIRUS_SCANNER = None
    settings.MAYORS_STAFF_EMAILS = ["contrats@grandquercy.test"]
    for alias in ("default", "renditions"):
        caches[alias].clear()
    yield
    for alias in ("default", "renditions"):
        caches[alias].clear()


@pytest.fixture
def media(settings):
    return settings.MEDIA_ROOT


@pytest.fixture
def demo_site(site_root):
    """The public site's own demo content, built by the real demo loader."""
    cms_demo.load_pages(site_root)
    return site_root
