"""What each endpoint shows, what it never shows, and how it filters and pages."""

import datetime
import json

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from drf_spectacular.renderers import OpenApiJsonRenderer
from wagtail.models import PageViewRestriction

from api.views import openapi_schema
from participation.models import Proposal
from tests.contrats.factories import ProjectFactory
from tests.participation import factories

pytestmark = pytest.mark.django_db

API = "/api/v1/"


def get(client, path, expect=200, **params):
    response = client.get(API + path, params)
    assert response.status_code == expect, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def ids(payload, key="id"):
    return [item[key] for item in payload["results"]]


def test_consultations_list_published_ones_with_counts(client, data):
    consultation = data["consultation"]
    payload = get(client, "consultations/")
    assert payload["count"] == 1
    (item,) = payload["results"]
    assert item == {
        "id": consultation.pk,
        "title": "Mobilités du quotidien",
        "summary": consultation.summary,
        "theme": "Mobilités",
        "url": f"http://testserver{consultation.url}",
        "state": "open",
        "state_label": "Ouverte",
        "opens_at": item["opens_at"],
        "closes_at": item["closes_at"],
        "results_published_at": None,
        "answers_promised_by": consultation.answers_promised_by.isoformat(),
        "contract": None,
        "communes": ["46042", "46224"],
        "categories": [
            {"id": c.pk, "name": c.name} for c in consultation.categories.all()
        ],
        # pending and hidden proposals are not counted
        "proposals_count": 2,
        "supports_count": 1,
        "comments_count": 2,
    }
    opens_at = datetime.datetime.fromisoformat(item["opens_at"])
    assert opens_at == consultation.opens_at
    assert get(client, f"consultations/{consultation.pk}/") == item


def test_unpublished_and_restricted_consultations_are_absent(client, data, site_root):
    restricted = factories.consultation(site_root, "open", title="Réservée")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type="password", password="secret-mdp"
    )
    factories.ProposalFactory(consultation=restricted, title="Derrière un mot de passe")
    assert ids(get(client, "consultations/")) == [data["consultation"].pk]
    for page in (data["draft"], restricted):
        assert get(client, f"consultations/{page.pk}/", expect=404) == {
            "detail": "Introuvable."
        }
    titles = [p["title"] for p in get(client, "proposals/")["results"]]
    assert "Derrière un mot de passe" not in titles


def test_proposals_only_published_ones_of_published_consultations(client, data):
    payload = get(client, "proposals/")
    assert ids(payload) == [data["plain"].pk, data["answered"].pk]
    answered = payload["results"][1]
    assert answered == {
        "id": data["answered"].pk,
        "consultation": data["consultation"].pk,
        "title": "Une piste cyclable vers la gare",
        "body": "Relier Pradines à la gare de Cahors.",
        "category": {"id": data["answered"].category_id, "name": "Vélo"},
        "commune": "46224",
        "official": False,
        "created_at": answered["created_at"],
        "supports_count": 1,
        "comments_count": 1,
        "url": f"http://testserver/participation/propositions/{data['answered'].pk}/",
        "project": data["project"].pk,
        "answer": {
            "status": "accepted",
            "status_label": "Retenue",
            "explanation": "Inscrite au programme 2027.",
            "answered_at": answered["answer"]["answered_at"],
            "updated_at": answered["answer"]["updated_at"],
        },
    }
    assert payload["results"][0]["answer"] is None
    assert payload["results"][0]["project"] is None
    assert get(client, f"proposals/{data['answered'].pk}/") == answered
    for key in ("pending", "hidden", "in_draft"):
        get(client, f"proposals/{data[key].pk}/", expect=404)


def test_answers_of_published_proposals_only(client, data):
    payload = get(client, "answers/")
    assert payload["count"] == 1
    (item,) = payload["results"]
    assert item["proposal"] == data["answered"].pk
    assert item["consultation"] == data["consultation"].pk
    assert item["proposal_title"] == "Une piste cyclable vers la gare"
    assert item["status"] == "accepted"
    assert item["explanation"] == "Inscrite au programme 2027."
    assert "Réponse cachée." not in json.dumps(payload)


