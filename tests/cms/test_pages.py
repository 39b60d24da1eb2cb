"""The home page follows its choosers; the 500 page and the favicon need nothing else."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_home_entry_points_follow_the_page_choosers(client, site_root):
    from tests.cms.factories import StandardPageFactory, publish

    contracts = publish(StandardPageFactory(parent=site_root, title="Les contrats"))
    site_root.contracts_index_page = contracts
    site_root.contracts_text = "Tous les contrats du territoire."
    publish(site_root)
    html = client.get("/").content.decode()
    assert f'href="{contracts.url}"' in html
    assert "Tous les contrats du territoire." in html


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
