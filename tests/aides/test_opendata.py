"""The catalogue as open data: published schemes only, formula-safe CSV, licensed JSON."""

import csv
import io

import pytest

from .factories import AidSchemeFactory

pytestmark = pytest.mark.django_db

CSV_URL = "/aides-financements/catalogue.csv"
JSON_URL = "/aides-financements/catalogue.json"


def rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_lists_published_schemes_with_french_headers(client):
    AidSchemeFactory(name="DETR", themes=["batiments", "energie"], ceiling=150000)
    AidSchemeFactory(name="Brouillon", is_published=False)
    response = client.get(CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'rel="license"' in response["Link"]
    [row] = rows(response)
    assert row["nom"] == "DETR"
    assert row["financeur"] == "État" and row["financeur_public"] == "oui"
    assert row["porteurs_eligibles"] == "Commune ; EPCI"
    assert row["themes"] == (
        "Bâtiments publics et rénovation énergétique ; Énergies renouvelables et chaleur"
    )
    assert row["taux_max_pct"] == "40.00" and row["plafond_eur"] == "150000.00"


@pytest.mark.parametrize(
    "payload", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1"]
)
def test_text_a_spreadsheet_would_run_stays_text(client, payload):
    AidSchemeFactory(name=payload, contact=payload, description=payload, programme="")
    [row] = rows(client.get(CSV_URL))
    for field in ("nom", "contact", "description"):
        assert row[field].startswith("'"), (field, row[field])


def test_the_json_carries_the_licence_and_lists(client):
    AidSchemeFactory(name="DETR", themes=["batiments"], procedure_url="/espace-elus/")
    payload = client.get(JSON_URL).json()
    assert payload["licence"]["nom"].startswith("Licence Ouverte")
    [record] = payload["donnees"]
    assert record["nom"] == "DETR"
    assert record["themes"] == ["Bâtiments publics et rénovation énergétique"]
    assert record["taux_max_pct"] == 40.0
    assert record["demarche_url"] == "http://testserver/espace-elus/"
