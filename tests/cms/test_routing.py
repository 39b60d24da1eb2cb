"""Routing by url_path (one query for the whole path), the cached site lookup."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from cms import sites
from cms.models.base import route_by_url_path
from tests.cms.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def test_deep_pages_are_served_with_their_breadcrumbs(client, site_root):
    section = StandardPageFactory(
        parent=site_root, title="Le territoire", slug="territoire"
    )
    child = StandardPageFactory(parent=section, title="Les communes", slug="communes")
    leaf = StandardPageFactory(parent=child, title="Cahors", slug="cahors")
    html = client.get("/territoire/communes/cahors/").content.decode()
    assert "<h1>Cahors</h1>" in html
    assert '<a href="/">Accueil</a>' in html
    assert '<a href="/territoire/">Le territoire</a>' in html
    assert '<a href="/territoire/communes/">Les communes</a>' in html
    assert '<li aria-current="page">Cahors</li>' in html
    assert leaf.url == "/territoire/communes/cahors/"


def test_unknown_and_unpublished_paths_are_not_found(client, site_root):
    section = StandardPageFactory(parent=site_root, slug="territoire")
    StandardPageFactory(parent=section, slug="brouillon", live=False)
    # A draft section still leads to its live children, as with Wagtail's own walk.
    hidden = StandardPageFactory(parent=site_root, slug="cache", live=False)
    StandardPageFactory(parent=hidden, slug="visible", title="Visible")
    assert client.get("/territoire/inconnue/").status_code == 404
    assert client.get("/territoire/brouillon/").status_code == 404
    assert client.get("/inconnue/territoire/").status_code == 404
    assert client.get("/cache/").status_code == 404
    assert client.get("/cache/visible/").status_code == 200


def test_routing_reads_the_path_in_one_query_and_the_page_in_another(site_root):
    section = StandardPageFactory(parent=site_root, slug="territoire")
    leaf = StandardPageFactory(
        parent=StandardPageFactory(parent=section, slug="a"), slug="b"
    )
    request = RequestFactory().get("/territoire/a/b/")
    home = site_root.specific
    with CaptureQueriesContext(connection) as queries:
        page, args, kwargs = route_by_url_path(home, request, ["territoire", "a", "b"])
    assert page.pk == leaf.pk and type(page) is type(leaf)
    assert len(queries) == 2
    assert [ancestor.slug for ancestor in page._cms_ancestors[1:]] == [
        "territoire",
        "a",
    ]


def test_a_page_routing_its_own_sub_urls_is_given_the_rest_of_the_path(
    site_root, monkeypatch
):
    section = StandardPageFactory(parent=site_root, slug="territoire")
    StandardPageFactory(parent=section, slug="a")
    seen = []

    def route(self, request, path_components):
        seen.append(path_components)
        return (self, (), {})

    monkeypatch.setattr(type(section), "route", route)
    request = RequestFactory().get("/territoire/2024/juin/")
    home = site_root.specific
    page, _args, _kwargs = home.route(request, ["territoire", "2024", "juin"])
    assert page.pk == section.pk
    assert seen[-1] == ["2024", "juin"]
    # A child page below a page routing by itself: Wagtail's own walk decides.
    assert route_by_url_path(home, request, ["territoire", "a"]) is None
    page, _args, _kwargs = home.route(request, ["territoire", "a"])
    assert page.pk == section.pk
    assert seen[-1] == ["a"]


def test_the_site_lookup_is_cached_until_a_site_changes(site_root, rf):
    site = Site.objects.get(is_default_site=True)
    request = rf.get("/", HTTP_HOST="localhost")
    assert sites.find_site(request) == site
    with CaptureQueriesContext(connection) as queries:
        found = sites.find_site(rf.get("/", HTTP_HOST="localhost"))
    assert found == site and found.root_page.pk == site_root.pk
    assert len(queries) == 0
    other_root = Page.objects.get(depth=1).add_child(
        instance=Page(title="Autre", slug="autre")
    )
    site.root_page = other_root
    site.save()
    assert (
        sites.find_site(rf.get("/", HTTP_HOST="localhost")).root_page.pk
        == other_root.pk
    )


def test_the_site_middleware_only_looks_up_wagtail_pages(site_root, rf):
    from wagtail.views import serve

    middleware = sites.SiteMiddleware(lambda request: HttpResponse())
    request = rf.get("/", HTTP_HOST="localhost")
    middleware.process_view(request, lambda request: None, (), {})
    assert not hasattr(request, "_wagtail_site")
    middleware.process_view(request, serve, (), {})
    assert request._wagtail_site.root_page.pk == site_root.pk
