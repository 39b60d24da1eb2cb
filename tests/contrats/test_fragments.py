"""Fragments cached by content generation stay exact, and the explorer's fast paths.

The contract page's strategy tree and charts and the explorer's options are computed
once per ``cms.cache.generation()``: every way the app changes the data under them must
show at once (page cache off, so only the fragment cache is in play).
"""

from decimal import Decimal

import pytest
from django.db import connection

from cms.cache import generation
from cms.widgets import FastSelect
from contrats.forms import ProjectFilterForm
from contrats.models import Commune, FinancingLine, Mesure, Project
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

postgres_only = pytest.mark.postgresql


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def crte(site_root):
    return make_contract(site_root, kind="CRTE", short_name="CRTE", tree=(2, 2, 2))


def measure(contract, code):
    o, a, m = (int(x) for x in code.split("."))
    return Mesure.objects.get(
        axe__orientation__contract=contract,
        axe__orientation__number=o,
        axe__number=a,
        number=m,
    )


def html(client, url, data=None):
    response = client.get(url, data)
    assert response.status_code == 200
    return response.content.decode()


def test_contract_page_shows_a_new_financing_line_at_once(client, crte):
    project = ProjectFactory(title="Voie verte", measures=[measure(crte, "1.1.1")])
    FinancingLineFactory(project=project, amount=Decimal("1000"))
    assert "1\u202f000\u00a0€" in html(client, crte.url)
    assert "1\u202f000\u00a0€" in html(client, crte.url)  # from the fragment cache
    FinancingLineFactory(project=project, amount=Decimal("234"), funder="europe")
    page = html(client, crte.url)
    assert "1\u202f234\u00a0€" in page
    assert '<th scope="row">Europe</th>' in page


def test_contract_page_follows_measure_links_committed_without_a_save(client, crte):
    project = ProjectFactory(title="Halle gourmande", measures=[measure(crte, "1.1.1")])
    page = html(client, crte.url)
    assert page.count("Halle gourmande") == 1
    # modelcluster writes the link table after the project's own save, or alone:
    project.measures.add(measure(crte, "2.2.2"))
    project.measures.commit()
    assert html(client, crte.url).count("Halle gourmande") == 2


def test_contract_page_follows_renamed_measures_and_bulk_loaded_projects(client, crte):
    first = measure(crte, "1.1.1")
    assert "Aucun financement" in html(client, crte.url)
    first.title = "Mobilités douces"
    first.save()
    assert "1.1.1. Mobilités douces" in html(client, crte.url)
    add_projects(3, [first], list(Commune.objects.all()) or [CommuneFactory()])
    page = html(client, crte.url)
    assert "3 projets" in page and "Projet de banc d’essai" in page


def test_changes_bump_the_generation_again_when_committed(
    crte, django_capture_on_commit_callbacks
):
    project = ProjectFactory(measures=[measure(crte, "1.1.1")])
    with django_capture_on_commit_callbacks() as callbacks:
        FinancingLineFactory(project=project)
    before = generation()
    for callback in callbacks:
        callback()
    assert generation() > before


def test_po_adoption_shows_on_the_cto_page(client, site_root):
    cto = make_contract(site_root, kind="CTO", short_name="CTO", tree=(1, 1, 1))
    project = ProjectFactory(measures=[measure(cto, "1.1.1")])
    version = make_po(cto, 2024).draft_version()
    version.add_project(project, Decimal("500"))
    assert "Programme Opérationnel 2024" not in html(client, cto.url)
    version.adopt()
    assert "Programme Opérationnel 2024" in html(client, cto.url)


def test_explorer_options_follow_the_territory_and_the_strategy(client, crte):
    epci = EpciFactory(name="CC du Causse")
    html(client, "/projets/")
    CommuneFactory(name="Lalbenque", epci=epci)
    page = html(client, "/projets/")
    assert ">Lalbenque</option>" in page and ">CC du Causse</option>" in page
    renamed = measure(crte, "2.1.1")
    renamed.title = "Habitat & patrimoine"
    renamed.save()
    page = html(client, "/projets/")
    assert (
        f'<option value="{renamed.pk}">CRTE 2.1.1. Habitat &amp; patrimoine</option>'
        in page
    )
    crte.short_name = "CRTE 2"
    crte.save_revision().publish()
    assert f'<option value="{crte.pk}">CRTE 2</option>' in html(client, "/projets/")


