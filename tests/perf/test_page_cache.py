"""The anonymous page cache, through the test client as visitors and editors use it."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from cms import cache as page_cache
from cms.models import (
    ContactFormField,
    ContactPage,
    NewsIndexPage,
    NewsPage,
    NoticeBanner,
    SiteSettings,
    StandardPage,
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(site_root):
    page = site_root.add_child(
        instance=StandardPage(
            title="Le Grand Quercy",
            slug="grand-quercy",
            introduction="Intro d’origine.",
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        email="redaction@grandquercy.test", password="un-mot-de-passe-solide"
    )


def get_twice(client, url):
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    return first, second, len(queries)


def test_second_anonymous_request_is_served_from_the_cache_without_sql(client, page):
    first, second, queries = get_twice(client, page.url)

    assert first.status_code == second.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    assert "Intro d’origine." in second.content.decode()


def test_search_results_are_cached_too(client, page):
    url = "/recherche/?q=Quercy"

    first, second, queries = get_twice(client, url)

    assert first.status_code == second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert "Le Grand Quercy" in second.content.decode()


def test_an_anonymous_visitor_with_a_session_gets_the_cached_page(client, page):
    session = client.session
    session["seen"] = True
    session.save()  # e.g. left by a form or a logout: the cookie stays

    first, second, queries = get_twice(client, page.url)

    assert second["X-Page-Cache"] == "hit"
    assert queries <= 1  # loading the session, to know nobody is signed in
    assert second.content == first.content


def test_cached_pages_tell_shared_caches_how_long_to_keep_them(client, page):
    _, second, _ = get_twice(client, page.url)

    cache_control = {part.strip() for part in second["Cache-Control"].split(",")}
    assert cache_control == {
        "public",
        "max-age=0",
        "s-maxage=60",
        "stale-while-revalidate=30",
    }
    assert "Cookie" in second["Vary"]
    assert not second.cookies


def test_signed_in_users_always_get_a_fresh_private_page(client, page, editor):
    client.get(page.url)  # an anonymous visit fills the cache
    client.force_login(editor)

    first, second, queries = get_twice(client, page.url)

    assert "X-Page-Cache" not in second
    assert queries > 0
    cache_control = {part.strip() for part in second["Cache-Control"].split(",")}
    assert {"private", "no-cache"} <= cache_control


def test_any_write_to_the_content_purges_even_without_signals(client, page):
    get_twice(client, page.url)

    StandardPage.objects.filter(pk=page.pk).update(introduction="Texte modifié.")

    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Texte modifié." in response.content.decode()


def test_writes_outside_the_public_content_keep_the_anonymous_cache(
    client, page, editor
):
    get_twice(client, page.url)
    private_before = page_cache.generation(page_cache.PRIVATE_GENERATION_KEY)

    EmailAddress.objects.create(user=editor, email=editor.email, verified=True)

    assert client.get(page.url)["X-Page-Cache"] == "hit"
    assert page_cache.generation(page_cache.PRIVATE_GENERATION_KEY) > private_before


def test_a_participants_new_public_name_renews_the_pages_that_may_show_it(
    client, page, editor, site_root
):
    get_twice(client, page.url)
    get_twice(client, site_root.url)

    editor.display_name = "Rédaction"
    editor.save()

    assert client.get(site_root.url)["X-Page-Cache"] == "miss"
    assert client.get(page.url)["X-Page-Cache"] == "hit"  # shows no names


def test_publishing_a_change_purges_the_cache(client, page):
    get_twice(client, page.url)

    page.introduction = "Nouvelle introduction publiée."
    page.save_revision().publish()

    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nouvelle introduction publiée." in response.content.decode()


def test_saving_a_draft_keeps_the_published_page_for_visitors(client, page):
    get_twice(client, page.url)

    page.introduction = "Brouillon non publié."
    page.save_revision()

    assert "Brouillon non publié." not in client.get(page.url).content.decode()


def test_unpublishing_purges_the_cache(client, page):
    get_twice(client, page.url)

    page.unpublish()

    assert client.get(page.url).status_code == 404


def test_publishing_an_article_purges_the_pages_that_list_it(client, site_root):
    index = site_root.add_child(
        instance=NewsIndexPage(title="Actualités", slug="actualites")
    )
    index.save_revision().publish()
    get_twice(client, index.url)
    article = index.add_child(
        instance=NewsPage(
            title="Signature du CRTE",
            slug="signature-crte",
            summary="Le CRTE est signé.",
            live=False,
        )
    )
    assert "Signature du CRTE" not in client.get(index.url).content.decode()

    article.save_revision().publish()

    assert "Signature du CRTE" in client.get(index.url).content.decode()


def test_changing_a_snippet_purges_every_page(client, page, site_root):
    get_twice(client, site_root.url)
    get_twice(client, page.url)

    banner = NoticeBanner.objects.create(text="Fermeture exceptionnelle le 14 juillet")

    assert banner.text in client.get(site_root.url).content.decode()
    assert banner.text in client.get(page.url).content.decode()

    banner.text = "Réouverture le 15 juillet"
    banner.save()
    assert "Réouverture le 15 juillet" in client.get(page.url).content.decode()


def test_changing_a_site_setting_purges_the_cache(client, page):
    get_twice(client, page.url)

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.phone = "05 65 00 00 00"
    site_settings.save()

    assert "05 65 00 00 00" in client.get(page.url).content.decode()


def test_pages_with_a_csrf_form_are_never_cached(client, site_root):
    contact = site_root.add_child(instance=ContactPage(title="Contact", slug="contact"))
    ContactFormField.objects.create(
        page=contact, label="Votre message", field_type="multiline", required=True
    )
    contact.save_revision().publish()

    first, second, queries = get_twice(client, contact.url)

    assert first.status_code == second.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in second.content.decode()
    assert "X-Page-Cache" not in second
    assert queries > 0
    assert "public" not in second.get("Cache-Control", "")


def test_a_password_protected_page_is_never_stored(client, page):
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret-du-comite",
    )
    form = client.get(page.url)
    assert "Intro d’origine." not in form.content.decode()
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "secret-du-comite", "return_url": page.url},
    )
    assert "Intro d’origine." in client.get(page.url).content.decode()

    client.logout()  # a new visitor, without the password in their session
    assert "Intro d’origine." not in client.get(page.url).content.decode()


def test_the_cache_can_be_switched_off(client, page, settings):
    settings.PAGE_CACHE_ENABLED = False

    first, second, queries = get_twice(client, page.url)

    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in second
    assert queries > 0
    assert "public" not in second.get("Cache-Control", "")