def all_responses(client, data):
    """Every list and detail the API has for this data set, and its schema."""
    paths = ["", "schema/", "schema/?format=yaml"]
    for name in ("consultations", "proposals", "answers", "projects", "communes"):
        payload = get(client, f"{name}/", page_size=100)
        paths.append(f"{name}/?page_size=100")
        if name == "communes":
            paths += [f"communes/{c['insee_code']}/" for c in payload["results"]]
        elif name != "answers":
            paths += [f"{name}/{item['id']}/" for item in payload["results"]]
    for path in paths:
        response = client.get(API + path)
        assert response.status_code == 200, path
        yield path, response.content.decode()


def test_no_personal_data_in_any_response(client, data):
    moderator_email = "secret.moderator@example.test"
    secrets = [
        data["author"].email,
        data["author"].display_name,
        data["supporter"].email,
        data["supporter"].display_name,
        moderator_email,
        "secret.staff@example.test",  # the author of a progress note
        "Agent Très Privé",
        "example.test",
    ]
    seen = 0
    for path, content in all_responses(client, data):
        seen += 1
        for secret in secrets:
            assert secret not in content, (path, secret)
        if not path.startswith(("schema", "?")) and path:
            keys = set()

            def walk(value, keys=keys):
                if isinstance(value, dict):
                    keys.update(value)
                    for item in value.values():
                        walk(item)
                elif isinstance(value, list):
                    for item in value:
                        walk(item)

            walk(json.loads(content))
            assert not keys & {"author", "email", "display_name", "user", "ip"}, path
    assert seen > 10


def test_projects_with_financing_measures_and_communes(client, data):
    project = data["project"]
    payload = get(client, "projects/")
    assert ids(payload) == [data["other_project"].pk, project.pk]  # by title
    item = get(client, f"projects/{project.pk}/")
    progress = {key: item.pop(key) for key in ("status_changes", "progress_notes")}
    assert item == payload["results"][1]
    assert "status_changes" not in payload["results"][0]  # the detail only
    assert [change["status"] for change in progress["status_changes"]] == [
        "engage",
        "realise",
        "engage",
    ]
    assert progress["status_changes"][1] == {
        "previous_status": "engage",
        "status": "realise",
        "status_label": "Réalisé",
        "changed_at": progress["status_changes"][1]["changed_at"],
    }
    assert progress["status_changes"][0]["previous_status"] == ""
    assert progress["progress_notes"] == [
        {
            "date": "2025-06-02",
            "title": "Premier tronçon ouvert",
            "text": "Entre Pradines et le pont Valentré.",
        }
    ]
    assert item["slug"] == project.slug
    assert item["url"] == f"http://testserver{project.get_absolute_url()}"
    assert item["holder_kind"] == "commune"
    assert item["status"] == "engage" and item["status_label"] == "Engagé"
    assert (item["start_year"], item["end_year"]) == (2025, 2027)
    assert item["communes"] == ["46042", "46224"]
    assert item["total_cost"] == 250000
    assert item["financed_amount"] == 120000.5
    assert item["financing"] == [
        {
            "funder": "etat",
            "funder_label": "État",
            "programme": "DETR",
            "amount": 100000.5,
            "year": 2025,
            "status": "acquis",
            "status_label": "Acquis",
        },
        {
            "funder": "departement",
            "funder_label": "Département du Lot",
            "programme": "",
            "amount": 20000,
            "year": 2026,
            "status": "sollicite",
            "status_label": "Sollicité",
        },
    ]
    assert item["measures"] == [
        {"contract": "CRTE", "code": "1.1.2", "title": "Mesure 1.1.2"}
    ]
    assert (item["latitude"], item["longitude"]) == (44.45, 1.44)
    other = payload["results"][0]
    assert other["latitude"] is None and other["financing"] == []


def test_communes_with_their_epci(client, data):
    payload = get(client, "communes/")
    assert ids(payload, "insee_code") == ["46042", "46102", "46224"]  # by name
    assert get(client, "communes/46042/") == {
        "insee_code": "46042",
        "name": "Cahors",
        "population": 500,
        "latitude": 44.45,
        "longitude": 1.44,
        "epci": {
            "siren": "200023737",
            "name": "Grand Cahors",
            "nature": "CA",
            "petr_member": True,
        },
    }
    assert get(client, "communes/99999/", expect=404) == {"detail": "Introuvable."}
    assert ids(get(client, "communes/", epci="200067361"), "insee_code") == ["46102"]
    assert ids(get(client, "communes/", petr="true"), "insee_code") == [
        "46042",
        "46224",
    ]
    assert ids(get(client, "communes/", petr="false"), "insee_code") == ["46102"]


