"""A strict CSP and a Permissions-Policy on every page type (its own module: the site is
built once for the module, in a transaction the other tests must not share)."""

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
    """One live page of each page type the site has."""
    urls = []
    for model in get_page_models():
        if model is Page:
            continue
        page = model.objects.live().public().first()
        if page is not None and page.url:
            urls.append(page.url)
    return urls


def test_every_page_type_carries_the_policy(whole_site, people):
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
