"""Headers and error pages: a strict CSP and a Permissions-Policy on every page type,
French 400/403/CSRF pages, hostile text refused or cleaned, the schema varying on Accept."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, get_page_models

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I
)
INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle=\"|\son[a-z]+=\"", re.I)


def assert_strict(response, url):
    policy = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy, url
    assert "style-src 'self'" in policy, url
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
    assert "object-src 'none'" in policy, url
    assert "data.geopf.fr" in policy, "the configured tile host may be drawn"
    assert "camera=()" in response.headers.get("Permissions-Policy", ""), url
    if "text/html" in response.headers.get("Content-Type", ""):
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html)[0])
        assert not INLINE_STYLE.search(html), (url, INLINE_STYLE.search(html)[0])


def page_type_urls():
    """One live page of each page type the demo builds."""
    urls = []
    for model in get_page_models():
        if model is Page:
            continue
        page = model.objects.live().public().first()
        if page is not None and page.url:
            urls.append(page.url)
    return urls


def test_every_page_type_carries_the_policy(demo, people):
    from contrats.models import Commune, Project
    from mayors.models import Submission
    from participation.models import Proposal

    anonymous = Client()
    urls = page_type_urls()
    assert len(urls) >= 10
    urls += [
        reverse("search") + "?q=route",
        reverse("account_login"),
        reverse("account_signup"),
        reverse("api:documentation"),
        Proposal.objects.published().first().get_absolute_url(),
        Project.objects.first().get_absolute_url(),
        reverse(
            "contrats:commune_detail",
            args=[Commune.objects.filter(epci__is_petr_member=True).first().insee_code],
        ),
        reverse("contrats:commune_list"),
        "/une-page-qui-n-existe-pas/",
    ]
    for url in urls:
        assert_strict(anonymous.get(url), url)
    resident = Client()
    resident.force_login(people["resident"])
    for url in [reverse("accounts:dashboard"), reverse("accounts:profile")]:
        assert_strict(resident.get(url), url)
    mayor = Client()
    mayor.force_login(people["mayor"])
    submission = Submission.objects.filter(commune__insee_code="46042").first()
    for url in [
        reverse("mayors:dashboard"),
        reverse("mayors:submission_detail", args=[submission.pk]),
    ]:
        response = mayor.get(url)
        assert response.status_code in {200, 404}, url
        assert_strict(response, url)


@pytest.mark.parametrize(
    "url", ["/recherche/?q=%00", "/communes/%00/", "/api/v1/communes/%00/", "/%01/"]
)
def test_nul_and_control_characters_are_a_french_400(client, site_root, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()


def test_bidi_controls_are_stripped_from_names_titles_and_comments(client, site_root):
    from accounts.models import User
    from participation.models import Comment, Proposal
    from tests.participation import factories

    consultation = factories.consultation(site_root, "open")
    resident = factories.UserFactory()
    client.force_login(resident)
    client.post(
        reverse("accounts:profile"), {"display_name": "\u202eabc\u2066 Lot\x00"}
    )
    resident.refresh_from_db()
    assert resident.display_name == "abc Lot"
    client.post(
        reverse("participation:proposal_create", args=[consultation.pk]),
        {"title": "Un \u202etitre\u202c propre", "body": "Un texte\u200f.\x07"},
    )
    proposal = Proposal.objects.get()
    assert proposal.title == "Un titre propre"
    assert proposal.body == "Un texte."
    client.post(
        reverse("participation:proposal_comment", args=[proposal.pk]),
        {"body": "D’accord\u2067 !", "stance": ""},
    )
    assert Comment.objects.get().body == "D’accord !"
    assert User.objects.filter(display_name__contains="\u202e").count() == 0


def test_a_refusal_is_french_and_says_why(client, site_root):
    from tests.participation import factories

    client.force_login(factories.UserFactory())
    response = client.get("/espace-elus/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Accès refusé" in html
    assert "réservé aux personnes invitées par le PETR" in html
    assert "403 Forbidden" not in html


def test_a_csrf_failure_is_french(site_root):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@b.fr"})
    assert response.status_code == 403
    assert "Votre formulaire a expiré" in response.content.decode()


def test_the_api_schema_varies_on_accept(client, site_root):
    json_copy = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    yaml_copy = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert "Accept" in json_copy.headers["Vary"]
    assert json_copy["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert yaml_copy["Content-Type"].startswith("application/vnd.oai.openapi")
    assert json_copy.content != yaml_copy.content
    again = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert again.content == json_copy.content
