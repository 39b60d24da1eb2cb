"""The charter is chosen in the participation settings (not in cms'): the footer of
every page links it, and a new choice shows at once, even on pages kept in the cache."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from cms.models import StandardPage
from mayors.models import IntranetSettings

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def footer(client, url):
    response = client.get(url)
    return response, response.content.decode().split('class="site-footer"')[1]


def test_a_new_charter_choice_renews_cached_pages(
    client, site_root, charter, moderator, page_cache
):
    page = site_root.add_child(instance=StandardPage(title="Le PETR", slug="petr"))
    client.get(page.url)
    response, links = footer(client, page.url)
    assert response["X-Page-Cache"] == "hit"
    assert f'<a href="{charter.url}">Charte de participation</a>' in links
    url = reverse(
        "wagtailsettings:edit",
        args=["participation", "participationsettings", site_root.get_site().pk],
    )
    admin = Client()
    admin.force_login(moderator)
    assert admin.post(url, {"charter_page": ""}).status_code == 302
    response, links = footer(client, page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Charte de participation" not in links
    assert "Statistiques de modération" in links


def test_communication_staff_write_the_intranet_card(client, site_root):
    url = reverse(
        "wagtailsettings:edit",
        args=["mayors", "intranetsettings", site_root.get_site().pk],
    )
    client.force_login(factories.communication_staff())
    text = "Les communes déposent leurs dossiers ici."
    assert client.post(url, {"home_text": text}).status_code == 302
    assert IntranetSettings.objects.get().home_text == text
    client.logout()
    home = client.get("/").content.decode()
    assert '<h3><a href="/espace-elus/">Espace des élus</a></h3>' in home
    assert text in home
