"""The Communication group edits the public site through the Wagtail admin, and no more."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.models import NewsPage
from cms.roles import COMMUNICATION, MODERATION
from tests.cms.factories import NewsCategoryFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def staff_member(group_name):
    user = get_user_model().objects.create_user(
        email=f"{group_name.lower()}@grandquercy.test",
        password="mot-de-passe-solide",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(client):
    user = staff_member(COMMUNICATION)
    client.force_login(user)
    return user


@pytest.fixture
def news_index(site_root):
    return NewsIndexPageFactory(parent=site_root)


def article_form(**overrides):
    data = {
        "title": "Le comité de pilotage s’est réuni",
        "slug": "comite-de-pilotage-reuni",
        "date": "2026-11-20",
        "summary": "Le comité de pilotage du CRTE a fait le bilan de l’année.",
        "body": streamfield(
            [
                (
                    "paragraph",
                    rich_text("<p>Le Préfet et le Président ont coprésidé.</p>"),
                )
            ]
        ),
        "tags": "CRTE",
        "related_pages": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_communication_editor_creates_and_publishes_news(client, editor, news_index):
    category = NewsCategoryFactory(name="Contrats", slug="contrats")
    response = client.post(
        f"/admin/pages/add/cms/newspage/{news_index.pk}/",
        {**article_form(), "categories": [category.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = NewsPage.objects.get(slug="comite-de-pilotage-reuni")
    assert article.live
    assert article.owner == editor
    assert list(article.categories.all()) == [category]
    public = client.get(article.url)
    assert "Le Préfet et le Président ont coprésidé." in public.content.decode()


def test_communication_editor_edits_and_republishes(client, editor, news_index):
    client.post(f"/admin/pages/add/cms/newspage/{news_index.pk}/", article_form())
    article = NewsPage.objects.get(slug="comite-de-pilotage-reuni")
    response = client.post(
        f"/admin/pages/{article.pk}/edit/",
        article_form(title="Bilan du comité de pilotage"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bilan du comité de pilotage"


def test_communication_editor_edits_site_settings_and_snippets(
    client, editor, site_root
):
    site_id = site_root.get_site().pk
    assert client.get(f"/admin/settings/cms/sitesettings/{site_id}/").status_code == 200
    assert client.get("/admin/snippets/cms/noticebanner/add/").status_code == 200
    assert client.get("/admin/snippets/cms/newscategory/").status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/admin/users/", "/admin/groups/", "/admin/users/new/", "/admin/groups/new/"],
)
def test_communication_editor_cannot_manage_users_or_groups(client, editor, url):
    response = client.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url == "/admin/"


def test_moderation_staff_cannot_publish_news(client, news_index):
    client.force_login(staff_member(MODERATION))
    response = client.post(
        f"/admin/pages/add/cms/newspage/{news_index.pk}/", article_form()
    )
    assert response.status_code in (302, 403, 404)
    assert not NewsPage.objects.filter(slug="comite-de-pilotage-reuni").exists()


def test_visitors_are_sent_to_the_login_page(client):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert "/login/" in response.url or "/compte/" in response.url


def test_editor_cannot_create_news_outside_a_news_index(client, editor, site_root):
    response = client.post(
        f"/admin/pages/add/cms/newspage/{site_root.pk}/", article_form()
    )
    assert response.status_code in (302, 403, 404)
    assert Page.objects.type(NewsPage).count() == 0


@pytest.mark.parametrize(
    "url",
    ["/admin/users/", "/admin/groups/", "/admin/users/new/", "/admin/groups/new/"],
)
def test_those_admin_pages_exist_for_a_superuser(client, url):
    admin = get_user_model().objects.create_superuser(
        email="admin@grandquercy.test", password="mot-de-passe-solide"
    )
    client.force_login(admin)
    assert client.get(url).status_code == 200


def test_communication_editor_edits_the_main_menu(client, editor, site_root):
    site_id = site_root.get_site().pk
    data = nested_form_data(
        {
            "organisation_name": "PETR Grand Quercy",
            "rgaa_status": "partiel",
            "menu_items": inline_formset(
                [
                    {
                        "label": "Espace des élus",
                        "link_url": "/espace-elus/",
                        "link_page": "",
                    }
                ]
            ),
        }
    )
    response = client.post(f"/admin/settings/cms/sitesettings/{site_id}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert (
        '<a href="/espace-elus/">Espace des élus</a>'
        in client.get("/").content.decode()
    )


def test_menu_item_without_target_is_refused_in_the_admin(client, editor, site_root):
    site_id = site_root.get_site().pk
    data = nested_form_data(
        {
            "organisation_name": "PETR Grand Quercy",
            "rgaa_status": "partiel",
            "menu_items": inline_formset(
                [{"label": "Vide", "link_url": "", "link_page": ""}]
            ),
        }
    )
    response = client.post(f"/admin/settings/cms/sitesettings/{site_id}/", data)
    assert response.status_code == 200
    assert "Choisissez soit une page, soit une adresse" in response.content.decode()
