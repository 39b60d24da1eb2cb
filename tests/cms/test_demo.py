"""The demo loader is idempotent and builds the pages the other apps link to."""

import io

import pytest
from wagtail.models import Page

from cms import demo
from cms.models import MainMenuItem, NewsPage, SiteSettings

pytestmark = pytest.mark.django_db


def test_demo_runs_twice_without_duplicates(site_root):
    demo.load(io.StringIO())
    counts = (
        Page.objects.count(),
        MainMenuItem.objects.count(),
        NewsPage.objects.count(),
    )
    demo.load(io.StringIO())
    assert (
        Page.objects.count(),
        MainMenuItem.objects.count(),
        NewsPage.objects.count(),
    ) == counts
    settings = SiteSettings.objects.get()
    assert settings.participation_charter_page.slug == "charte-de-participation"
    assert settings.privacy_page.slug == "participation"
    assert settings.get_rgaa_status_display() == "partiellement conforme"
    titles = [item.text for item in settings.menu_items.order_by("sort_order")]
    assert titles == ["Le Grand Quercy", "Actualités", "Agenda", "Contact"]
    assert NewsPage.objects.filter(title__contains="9 717 373 €").exists()
