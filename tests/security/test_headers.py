"""Headers and error pages: a strict CSP and a Permissions-Policy on every page type,
French 400/403/CSRF pages, hostile text refused or cleaned, the schema varying on Accept."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/recherche/?q=%00", "/communes/%00/", "/%01/"])
def test_nul_and_control_characters_are_a_french_400(site_root, url):
    """The probe's 500s: the status is asserted, not the exception (the old code let
    PostgreSQL's "cannot contain NUL" escape)."""
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/v1/communes/%00/", 404), ("/api/v1/projects/?contract=a%00", 400)],
)
def test_nul_in_the_api_is_a_json_answer(site_root, url, status):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"


def test_bidi_controls_are_stripped_from_names_titles_and_comments(client, site_root):
    from accounts.models import User
    from participation.models import Comment, Proposal
    from tests.participation import factories

    consultation = factories.consultation(site_root, "open")
    resident = factories.UserFactory()
    client.force_login(resident)
    client.post(reverse("accounts:profile"), {"display_name": "\u202eabc\u2066 Lot"})
    resident.refresh_from_db()
    assert resident.display_name == "abc Lot"
    client.post(reverse("accounts:profile"), {"display_name": "\u202eabc Lot\x00 !"})
    resident.refresh_from_db()
    assert resident.display_name == "abc Lot !", "NUL stripped, not a refused form"
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
