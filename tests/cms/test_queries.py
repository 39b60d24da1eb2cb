"""Public pages issue a fixed number of queries, whatever the amount of content."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.cms.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    SitemapPageFactory,
    StandardPageFactory,
    image_with_renditions,
)

pytestmark = pytest.mark.django_db

BUDGET = 15
# The site search asks each of its five groups (pages, news, projects, proposals,
# documents) for a page of results and their count: more queries, never more with data.
SEARCH_BUDGET = BUDGET + 5


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def add_content(site_root, news_index, agenda, count, start=0):
    categories = [NewsCategoryFactory(), NewsCategoryFactory()]
    articles = []
    for number in range(start, start + count):
        article = NewsPageFactory(
            parent=news_index,
            title=f"Mobilité douce, étape {number}",
            image=image_with_renditions(),
        )
        article.categories.add(*categories)
        article.tags.add("mobilité", f"étape-{number}")
        article.save()
        articles.append(article)
        EventPageFactory(
            parent=agenda, start=timezone.now() + datetime.timedelta(days=number + 1)
        )
        StandardPageFactory(parent=site_root, title=f"Page mobilité {number}")
    last = articles[-1]
    for other in articles[:-1]:
        last.related_pages.create(page=other)
    last.save()
    return last


def measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def count_queries(client, url):
    """(cold, warm): with an empty cache, then with the per-generation caches filled.

    The cold count is what the first visitor after any change costs: chrome, key
    figures and restricted sections read again.
    """
    client.get(url)  # per-process caches (site root paths, content types)
    cache.clear()
    cold = measure(client, url)
    return cold, measure(client, url)


def test_query_counts_do_not_grow_with_the_data(client, site_root):
    news_index = NewsIndexPageFactory(parent=site_root)
    agenda = EventIndexPageFactory(parent=site_root)
    SitemapPageFactory(parent=site_root)
    article = add_content(site_root, news_index, agenda, 2)
    urls = [
        "/",
        "/actualites/",
        article.url,
        "/recherche/?q=mobilité",
        "/agenda/",
        "/plan-du-site/",
    ]
    small = {url: count_queries(client, url) for url in urls}
    urls[2] = add_content(site_root, news_index, agenda, 12, start=2).url
    large = {url: count_queries(client, url) for url in urls}
    assert list(small.values()) == list(large.values()), (small, large)
    for url, counts in large.items():
        assert max(counts) <= (SEARCH_BUDGET if "recherche" in url else BUDGET), large


def test_a_public_get_writes_nothing(client, site_root):
    news_index = NewsIndexPageFactory(parent=site_root)
    agenda = EventIndexPageFactory(parent=site_root)
    article = add_content(site_root, news_index, agenda, 2)
    for url in [
        "/",
        "/actualites/",
        article.url,
        "/recherche/?q=mobilité",
        "/agenda/",
        "/flux/actualites.rss",
        "/flux/agenda.ics",
    ]:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        writes = [
            q["sql"]
            for q in queries
            if not q["sql"]
            .lstrip()
            .upper()
            .startswith(("SELECT", "SAVEPOINT", "RELEASE"))
        ]
        assert writes == [], (url, writes)
