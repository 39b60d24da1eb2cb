"""Public pages: contract tree and figures, explorer filters, detail, zoning map, PO history."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contrats.models import Commune, FinancingLine, Mesure
from tests.bench.seed_contrats import add_projects

from .factories import (
    CommuneFactory,
    EpciFactory,
    FinancingLineFactory,
    ProjectFactory,
    make_contract,
    make_po,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory():
    epci = EpciFactory(name="CC de la Vallée du Lot et du Vignoble")
    other = EpciFactory(name="CC Quercy Blanc")
    return {
        "prayssac": CommuneFactory(
            name="Prayssac", epci=epci, latitude=44.50, longitude=1.19
        ),
        "luzech": CommuneFactory(
            name="Luzech", epci=epci, latitude=44.48, longitude=1.28
        ),
        "montcuq": CommuneFactory(
            name="Montcuq-en-Quercy-Blanc", epci=other, latitude=44.33, longitude=1.21
        ),
    }


@pytest.fixture
def crte(site_root, territory):
    contract = make_contract(site_root, kind="CRTE", short_name="CRTE", tree=(2, 2, 2))
    contract.zoning.set([territory["prayssac"], territory["luzech"]])
    contract.save()
    return contract


def measure(contract, code):
    o, a, m = (int(x) for x in code.split("."))
    return Mesure.objects.get(
        axe__orientation__contract=contract,
        axe__orientation__number=o,
        axe__number=a,
        number=m,
    )


def test_contract_page_shows_tree_projects_and_computed_figures(
    client, crte, territory
):
    school = ProjectFactory(
        title="École de Prayssac",
        measures=[measure(crte, "1.2.1")],
        communes=[territory["prayssac"]],
    )
    FinancingLineFactory(project=school, amount=Decimal("40000"), year=2021)
    FinancingLineFactory(
        project=school, amount=Decimal("2500"), year=2022, funder="europe"
    )
    response = client.get(crte.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Orientation 1 : Orientation 1" in html
    assert "Axe 1.2 : Axe 1.2" in html
    assert "1.2.1. Mesure 1.2.1" in html
    assert "École de Prayssac" in html
    assert "42\u202f500\u00a0€" in html  # total of the contract, computed
    assert "Financements par financeur" in html and "<svg" in html
    assert "<caption>Données du graphique : Financements par année</caption>" in html


def test_contracts_index_lists_committed_amounts(client, crte):
    project = ProjectFactory(measures=[measure(crte, "1.1.1")])
    FinancingLineFactory(project=project, amount=Decimal("1000"), status="acquis")
    FinancingLineFactory(project=project, amount=Decimal("500"), status="sollicite")
    response = client.get(crte.get_parent().url)
    html = response.content.decode()
    assert "Contrat CRTE" in html
    assert "1\u202f000\u00a0€" in html  # the solicited 500 € are not committed


def test_explorer_filters_by_every_criterion(client, crte, territory):
    cto = make_contract(
        crte.get_parent().get_parent(), kind="CTO", short_name="CTO", tree=(1, 1, 1)
    )
    a = ProjectFactory(
        title="Voie verte",
        measures=[measure(crte, "1.1.1")],
        communes=[territory["prayssac"]],
        status="engage",
        start_year=2022,
        end_year=2024,
    )
    b = ProjectFactory(
        title="Halle de producteurs",
        measures=[measure(crte, "2.1.2")],
        communes=[territory["montcuq"]],
        status="realise",
        start_year=2021,
    )
    c = ProjectFactory(
        title="Maison de santé",
        measures=[measure(cto, "1.1.1")],
        communes=[territory["luzech"]],
        status="engage",
        start_year=2023,
    )
    FinancingLineFactory(project=a, funder="etat")
    FinancingLineFactory(project=b, funder="europe")
    FinancingLineFactory(project=c, funder="etat")

    def titles(query):
        response = client.get("/projets/", query)
        assert response.status_code == 200
        return {p.title for p in response.context["page_obj"].object_list}

    assert titles({}) == {"Voie verte", "Halle de producteurs", "Maison de santé"}
    assert titles({"contrat": crte.pk}) == {"Voie verte", "Halle de producteurs"}
    assert titles({"mesure": measure(crte, "2.1.2").pk}) == {"Halle de producteurs"}
    assert titles({"epci": territory["prayssac"].epci_id}) == {
        "Voie verte",
        "Maison de santé",
    }
    assert titles({"commune": territory["montcuq"].pk}) == {"Halle de producteurs"}
    assert titles({"financeur": "etat"}) == {"Voie verte", "Maison de santé"}
    assert titles({"annee": 2023}) == {"Voie verte", "Maison de santé"}
    assert titles({"etat": "realise"}) == {"Halle de producteurs"}
    assert titles({"q": "santé"}) == {"Maison de santé"}
    assert titles({"contrat": crte.pk, "financeur": "etat"}) == {"Voie verte"}
    # the map shows the same filtered set, and the filters survive in the links
    response = client.get("/projets/carte/", {"contrat": crte.pk, "financeur": "etat"})
    html = response.content.decode()
    assert f"/projets/?contrat={crte.pk}&amp;financeur=etat" in html
    points_url = f"/projets/carte/points.geojson?contrat={crte.pk}&amp;financeur=etat"
    assert f'data-map-geojson-url="{points_url}"' in html
    assert "Voie verte" not in html  # the points are not in the page
    points = client.get(points_url.replace("&amp;", "&")).json()
    assert [f["properties"]["title"] for f in points["features"]] == ["Voie verte"]


def test_explorer_rejects_bad_filter_values_with_a_message(client, crte):
    response = client.get("/projets/", {"etat": "inconnu", "annee": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sélectionnez un choix valide" in html
    assert 'aria-describedby="id_etat-erreurs"' in html


def test_explorer_paginates(client, crte):
    measures = list(Mesure.objects.all())
    add_projects(45, measures, list(Commune.objects.all()), prefix="p-")
    response = client.get("/projets/", {"page": 3, "contrat": crte.pk})
    assert response.context["page_obj"].number == 3
    assert len(response.context["page_obj"].object_list) == 5
    assert 'aria-current="page"' in response.content.decode()


def test_project_detail_shows_financing_and_map(client, crte, territory):
    project = ProjectFactory(
        title="Tiers-lieu",
        measures=[measure(crte, "1.1.1")],
        communes=[territory["luzech"]],
        total_cost=Decimal("100000"),
    )
    FinancingLineFactory(project=project, amount=Decimal("30000"), programme="DSIL")
    response = client.get(f"/projets/{project.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "DSIL" in html and "30\u202f000\u00a0€" in html and "70\u202f000\u00a0€" in html
    )
    assert 'data-map-points="projet-point"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "unpkg" not in html
    assert client.get("/projets/inconnu/").status_code == 404


def test_project_detail_lists_related_news(client, crte, site_root):
    from cms.models import NewsIndexPage, NewsPage

    project = ProjectFactory(title="Halle gourmande", measures=[measure(crte, "1.1.1")])
    news_index = site_root.add_child(
        instance=NewsIndexPage(title="Actualités", slug="actus")
    )
    news_index.add_child(
        instance=NewsPage(
            title="Inauguration",
            slug="inauguration",
            summary="La Halle gourmande ouvre.",
        )
    )
    news_index.add_child(
        instance=NewsPage(title="Autre sujet", slug="autre", summary="Rien.")
    )
    html = client.get(f"/projets/{project.slug}/").content.decode()
    assert "Inauguration" in html
    assert "Autre sujet" not in html


def test_zoning_map_has_legend_and_accessible_table(client, crte, territory):
    response = client.get("/carte-des-contrats/")
    html = response.content.decode()
    assert response.status_code == 200
    geojson = response.context["geojson"]
    colours = {
        f["properties"]["title"]: f["properties"]["color"] for f in geojson["features"]
    }
    assert (
        colours["Prayssac"] == colours["Luzech"] != colours["Montcuq-en-Quercy-Blanc"]
    )
    assert "<caption>Contrats couvrant chaque commune du PETR</caption>" in html
    assert "CRTE : 2 communes" in html


def test_programme_page_shows_versions_and_changes(client, site_root):
    cto = make_contract(site_root, kind="CTO", short_name="CTO", tree=(1, 1, 1))
    kept, dropped, added = (
        ProjectFactory(title="Projet gardé"),
        ProjectFactory(title="Projet retiré"),
        ProjectFactory(title="Projet ajouté"),
    )
    po = make_po(cto, 2023)
    version = po.draft_version()
    version.add_project(kept, Decimal("1000"))
    version.add_project(dropped, Decimal("2000"))
    version.adopt()
    avenant = po.draft_version()
    avenant.add_project(added, Decimal("500"))
    avenant.add_project(kept, Decimal("1200"))
    avenant.remove_project(dropped)
    url = po.get_absolute_url()
    # a draft is not public
    assert "Projet ajouté" not in client.get(url).content.decode()
    avenant.adopt()
    html = client.get(url).content.decode()
    assert "Projets ajoutés" in html and "Projet ajouté (500\u00a0€)" in html
    assert "Projets retirés" in html and "Projet retiré (2\u202f000\u00a0€)" in html
    assert "Projet gardé : 1\u202f000\u00a0€ → 1\u202f200\u00a0€" in html
    csv_text = client.get(f"{url}programme.csv").content.decode("utf-8-sig")
    assert "Projet ajouté" in csv_text and "Projet retiré" not in csv_text
    assert client.get(f"/programmes-operationnels/{cto.slug}/2031/").status_code == 404


def count_queries(client, url):
    client.get(url)  # warm what does not depend on data (site root paths…)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_count_does_not_grow_with_projects(client, crte, territory, settings):
    """Every list and detail page: same number of queries at 100 and at 5 000 projects."""
    settings.PAGE_CACHE_ENABLED = False
    cto = make_contract(crte.get_parent().get_parent(), kind="CTO", short_name="CTO")
    measures = list(Mesure.objects.filter(axe__orientation__contract=crte))
    communes = list(Commune.objects.all())
    add_projects(100, measures, communes)
    first = ProjectFactory(measures=measures[:1], communes=communes[:1])
    FinancingLineFactory(project=first)
    version = make_po(cto, 2023).draft_version()
    version.add_project(first, Decimal("1000"))
    version.adopt()
    urls = [
        crte.url,
        cto.url,
        crte.get_parent().url,
        "/projets/",
        "/projets/?financeur=etat&annee=2023&page=2",
        "/projets/?q=projet+essai&page=2",
        "/projets/carte/",
        "/projets/carte/points.geojson?financeur=etat",
        f"/projets/{first.slug}/",
        "/carte-des-contrats/",
        "/programmes-operationnels/cto/2023/",
    ]
    small = {url: count_queries(client, url) for url in urls}
    add_projects(4900, measures, communes)
    assert FinancingLine.objects.count() > 10000
    large = {url: count_queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= 15, large


def test_home_page_shows_contract_key_figures(client, crte):
    project = ProjectFactory(measures=[measure(crte, "1.1.1")])
    FinancingLineFactory(project=project, amount=Decimal("2500"), status="verse")
    FinancingLineFactory(project=project, amount=Decimal("999"), status="sollicite")
    html = client.get("/").content.decode()
    assert "projets portés par les contrats" in html
    assert "2\u202f500\u00a0€" in html
