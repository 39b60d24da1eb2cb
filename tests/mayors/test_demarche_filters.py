"""The staff listing of one démarche filters by its answers (choice, yes/no, communes,
measure) through GET parameters; the export follows the same filters; the query count
does not grow with the dossiers; officials never reach the listing."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contrats.models import Mesure
from mayors.models import DemarcheField, Submission

from .factories import (
    PASSWORD,
    CommuneFactory,
    DemarcheFactory,
    DemarcheFieldFactory,
)

pytestmark = pytest.mark.django_db
Kind = DemarcheField.Kind
URL = "mayors_submission:index"


@pytest.fixture
def demarche(cto):
    call = DemarcheFactory(contract=cto, max_priorities=50, required_documents="")
    for label, key, kind, choices in (
        ("Thème de santé", "theme", Kind.CHOICE, "Prévention\nAccès aux soins"),
        ("Action déjà menée", "deja", Kind.YES_NO, ""),
        ("Communes concernées", "communes", Kind.COMMUNES, ""),
        ("Mesure", "mesure", Kind.MEASURE, ""),
        ("Public visé", "public", Kind.SHORT_TEXT, ""),
    ):
        DemarcheFieldFactory(
            call=call, label=label, key=key, kind=kind, choices=choices
        )
    return call


@pytest.fixture
def staff_client(client, staff):
    client.login(email=staff.email, password=PASSWORD)
    return client


@pytest.fixture
def measures(cto):
    return list(Mesure.objects.filter(axe__orientation__contract=cto)[:2])


def dossier(call, commune, by, title, **answers):
    submission = Submission.create_draft(call=call, commune=commune, by=by, title=title)
    submission.answers = answers
    submission.save(update_fields=["answers"])
    return submission


def titles(client, **params):
    response = client.get(reverse(URL), {"export": "csv", **params})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    return sorted(row[1] for row in rows[1:])


@pytest.fixture
def dossiers(demarche, commune_a, mayor_a, measures):
    other_commune = CommuneFactory(epci=commune_a.epci, name="Pradines")
    first, second = measures
    dossier(
        demarche,
        commune_a,
        mayor_a,
        "Maison de santé",
        theme="Accès aux soins",
        deja=True,
        communes=[commune_a.pk, other_commune.pk],
        mesure=first.pk,
    )
    dossier(
        demarche,
        commune_a,
        mayor_a,
        "Ateliers nutrition",
        theme="Prévention",
        deja=False,
        communes=[other_commune.pk],
        mesure=second.pk,
    )
    dossier(demarche, commune_a, mayor_a, "Sans réponse")
    return other_commune


def test_filters_by_answers_in_the_listing_and_the_export(
    staff_client, demarche, commune_a, measures, dossiers
):
    base = {"call": demarche.pk}
    page = staff_client.get(reverse(URL), base).text
    for key in ("theme", "deja", "communes", "mesure"):
        assert f'<label class="w-field__label" for="id_reponse__{key}"' in page
    assert "Thème de santé" in page and "Action déjà menée" in page
    assert 'name="reponse__public"' not in page  # free text: no filter

    assert titles(staff_client, **base, reponse__theme="Prévention") == [
        "Ateliers nutrition"
    ]
    assert titles(staff_client, **base, reponse__deja="oui") == ["Maison de santé"]
    assert titles(staff_client, **base, reponse__deja="non") == ["Ateliers nutrition"]
    assert titles(staff_client, **base, reponse__communes=commune_a.pk) == [
        "Maison de santé"
    ]
    assert titles(staff_client, **base, reponse__communes=dossiers.pk) == [
        "Ateliers nutrition",
        "Maison de santé",
    ]
    assert titles(staff_client, **base, reponse__mesure=measures[1].pk) == [
        "Ateliers nutrition"
    ]
    assert (
        titles(
            staff_client, **base, reponse__theme="Accès aux soins", reponse__deja="non"
        )
        == []
    )
    listing = staff_client.get(reverse(URL), {**base, "reponse__deja": "oui"}).text
    assert "Maison de santé" in listing and "Ateliers nutrition" not in listing

    # A value the field does not offer is refused by the form, not guessed.
    response = staff_client.get(reverse(URL), {**base, "reponse__theme": "Autre"})
    assert "Sélectionnez un choix valide" in response.text


def test_answer_filters_only_with_one_demarche(staff_client, demarche, dossiers):
    page = staff_client.get(reverse(URL)).text
    assert 'name="reponse__theme"' not in page
    # Without the démarche, an answer parameter filters nothing.
    assert len(titles(staff_client, reponse__theme="Prévention")) == 3


def test_an_official_cannot_reach_the_listing(client, mayor_a, demarche, dossiers):
    client.login(email=mayor_a.email, password=PASSWORD)
    params = {"call": demarche.pk, "reponse__theme": "Prévention", "export": "csv"}
    response = client.get(reverse(URL), params)
    assert response.status_code in (302, 403)
    assert "Ateliers nutrition" not in response.content.decode()


def count(client, **params):
    client.get(reverse(URL), params)  # warm: content types, site settings
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse(URL), params)
        if params.get("export"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_filtered_listing_and_export_do_not_grow(
    staff_client, demarche, commune_a, mayor_a, measures
):
    communes = [commune_a, *CommuneFactory.create_batch(4, epci=commune_a.epci)]
    params = {
        "call": demarche.pk,
        "reponse__theme": "Prévention",
        "reponse__deja": "oui",
        "reponse__communes": communes[1].pk,
        "reponse__mesure": measures[0].pk,
    }
    counts = []
    for total in (3, 30):
        while Submission.objects.count() < total:
            dossier(
                demarche,
                commune_a,
                mayor_a,
                "Dossier",
                theme="Prévention",
                deja=True,
                communes=[c.pk for c in communes],
                mesure=measures[0].pk,
            )
        counts.append(
            (count(staff_client, **params), count(staff_client, **params, export="csv"))
        )
        assert len(titles(staff_client, **params)) == total
    assert counts[0] == counts[1], counts
    print(f"filtered listing, export: {counts[0]} queries at 3 and 30")  # noqa: T201
