"""The home page shows the apps’ ways in; the 500 page and the favicon need nothing else."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from mayors.models import IntranetSettings
from tests.contrats.factories import contracts_index

pytestmark = pytest.mark.django_db


def test_home_entry_points_follow_the_apps_index_pages(client, site_root):
    """Each app adds its card to « Accès rapides » (register_quick_access), with the
    text its editors wrote on its index page."""
    contracts = contracts_index(site_root)
    contracts.home_text = "Tous les contrats du territoire."
    contracts.save_revision().publish()
    html = client.get("/").content.decode()
    assert f'href="{contracts.url}"' in html
    assert "Tous les contrats du territoire." in html
    assert "L’intranet des collectivités" in html


def test_intranet_card_text_is_the_intranet_settings(client, site_root):
    settings = IntranetSettings.for_site(site_root.get_site())
    settings.home_text = "Déposez vos dossiers en ligne."
    settings.save()
    html = client.get("/").content.decode()
    assert '<h3><a href="/espace-elus/">Espace des élus</a></h3>' in html
    assert "Déposez vos dossiers en ligne." in html


def test_500_renders_without_database_or_context(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Le site rencontre un problème" in html
    assert '<html lang="fr">' in html


def test_favicon_is_linked(client, site_root):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in html
