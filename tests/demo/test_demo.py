"""The demo loader is idempotent and builds the pages the other apps link to."""

import io

import pytest
from wagtail.models import Page

from cms.models import MainMenuItem, NewsPage, SiteSettings
from demo import cms as demo

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


def test_home_entry_points_are_linked_to_the_apps_index_pages(client, site_root):
    from contrats.models import ContractsIndexPage

    contracts = site_root.add_child(
        instance=ContractsIndexPage(title="Les contrats", slug="contrats")
    )
    demo.link_home_entry_points()
    demo.link_home_entry_points()
    site_root.refresh_from_db()
    assert site_root.contracts_index_page_id == contracts.pk
    assert site_root.consultations_index_page is None
    assert '<a href="/contrats/">Les contrats</a>' in client.get("/").content.decode()