def test_filters(client, data):
    answered, plain = data["answered"].pk, data["plain"].pk
    consultation = data["consultation"]
    assert ids(get(client, "consultations/", state="open")) == [consultation.pk]
    assert ids(get(client, "consultations/", state="closed")) == []
    assert ids(get(client, "consultations/", commune="46224")) == [consultation.pk]
    assert ids(get(client, "consultations/", commune="46102")) == []

    assert ids(get(client, "proposals/", consultation=consultation.pk)) == [
        plain,
        answered,
    ]
    assert ids(get(client, "proposals/", consultation=data["draft"].pk)) == []
    assert ids(get(client, "proposals/", commune="46224")) == [answered]
    assert ids(get(client, "proposals/", category=data["answered"].category_id)) == [
        answered
    ]
    assert ids(get(client, "proposals/", answer="accepted")) == [answered]
    assert ids(get(client, "proposals/", answer="none")) == [plain]
    assert ids(get(client, "proposals/", sort="supports")) == [answered, plain]
    assert ids(get(client, "proposals/", sort="comments")) == [answered, plain]

    assert ids(get(client, "answers/", status="rejected"), "proposal") == []
    assert ids(get(client, "answers/", status="accepted"), "proposal") == [answered]
    assert ids(get(client, "answers/", consultation=consultation.pk), "proposal") == [
        answered
    ]
    assert ids(get(client, "answers/", consultation=data["draft"].pk)) == []

    project, other = data["project"].pk, data["other_project"].pk
    assert ids(get(client, "projects/", commune="46042")) == [project]
    assert ids(get(client, "projects/", status="realise")) == [other]
    assert ids(get(client, "projects/", holder_kind="epci")) == []
    assert ids(get(client, "projects/", year=2026)) == [project]
    assert ids(get(client, "projects/", year=2024)) == [other]
    assert ids(get(client, "projects/", year=2025)) == [project]
    assert ids(get(client, "projects/", contract=data["crte"].slug)) == [project]
    assert ids(get(client, "projects/", contract="inconnu")) == []


FRENCH_MESSAGES = {
    "Un nombre entier est attendu.",
    "Code INSEE invalide (5 caractères).",
    "Numéro SIREN invalide (9 chiffres).",
    "Identifiant invalide (lettres, chiffres, tirets).",
    "Le caractère nul n’est pas autorisé.",  # Django’s own
}
FRENCH_STARTS = ("La valeur doit être", "« ")


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("proposals/", {"consultation": "abc"}, "consultation"),
        ("proposals/", {"consultation": "0"}, "consultation"),
        ("proposals/", {"consultation": str(2**64)}, "consultation"),
        ("proposals/", {"commune": "Cahors"}, "commune"),
        ("proposals/", {"sort": "random"}, "sort"),
        ("proposals/", {"answer": "maybe"}, "answer"),
        ("consultations/", {"state": "archived"}, "state"),
        ("projects/", {"year": "1200"}, "year"),
        ("projects/", {"contract": "a b\x00"}, "contract"),
        ("communes/", {"epci": "12"}, "epci"),
    ],
)
def test_invalid_filters_are_400_with_a_french_message(
    client, data, path, params, field
):
    payload = get(client, path, expect=400, **params)
    assert list(payload) == [field]
    assert payload[field]
    for message in payload[field]:
        assert message in FRENCH_MESSAGES or message.startswith(FRENCH_STARTS), message


def test_pagination(client, db):
    for n in range(25):
        ProjectFactory(title=f"Projet {n:02d}")
    first = get(client, "projects/")
    assert first["count"] == 25
    assert len(first["results"]) == 20
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/projects/?page=2"
    second = client.get(first["next"]).json()
    assert [p["title"] for p in second["results"]] == [
        f"Projet {n}" for n in range(20, 25)
    ]
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/projects/"
    assert len(get(client, "projects/", page_size=5)["results"]) == 5
    assert len(get(client, "projects/", page_size=100)["results"]) == 25
    assert get(client, "projects/", expect=404, page=3) == {
        "detail": "Page introuvable."
    }
    for params in ({"page": "abc"}, {"page": 0}, {"page_size": 101}, {"page_size": 0}):
        assert list(get(client, "projects/", expect=400, **params)) == list(params)


