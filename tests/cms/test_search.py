"""Search, sitemap.xml and robots.txt."""

import xml.etree.ElementTree as ET

import pytest

from tests.cms.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def news_index(site_root):
    return NewsIndexPageFactory(parent=site_root)


def test_search_finds_a_news_article(client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Signature du contrat de relance",
        summary="Le Préfet du Lot a signé.",
    )
    NewsPageFactory(
        parent=news_index, title="Une fête de village", summary="Musique et danse."
    )
    response = client.get("/recherche/", {"q": "relance"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Signature du contrat de relance" in html
    assert "Une fête de village" not in html
    assert '<p role="status" class="search-count">' in html
    assert "1 résultat pour « relance »" in html


def test_search_paginates_and_keeps_the_query(client, news_index):
    for number in range(13):
        NewsPageFactory(parent=news_index, title=f"Projet de mobilité {number}")
    html = client.get("/recherche/", {"q": "mobilité"}).content.decode()
    assert "13 résultats pour « mobilité »" in html
    assert html.count("Projet de mobilité") == 5
    assert "groupe=actualites" in html
    group = {"q": "mobilité", "groupe": "actualites"}
    first = client.get("/recherche/", group).content.decode()
    assert first.count("Projet de mobilité") == 10
    assert 'href="?q=mobilit%C3%A9&amp;groupe=actualites&amp;page=2"' in first
    second = client.get("/recherche/", {**group, "page": 2}).content.decode()
    assert second.count("Projet de mobilité") == 3


def test_search_without_query_shows_the_form(client, site_root):
    html = client.get("/recherche/").content.decode()
    assert '<label for="recherche-page">' in html
    assert "résultat" not in html


def test_search_ignores_unpublished_pages(client, news_index):
    NewsPageFactory(parent=news_index, title="Brouillon confidentiel", live=False)
    html = client.get("/recherche/", {"q": "confidentiel"}).content.decode()
    assert "0 résultat" in html


def test_user_text_is_escaped(client, site_root):
    html = client.get(
        "/recherche/", {"q": "<script>alert(1)</script>"}
    ).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_sitemap_lists_published_pages(client, news_index):
    article = NewsPageFactory(parent=news_index, title="Une actualité")
    page = StandardPageFactory(
        parent=news_index.get_parent(), title="Le Grand Quercy", slug="le-grand-quercy"
    )
    NewsPageFactory(parent=news_index, title="Brouillon", slug="brouillon", live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    locations = {
        url.find(f"{SITEMAP}loc").text for url in root.findall(f"{SITEMAP}url")
    }
    assert f"http://localhost{article.url}" in locations or any(
        loc.endswith(article.url) for loc in locations
    )
    assert any(loc.endswith(page.url) for loc in locations)
    assert not any(loc.endswith("/brouillon/") for loc in locations)


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
