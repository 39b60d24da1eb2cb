"""Site settings, main menu, notice banners and the key figures registry."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail import hooks

from cms import home
from cms.models import MainMenuItem, NoticeBanner, SiteSettings
from tests.cms.factories import StandardPageFactory, menu_item, site_settings

pytestmark = pytest.mark.django_db


def test_every_site_gets_its_settings_row(site_root):
    assert SiteSettings.objects.filter(site__root_page=site_root).exists()


def test_main_menu_marks_the_current_section(client, site_root):
    section = StandardPageFactory(
        parent=site_root, title="Le Grand Quercy", slug="le-grand-quercy"
    )
    child = StandardPageFactory(parent=section, title="Gouvernance", slug="gouvernance")
    menu_item(section, "Le Grand Quercy")
    menu_item("/espace-elus/", "Espace des élus")
    html = client.get(section.url).content.decode()
    assert '<a href="/le-grand-quercy/" aria-current="page">Le Grand Quercy</a>' in html
    assert '<a href="/espace-elus/">Espace des élus</a>' in html
    html = client.get(child.url).content.decode()
    assert '<a href="/le-grand-quercy/" aria-current="true">Le Grand Quercy</a>' in html
    html = client.get("/").content.decode()
    assert '<a href="/" aria-current="page">Accueil</a>' in html


def test_menu_edit_shows_at_once(client, site_root):
    client.get("/")
    menu_item("/espace-elus/", "Espace des élus")
    assert "Espace des élus" in client.get("/").content.decode()


def test_menu_item_needs_exactly_one_target(site_root):
    settings = site_settings()
    with pytest.raises(ValidationError):
        MainMenuItem(settings=settings, label="Vide").clean()
    with pytest.raises(ValidationError):
        MainMenuItem(
            settings=settings, label="Deux", link_page=site_root, link_url="/x/"
        ).clean()
    with pytest.raises(ValidationError):
        MainMenuItem(
            settings=settings, label="Script", link_url="javascript:alert(1)"
        ).clean()


def test_notice_banner_is_shown_between_its_dates(client, site_root):
    now = timezone.now()
    NoticeBanner.objects.create(
        text="Fermeture des bureaux le 24 décembre", level="warning"
    )
    NoticeBanner.objects.create(
        text="Bandeau expiré", ends_at=now - datetime.timedelta(days=1)
    )
    NoticeBanner.objects.create(
        text="Bandeau futur", starts_at=now + datetime.timedelta(days=1)
    )
    html = client.get("/").content.decode()
    assert "Fermeture des bureaux le 24 décembre" in html
    assert "Bandeau expiré" not in html
    assert "Bandeau futur" not in html


def test_notice_banner_dates_must_be_ordered():
    now = timezone.now()
    with pytest.raises(ValidationError):
        NoticeBanner(
            text="x", starts_at=now, ends_at=now - datetime.timedelta(hours=1)
        ).clean()


def test_footer_shows_contact_details_and_conformity(client, site_root):
    settings = site_settings()
    settings.address = "46000 Cahors"
    settings.email = "contact@grandquercy.test"
    settings.rgaa_status = "non"
    settings.accessibility_page = StandardPageFactory(
        parent=site_root, slug="accessibilite"
    )
    settings.save()
    html = client.get("/").content.decode()
    assert "46000 Cahors" in html
    assert 'href="mailto:contact@grandquercy.test"' in html
    assert "Accessibilité : non conforme" in html


def test_key_figures_come_from_the_registry(client, site_root):
    def communes():
        return ("42", "communes au Grand Quercy")

    def nothing():
        return None

    with hooks.register_temporarily(
        [("register_key_figure", communes), ("register_key_figure", nothing)]
    ):
        html = client.get("/").content.decode()
        assert "<strong>42</strong> communes au Grand Quercy" in html
        assert ("42", "communes au Grand Quercy") in home.get_key_figures()
        assert None not in home.get_key_figures()


def test_key_figures_are_kept_until_the_content_changes(client, site_root, settings):
    """Computed once per content generation: any save in a watched app shows the new value."""
    from cms.models import NewsCategory

    settings.PAGE_CACHE_ENABLED = False
    calls = []

    def categories():
        calls.append(1)
        return (str(NewsCategory.objects.count()), "catégories d’actualités")

    with hooks.register_temporarily("register_key_figure", categories):
        assert "<strong>0</strong> catégories" in client.get("/").content.decode()
        assert "<strong>0</strong> catégories" in client.get("/").content.decode()
        assert len(calls) == 1
        NewsCategory.objects.create(name="Santé", slug="sante")
        assert "<strong>1</strong> catégories" in client.get("/").content.decode()