def test_other_addresses_under_the_api_are_json_404_or_get_their_slash(client, db):
    response = client.get(API + "nothing/here/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Introuvable."}
    assert client.get(API + "proposals/abc/").json() == {"detail": "Introuvable."}
    response = client.get(API + "proposals", {"sort": "supports"})
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/proposals/?sort=supports"


def test_unknown_or_huge_ids_are_404(client, data):
    for path in ("consultations", "proposals", "projects"):
        get(client, f"{path}/{2**63 - 1}/", expect=404)
        get(client, f"{path}/{2**70}/", expect=404)


def test_read_only(client, data):
    for method in ("post", "put", "patch", "delete", "options"):
        response = getattr(client, method)(API + "proposals/")
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD"
        assert "lecture seule" in response.json()["detail"]
    response = client.post(API + f"proposals/{data['answered'].pk}/", {"title": "x"})
    assert response.status_code == 405
    assert Proposal.objects.get(pk=data["answered"].pk).title != "x"


@override_settings(
    REST_FRAMEWORK={
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "3/min"},
    },
    PAGE_CACHE_ENABLED=False,
)
def test_throttled_per_address(client, data):
    for _n in range(3):
        assert client.get(API + "projects/", REMOTE_ADDR="192.0.2.1").status_code == 200
    response = client.get(API + "projects/", REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"].startswith("Trop de requêtes. Réessayer dans")
    assert client.get(API + "projects/", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_responses_cached_for_everyone_until_data_changes(client, data):
    assert client.get(API + "proposals/")["X-Page-Cache"] == "miss"
    assert client.get(API + "proposals/")["X-Page-Cache"] == "hit"
    factories.ProposalFactory(
        consultation=data["consultation"], title="Toute nouvelle proposition"
    )
    response = client.get(API + "proposals/")
    assert response["X-Page-Cache"] == "miss"
    assert "Toute nouvelle proposition" in response.content.decode()


def test_consultation_about_to_change_phase_is_kept_no_longer(client, data, site_root):
    assert "no-cache" not in client.get(API + "consultations/")["Cache-Control"]
    factories.consultation(
        site_root,
        "upcoming",
        opens_at=timezone.now() + datetime.timedelta(minutes=2),
    )
    response = client.get(API + "consultations/")
    assert response["X-Page-Cache"] == "miss"
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < s_maxage <= 2 * 60


def test_documentation_page_and_schema(client, data):
    response = client.get(API)
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "API ouverte du Grand Quercy",
        "/api/v1/proposals/",
        "/api/v1/projects/{id}/",
        'href="/api/v1/schema/"',
        "Licence Ouverte 2.0",
        "Aucune donnée personnelle",
        "financed_amount",
    ):
        assert text in page, text
    schema = client.get(API + "schema/")
    assert schema.status_code == 200
    document = schema.json()
    assert document["openapi"].startswith("3.")
    assert document["info"]["license"]["name"] == "Licence Ouverte 2.0"
    assert sorted(document["paths"]) == [
        "/api/v1/aid-schemes/",
        "/api/v1/aid-schemes/{id}/",
        "/api/v1/answers/",
        "/api/v1/communes/",
        "/api/v1/communes/{insee_code}/",
        "/api/v1/consultations/",
        "/api/v1/consultations/{id}/",
        "/api/v1/projects/",
        "/api/v1/projects/{id}/",
        "/api/v1/proposals/",
        "/api/v1/proposals/{id}/",
    ]
    # the very document the schemathesis test loads
    assert document == json.loads(OpenApiJsonRenderer().render(openapi_schema()))
    yaml = client.get(API + "schema/", {"format": "yaml"})
    assert yaml.status_code == 200
    assert yaml.content.startswith(b"openapi: 3.")


def test_schema_is_valid_openapi():
    from drf_spectacular.validation import validate_schema

    from api.views import openapi_schema

    validate_schema(openapi_schema())
