"""News: the paginated index, category filter, article page, RSS and Atom feeds."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import caches

from tests.cms.factories import (
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    image_with_renditions,
    publish,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news_index(site_root):
    return NewsIndexPageFactory(parent=site_root)


def make_articles(index, count, **kwargs):
    return [NewsPageFactory(parent=index, **kwargs) for _ in range(count)]


def test_index_paginates_ten_a_page_and_keeps_filters(client, news_index):
    category = NewsCategoryFactory(name="Contrats", slug="contrats")
    articles = make_articles(news_index, 23)
    for article in articles:
        article.categories.add(category)
        article.save()
    first = client.get("/actualites/")
    html = first.content.decode()
    assert "23 actualités" in html
    assert html.count('class="card"') == 10
    assert articles[-1].title in html  # newest first
    assert 'aria-label="Pages des actualités"' in html
    assert 'aria-current="page"><span class="visually-hidden">Page </span>1<' in html
    assert 'href="?page=2" rel="next"' in html
    third = client.get("/actualites/?page=3").content.decode()
    assert third.count('class="card"') == 3
    assert articles[0].title in third
    filtered = client.get("/actualites/?categorie=contrats&page=2").content.decode()
    assert 'href="?categorie=contrats&amp;page=3"' in filtered
    assert client.get("/actualites/?page=nimporte").status_code == 200


def test_category_filter(client, news_index):
    category = NewsCategoryFactory(name="Santé", slug="sante")
    in_category = NewsPageFactory(parent=news_index, title="Le contrat local de santé")
    in_category.categories.add(category)
    in_category.save()
    NewsPageFactory(parent=news_index, title="Une autre nouvelle")
    html = client.get("/actualites/?categorie=sante").content.decode()
    assert "Le contrat local de santé" in html
    assert "Une autre nouvelle" not in html
    assert "1 actualité" in html


def test_article_shows_image_tags_categories_and_related_pages(client, news_index):
    image = image_with_renditions()
    category = NewsCategoryFactory(name="Contrats", slug="contrats")
    other = NewsPageFactory(parent=news_index, title="Article lié")
    article = NewsPageFactory(parent=news_index, title="Signature du CRTE", image=image)
    article.categories.add(category)
    article.tags.add("CRTE")
    article.related_pages.create(page=other)
    article = publish(article)
    html = client.get(article.url).content.decode()
    assert "Signature du CRTE" in html
    assert 'alt="Une vue de la vallée du Lot"' in html
    assert '<span class="badge">Contrats</span>' in html
    assert '<span class="badge">CRTE</span>' in html
    assert "À lire aussi" in html and f'href="{other.url}"' in html


def test_missing_rendition_is_never_generated_in_a_public_request(client, news_index):
    from wagtail.images import get_image_model

    image = image_with_renditions()
    image.renditions.all().delete()
    caches["renditions"].clear()
    NewsPageFactory(parent=news_index, title="Sans rendu", image=image)
    html = client.get("/actualites/").content.decode()
    assert "Sans rendu" in html
    assert "<img" not in html.split('class="cards"')[1]
    assert get_image_model().get_rendition_model().objects.count() == 0


def test_publishing_generates_the_renditions(news_index):
    image = image_with_renditions()
    image.renditions.all().delete()
    article = NewsPageFactory(parent=news_index, image=image, live=False)
    publish(article)
    specs = set(image.renditions.values_list("filter_spec", flat=True))
    assert {"fill-640x360", "width-960", "fill-1200x630"} <= specs


def test_rss_feed_is_valid_and_lists_articles(client, news_index):
    make_articles(news_index, 3)
    response = client.get("/flux/actualites.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    items = root.findall("./channel/item")
    assert len(items) == 3
    assert items[0].find("title").text.startswith("Actualité numéro")
    assert items[0].find("link").text.startswith("http://testserver/actualites/")
    assert items[0].find("description").text
    assert items[0].find("pubDate").text


def test_atom_feed_is_valid_and_lists_articles(client, news_index):
    make_articles(news_index, 2)
    response = client.get("/flux/actualites.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert entries[0].find(f"{ATOM}link").get("href").startswith("http://testserver/")


def test_feeds_leave_out_unpublished_articles(client, news_index):
    NewsPageFactory(parent=news_index, title="Brouillon secret", live=False)
    assert b"Brouillon secret" not in client.get("/flux/actualites.rss").content


def test_pages_announce_the_feeds(client, news_index):
    html = client.get("/actualites/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html


def test_lists_leave_out_a_section_as_soon_as_it_is_restricted(
    client, news_index, settings
):
    """Restricted sections are cached per content generation: a new one applies at once."""
    from wagtail.models import PageViewRestriction

    settings.PAGE_CACHE_ENABLED = False
    NewsPageFactory(parent=news_index, title="Nouvelle du territoire")
    assert "1 actualité" in client.get("/actualites/").content.decode()
    assert "Nouvelle du territoire" in client.get("/").content.decode()
    PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert "Nouvelle du territoire" not in client.get("/").content.decode()
    response = client.get("/recherche/?q=territoire")
    assert "Nouvelle du territoire" not in response.content.decode()
    PageViewRestriction.objects.all().delete()
    assert "Nouvelle du territoire" in client.get("/").content.decode()


def test_home_links_and_categories_follow_the_changes(client, news_index, settings):
    """Kept per content generation: a renamed index or a new category shows at once."""
    settings.PAGE_CACHE_ENABLED = False
    NewsPageFactory(parent=news_index)
    assert '<a href="/actualites/">Toutes les actualités</a>' in client.get("/").text
    assert "Mobilités" not in client.get("/actualites/").text
    news_index.slug = "nouvelles"
    news_index.save()
    assert '<a href="/nouvelles/">Toutes les actualités</a>' in client.get("/").text
    NewsCategoryFactory(name="Mobilités", slug="mobilites")
    assert "?categorie=mobilites" in client.get("/nouvelles/").text