def test_explorer_list_labels_measures_and_communes(client, crte):
    prayssac = CommuneFactory(name="Prayssac")
    luzech = CommuneFactory(name="Luzech")
    project = ProjectFactory(
        title="Voie verte",
        measures=[measure(crte, "2.1.1"), measure(crte, "1.2.2")],
        communes=[prayssac, luzech],
    )
    FinancingLineFactory(project=project, amount=Decimal("1500"))
    FinancingLineFactory(project=project, amount=Decimal("500"))
    ProjectFactory(title="Sans financement")
    page = html(client, "/projets/")
    assert f'<a href="/projets/{project.slug}/">Voie verte</a>' in page
    assert "Luzech, Prayssac" in page
    assert "Mesures : CRTE 1.2.2, CRTE 2.1.1" in page
    assert "financements : 2\u202f000\u00a0€" in page
    assert "financements : —" in page


def test_filter_selects_keep_the_choice_and_escape_labels():
    widget = FastSelect(choices=[("", "Toutes"), (3, "A < B"), (12, "C")])
    output = widget.render("mesure", "12", attrs={"id": "id_mesure"})
    assert output.startswith('<select name="mesure" id="id_mesure">')
    assert '<option value="3">A &lt; B</option>' in output
    assert '<option value="12" selected>C</option>' in output
    assert output.count(" selected") == 1


def test_filter_form_rejects_unknown_ids(crte):
    form = ProjectFilterForm({"mesure": "999999", "contrat": str(crte.pk)})
    assert not form.is_valid()
    assert "mesure" in form.errors and "contrat" not in form.errors


def test_map_points_are_served_as_filtered_geojson(client, crte):
    located = ProjectFactory(title="Voie verte", measures=[measure(crte, "1.1.1")])
    ProjectFactory(title="Ailleurs")
    unlocated = ProjectFactory(title="Sans lieu", measures=[measure(crte, "1.1.1")])
    unlocated.location = ""
    unlocated.save()
    page = html(client, "/projets/carte/", {"contrat": crte.pk})
    assert "1 projet situé sur la carte" in page
    assert "1 autre projet n’a pas encore de localisation" in page
    response = client.get("/projets/carte/points.geojson", {"contrat": crte.pk})
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert data["features"] == [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [located.longitude, located.latitude],
            },
            "properties": {"title": "Voie verte", "url": f"/projets/{located.slug}/"},
        }
    ]


def titles(client, **query):
    response = client.get("/projets/", query)
    assert response.status_code == 200
    return [p.title for p in response.context["page_obj"].object_list]


def test_keywords_combine_with_filters_and_pagination(client, crte):
    for n in range(25):
        project = ProjectFactory(
            title=f"Rénovation de l’école {n:02d}",
            measures=[measure(crte, "1.1.1")],
        )
        FinancingLineFactory(project=project, funder="etat" if n % 2 else "europe")
    ProjectFactory(title="Halle de producteurs", measures=[measure(crte, "1.1.1")])
    assert len(titles(client, q="école")) == 20
    assert len(titles(client, q="école", page=2)) == 5
    found = titles(client, q="école", financeur="etat")
    assert len(found) == 12 and all("école" in t for t in found)
    assert titles(client, q="halle producteurs") == ["Halle de producteurs"]
    assert titles(client, q="piscine") == []


@postgres_only
def test_keywords_are_french_full_text_best_match_first(client, crte):
    ProjectFactory(title="Maison de santé pluridisciplinaire")
    ProjectFactory(
        title="Halle de producteurs", summary="Circuits courts et écoles du canton."
    )
    ProjectFactory(title="Rénovation des écoles", summary="Deux écoles rénovées.")
    ProjectFactory(title="Piscine", holder_name="Syndicat scolaire des écoles")
    # stemming: a plural finds the singular and the other way round
    assert titles(client, q="santés") == ["Maison de santé pluridisciplinaire"]
    assert titles(client, q="école") == [
        "Rénovation des écoles",  # title first
        "Halle de producteurs",  # then summary
        "Piscine",  # then holder
    ]
    assert titles(client, q='"circuits courts"') == ["Halle de producteurs"]
    assert titles(client, q="école -piscine")[-1] != "Piscine"


@postgres_only
def test_keyword_filter_reads_the_full_text_index(crte):
    queryset = Project.objects.matching("école").order_by()
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "contrats_project_search_document" in plan, plan


@postgres_only
def test_bulk_inserted_and_updated_projects_are_found_by_keywords(client, crte):
    add_projects(3, [measure(crte, "1.1.1")], [CommuneFactory(name="Gramat")])
    assert len(titles(client, q="Gramat")) == 3
    Project.objects.filter(title__contains="00001").update(title="Belvédère")
    assert titles(client, q="belvédères") == ["Belvédère"]


def test_financing_sums_count_each_line_once(client, crte):
    project = ProjectFactory(measures=[measure(crte, "1.1.1"), measure(crte, "1.1.2")])
    FinancingLineFactory(project=project, amount=Decimal("300"))
    assert FinancingLine.objects.count() == 1
    assert "financements : 300\u00a0€" in html(client, "/projets/")
