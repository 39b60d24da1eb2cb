"""Open data: projects and financing as CSV, JSON and GeoJSON, parsed back, with the licence."""

import csv
import io
import json
from decimal import Decimal

import pytest

from .factories import (
    CommuneFactory,
    FinancingLineFactory,
    ProjectFactory,
    make_contract,
)

pytestmark = pytest.mark.django_db

LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


@pytest.fixture
def data(site_root):
    crte = make_contract(site_root, tree=(1, 1, 1))
    measure = crte.orientations.get().axes.get().measures.get()
    commune = CommuneFactory(insee_code="46042", name="Cahors")
    located = ProjectFactory(
        title="Pont Valentré, éclairage",
        measures=[measure],
        communes=[commune],
        location="SRID=4326;POINT(1.4318 44.4450)",
        total_cost=Decimal("50000"),
    )
    unlocated = ProjectFactory(
        title="Étude « mobilités »", location="", total_cost=Decimal("9000")
    )
    FinancingLineFactory(project=located, amount=Decimal("12345.50"), programme="DSIL")
    FinancingLineFactory(
        project=located, funder="europe", programme="LEADER", amount=Decimal("1000")
    )
    FinancingLineFactory(
        project=unlocated, funder="departement", programme="", amount=Decimal("3000")
    )
    return {"crte": crte, "located": located, "unlocated": unlocated}


def test_projects_csv_parses_back(client, data):
    response = client.get("/donnees/projets.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert LICENCE_URL in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_slug = {row["identifiant"]: row for row in rows}
    row = by_slug[data["located"].slug]
    assert row["intitule"] == "Pont Valentré, éclairage"
    assert Decimal(row["financements_eur"]) == Decimal("13345.50")
    assert row["communes_insee"] == "46042"
    assert row["mesures"] == "CRTE:1.1.1"
    assert float(row["latitude"]) == pytest.approx(44.445)
    assert by_slug[data["unlocated"].slug]["intitule"] == "Étude « mobilités »"


def test_projects_json_and_geojson_parse_back_with_licence(client, data):
    payload = json.loads(client.get("/donnees/projets.json").content)
    assert payload["licence"]["url"] == LICENCE_URL
    assert "Licence Ouverte" in payload["licence"]["nom"]
    assert {p["identifiant"] for p in payload["donnees"]} == {
        data["located"].slug,
        data["unlocated"].slug,
    }
    response = client.get("/donnees/projets.geojson")
    assert response["Content-Type"].startswith("application/geo+json")
    geo = json.loads(response.content)
    assert geo["type"] == "FeatureCollection"
    assert geo["metadata"]["licence"]["url"] == LICENCE_URL
    [feature] = geo["features"]  # only located projects are mapped
    assert feature["geometry"] == {"type": "Point", "coordinates": [1.4318, 44.445]}
    assert feature["properties"]["financements_eur"] == 13345.5


def test_financing_files_parse_back_and_follow_filters(client, data):
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/donnees/financements.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert sorted(Decimal(r["montant_eur"]) for r in rows) == [
        Decimal("1000.00"),
        Decimal("3000.00"),
        Decimal("12345.50"),
    ]
    assert {r["dispositif"] for r in rows} == {"DSIL", "LEADER", ""}
    filtered = json.loads(
        client.get("/donnees/financements.json", {"contrat": data["crte"].pk}).content
    )
    assert {line["projet"] for line in filtered["donnees"]} == {data["located"].slug}
    assert sum(line["montant_eur"] for line in filtered["donnees"]) == 13345.5


def test_pages_link_to_open_data(client, data):
    html = client.get("/projets/", {"contrat": data["crte"].pk}).content.decode()
    assert f"/donnees/projets.csv?contrat={data['crte'].pk}" in html
    assert "/donnees/financements.json" in html
    assert "Licence Ouverte 2.0" in html
