"""Every public URL of a whole site, read anonymously: no write, at most 15 queries."""

import random
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page

from cms.models import NewsIndexPage
from contrats.models import Commune
from tests.bench import seed_cms
from tests.cms.factories import public_site
from tests.contrats.factories import contracts_site
from tests.mayors.factories import conference_page
from tests.participation.factories import participation_site

MAX_QUERIES = 15
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
PRIVATE_PREFIXES = ("admin/", "documents/", "compte/", "espace-elus/", "_util/")
FIXED_URLS = ["/healthz", "/robots.txt", "/sitemap.xml", "/recherche/?q=contrat"]


def plain_routes(patterns, prefix=""):
    """Public URLs without parameters, from the URL configuration itself."""
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not route.startswith(PRIVATE_PREFIXES) and "<" not in route:
                yield from plain_routes(pattern.url_patterns, prefix + route)
        elif (
            isinstance(pattern, URLPattern)
            and "<" not in route
            and not re.search(r"[\^$()\[\]\\]", route)
            and route
        ):
            yield "/" + prefix + route


def public_urls(client):
    urls = set(FIXED_URLS)
    urls.update(
        urlsplit(page.url).path
        for page in Page.objects.live().public().filter(depth__gt=1).specific()
        if page.url
    )
    sitemap = client.get("/sitemap.xml")
    urls.update(
        urlsplit(loc.text).path
        for loc in ET.fromstring(sitemap.content).iter()  # noqa: S314 (our own XML)
        if loc.tag.endswith("loc")
    )
    urls.update(plain_routes(get_resolver().url_patterns))
    return sorted(urls)


def measure(client, urls):
    results = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        writes = [q["sql"] for q in queries if WRITE.match(q["sql"])]
        results[url] = (response.status_code, len(queries), writes)
    return results


@pytest.fixture
def whole_site(site_root, settings):
    """A page of each type of every app, with contributions, projects and financing."""
    settings.PAGE_CACHE_ENABLED = False  # every request renders: the worst case
    public_site(site_root)
    contracts_site(site_root)
    participation_site(site_root, communes=list(Commune.objects.all()))
    conference_page(site_root)
    return site_root


def test_public_urls_never_write_stay_within_budget_and_do_not_grow(client, whole_site):
    """One site for three checks: building it is the slowest part of the test."""
    urls = public_urls(client)
    assert len(urls) >= 10, urls
    # The first pass fills what a process computes once (content types, site root
    # paths, cached fragments); its writes count too.
    cold = measure(client, urls)
    before = measure(client, urls)
    index = NewsIndexPage.objects.live().first()
    pages = seed_cms._insert_pages(Page.objects.get(pk=index.pk), 40, random.Random(1))
    seed_cms._classify(pages, random.Random(1))
    cold_after = measure(client, urls)
    after = measure(client, urls)

    served = {url for url, result in before.items() if result[0] == 200}
    assert {"/", "/sitemap.xml", "/healthz"} <= served, before
    problems = {
        "writes": {
            url: result[2]
            for run in (cold, before, cold_after, after)
            for url, result in run.items()
            if result[2]
        },
        "over_budget": {
            url: max(before[url][1], after[url][1])
            for url in served
            if max(before[url][1], after[url][1]) > MAX_QUERIES
        },
        "grew": {
            url: (before[url][1], after[url][1])
            for url in urls
            if after[url][1] > before[url][1]
        },
    }
    assert problems == {"writes": {}, "over_budget": {}, "grew": {}}
