"""« Ma commune » : the communes index (search, map, list by EPCI) and a commune's page."""

import datetime
import re
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contrats.models import Commune, Mesure
from participation.models import Answer, Proposal
from participation.models.choices import AnswerStatus, Status
from tests.bench.seed_contrats import add_projects
from tests.browser import assert_accessible
from tests.participation.factories import ProposalFactory, UserFactory, consultation

from .factories import (
    CommuneFactory,
    EpciFactory,
    FinancingLineFactory,
    ProjectFactory,
    contracts_site,
    make_contract,
    make_note,
    make_po,
    petr_communes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory():
    grand_cahors = EpciFactory(name="CA du Grand Cahors", nature="CA")
    causses = EpciFactory(name="CC Causses et Vallée de la Dordogne")
    outside = EpciFactory(name="CC hors PETR", is_petr_member=False)
    return {
        "cahors": CommuneFactory(
            insee_code="46042",
            name="Cahors",
            epci=grand_cahors,
            population=19_405,
            latitude=44.4482,
            longitude=1.4416,
        ),
        "arcambal": CommuneFactory(
            insee_code="46007", name="Arcambal", epci=grand_cahors, population=1_050
        ),
        "cere": CommuneFactory(
            insee_code="46251",
            name="Saint-Céré",
            epci=causses,
            population=3_500,
            latitude=44.86,
            longitude=1.89,
        ),
        "figeac": CommuneFactory(
            insee_code="46102", name="Figeac", epci=outside, population=9_800
        ),
    }


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    """The visible words, tags removed and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def measure_of(contract):
    return Mesure.objects.filter(axe__orientation__contract=contract).first()


def test_commune_page_shows_every_section_from_real_data(client, site_root, territory):
    cahors = territory["cahors"]
    crte = make_contract(site_root, kind="CRTE", short_name="CRTE", tree=(1, 1, 1))
    crte.zoning.set([cahors, territory["arcambal"]])
    crte.save()
    cto = make_contract(site_root, kind="CTO", short_name="CTO", tree=(1, 1, 1))
    cto.zoning.set([territory["cere"]])  # does not cover Cahors
    cto.save()
    pool = ProjectFactory(
        title="Piscine de Cahors",
        communes=[cahors],
        measures=[measure_of(crte)],
        total_cost=Decimal("900000"),
        status="realise",
    )
    FinancingLineFactory(project=pool, funder="etat", amount=Decimal("200000"))
    FinancingLineFactory(
        project=pool, funder="departement", programme="FAST", amount=Decimal("50000")
    )
    shared = ProjectFactory(
        title="Voie verte du Lot",
        communes=[cahors, territory["arcambal"]],
        total_cost=Decimal("100000"),
    )
    FinancingLineFactory(project=shared, funder="etat", amount=Decimal("30000"))
    ProjectFactory(title="Halle de Saint-Céré", communes=[territory["cere"]])
    version = make_po(cto, 2024).draft_version()
    version.add_project(pool, Decimal("75000"))
    version.adopt()

    mobility = consultation(site_root, title="Mobilités rurales")
    mobility.communes.set([cahors])
    mobility.save_revision().publish()
    elsewhere = consultation(site_root, title="Consultation de Saint-Céré")
    elsewhere.communes.set([territory["cere"]])
    elsewhere.save_revision().publish()
    answered = ProposalFactory(
        consultation=mobility,
        commune=cahors,
        title="Une navette vers la gare",
        support_count=4,
        author=UserFactory(display_name="Amandine"),
    )
    Answer.objects.create(
        proposal=answered, status=AnswerStatus.ACCEPTED, explanation="Oui."
    )
    ProposalFactory(consultation=mobility, commune=cahors, title="Plus de bancs")
    ProposalFactory(
        consultation=mobility,
        commune=cahors,
        title="Proposition en attente",
        status=Status.PENDING,
    )
    ProposalFactory(
        consultation=mobility,
        commune=cahors,
        title="Proposition masquée",
        status=Status.HIDDEN,
    )
    ProposalFactory(consultation=elsewhere, commune=territory["cere"], title="Ailleurs")

    html = html_of(client.get("/communes/46042/"))
    # identity
    assert "<h1>Cahors</h1>" in html
    assert "46042" in html and "CA du Grand Cahors" in html
    assert "19\u202f405" in html or "19\xa0405" in html or "19 405" in html
    # contracts covering it, not the others
    assert crte.title in html and f'href="{crte.url}"' in html
    assert "Contrat de relance et de transition écologique" in html
    assert cto.title not in html.split('id="programmes"')[0]
    # projects, financing and totals per funder
    assert "Piscine de Cahors" in html and "Voie verte du Lot" in html
    assert "Halle de Saint-Céré" not in html
    assert f'href="/projets/{pool.slug}/"' in html
    assert "900\u202f000\u00a0€" in html  # cost of the pool
    assert "250\u202f000\u00a0€" in html  # its financing, summed
    assert "1\u202f000\u202f000\u00a0€" in html  # total cost of the commune's projects
    assert "230\u202f000\u00a0€" in html  # État, both projects
    assert "Département du Lot" in html and "280\u202f000\u00a0€" in html
    assert (
        f'data-map-geojson-url="/projets/carte/points.geojson?commune={cahors.pk}"'
        in html
    )
    assert 'data-map-geojson="commune-contour"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    # PO entries coming from it
    assert "/programmes-operationnels/cto/2024/" in html
    assert "75\u202f000\u00a0€" in html
    # consultations concerning it, and what its residents said
    assert "Mobilités rurales" in html and mobility.url in html
    assert "Consultation de Saint-Céré" not in html
    assert "Ouverte" in html
    assert "Une navette vers la gare" in html and "Plus de bancs" in html
    assert f'href="/participation/propositions/{answered.pk}/"' in html
    assert "Amandine" in html and "Retenue" in html
    text = text_of(html)
    assert "2 propositions publiées" in text and "1 consultation" in text
    assert "4 soutiens" in text and "1 réponse officielle (dont 1 retenue)" in text
    assert "1 proposition sur la commune" not in text  # two published here
    assert "2 propositions sur la commune" in text
    assert "en attente" not in html and "masquée" not in html
    assert "Ailleurs" not in html


def test_commune_page_follows_its_proposals_into_projects_and_their_news(
    client, site_root, territory
):
    cahors = territory["cahors"]
    page = consultation(site_root)
    page.communes.set([cahors])
    page.save_revision().publish()
    proposal = ProposalFactory(consultation=page, commune=cahors, title="Une halle")
    project = ProjectFactory(title="Halle couverte", status="preparation")
    project.communes.set([cahors])
    project.save()
    proposal.link_project(project)
    make_note(project, title="Permis accordé", text="Les travaux commencent en mai.")
    project.status = "engage"
    project.save()
    Proposal.deposit_at_mairie(
        consultation=page,
        mairie=cahors,
        by=UserFactory(),
        resident_name="Jeanne D.",
        channel="paper",
        consented=True,
        title="Un banc à l’ombre",
        body="Près de l’école.",
    )
    text = text_of(html_of(client.get("/communes/46042/")))
    assert "Nouvelles des projets" in text
    assert "Halle couverte : Permis accordé — Les travaux commencent en mai." in text
    assert "Halle couverte : nouvel état « Engagé »" in text
    assert "Une halle" in text and "devenue le projet Halle couverte" in text
    assert "par Jeanne D. (déposée en mairie de Cahors)" in text


def test_commune_page_has_french_empty_states(client, territory):
    html = html_of(client.get("/communes/46007/"))
    assert "Aucun contrat publié ne couvre encore cette commune." in html
    assert "Aucun projet des contrats ne concerne encore cette commune." in html
    assert "Aucun projet de la commune ne figure dans un Programme Opérationnel" in html
    assert "Aucune consultation ne concerne spécifiquement cette commune" in html
    assert "Aucune proposition publiée ne porte encore sur cette commune." in html


def test_consultations_of_the_whole_territory_are_on_every_commune_page(
    client, site_root, territory
):
    from wagtail.models import PageViewRestriction

    cahors, cere = territory["cahors"], territory["cere"]
    everywhere = consultation(site_root, title="Mobilités de tout le PETR")
    ProposalFactory(consultation=everywhere, commune=cahors, title="Navette Cahors")
    ProposalFactory(consultation=everywhere, commune=cahors, status=Status.HIDDEN)
    consultation(site_root, title="Brouillon du territoire", live=False)
    private = consultation(site_root, title="Réservée du territoire")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    elsewhere = consultation(site_root, title="Seulement Saint-Céré")
    elsewhere.communes.set([cere])
    elsewhere.save_revision().publish()
    for insee in ("46042", "46007"):
        html = html_of(client.get(f"/communes/{insee}/"))
        specific, territory_wide = html.split('id="consultations-territoire"')
        specific = specific.split('id="consultations"')[1]
        assert "Aucune consultation ne concerne spécifiquement" in specific
        territory_wide = territory_wide.split('id="habitants"')[0]
        assert "Sur tout le territoire" in territory_wide
        assert "Mobilités de tout le PETR" in territory_wide
        assert f'href="{everywhere.url}"' in territory_wide
        assert "Brouillon du territoire" not in html
        assert "Réservée du territoire" not in html
        assert "Seulement Saint-Céré" not in html
    cahors_text = text_of(html_of(client.get("/communes/46042/")))
    assert "Mobilités de tout le PETR · Ouverte · 1 proposition sur la commune" in (
        cahors_text
    )
    assert "Seulement Saint-Céré" in html_of(client.get("/communes/46251/"))


def test_the_territory_list_stays_short(client, site_root, territory):
    index = None
    for n in range(7):
        page = consultation(
            site_root,
            title=f"Territoire {n}",
            opens_at=timezone.now() - datetime.timedelta(days=20 - n),
        )
        index = page.get_parent()
    html = html_of(client.get("/communes/46042/"))
    section = html.split('id="consultations-territoire"')[1]
    assert [f"Territoire {n}" in section for n in range(7)] == [False] * 2 + [True] * 5
    assert f'<a href="{index.url}">Toutes les consultations</a>' in section


def test_unknown_or_outside_communes_are_not_found(client, territory):
    assert client.get("/communes/99999/").status_code == 404
    assert client.get("/communes/46102/").status_code == 404  # Figeac: not in the PETR
    assert client.get("/communes/cahors/").status_code == 404
    assert client.post("/communes/46042/").status_code == 405


def test_draft_and_restricted_pages_stay_off_the_commune_page(
    client, site_root, territory
):
    from wagtail.models import PageViewRestriction

    cahors = territory["cahors"]
    draft = consultation(site_root, title="Consultation brouillon", live=False)
    draft.communes.set([cahors])
    draft.save()
    ProposalFactory(consultation=draft, commune=cahors, title="Dans un brouillon")
    restricted = make_contract(site_root, short_name="CLS", kind="CLS", tree=(1, 1, 1))
    restricted.zoning.set([cahors])
    restricted.save()
    assert restricted.title in html_of(client.get("/communes/46042/"))
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.LOGIN
    )
    html = html_of(client.get("/communes/46042/"))
    assert "Consultation brouillon" not in html and "Dans un brouillon" not in html
    assert restricted.title not in html


def test_index_lists_petr_communes_by_epci_with_a_map(client, territory):
    html = html_of(client.get("/communes/"))
    assert (
        "CA du Grand Cahors" in html and "CC Causses et Vallée de la Dordogne" in html
    )
    assert 'href="/communes/46042/"' in html and 'href="/communes/46251/"' in html
    assert "Figeac" not in html and "CC hors PETR" not in html
    assert 'data-map-points="communes-points"' in html
    assert '"url": "/communes/46042/"' in html
    assert '<label for="recherche-commune">' in html
    assert html.index("Arcambal") < html.index("Cahors</a>")


@pytest.mark.parametrize("query", ["Cahors", "cahors", " CAHORS ", "46042"])
def test_search_of_a_single_exact_match_leads_to_the_commune(client, territory, query):
    response = client.get("/communes/", {"q": query})
    assert response.status_code == 302
    assert response["Location"] == "/communes/46042/"


def test_search_ignores_accents_hyphens_and_lists_partial_matches(client, territory):
    response = client.get("/communes/", {"q": "saint cere"})
    assert response["Location"] == "/communes/46251/"
    html = html_of(client.get("/communes/", {"q": "Céré"}))
    assert "Saint-Céré" in html and "Arcambal" not in html
    assert "1 commune trouvée pour « Céré »" in html
    html = html_of(client.get("/communes/", {"q": "ca"}))
    assert "Cahors" in html and "Arcambal" in html and "Saint-Céré" not in html
    html = html_of(client.get("/communes/", {"q": "46"}))
    assert "3 communes trouvées" in html
    html = html_of(client.get("/communes/", {"q": "Figeac"}))
    assert "Aucune commune du PETR ne correspond à cette recherche." in html
    html = html_of(client.get("/communes/", {"q": "<script>x</script>"}))
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_commune_projects_are_paginated(client, territory):
    cahors = territory["cahors"]
    for n in range(45):
        ProjectFactory(title=f"Projet {n:02d}", communes=[cahors])
    response = client.get("/communes/46042/", {"page": 3})
    html = html_of(response)
    page = response.context["projects"]
    assert page.number == 3 and len(page.object_list) == 5
    assert "Projet 40" in html and "Projet 00" not in html
    assert 'aria-current="page"' in html and "?page=2" in html
    assert "45 projets concernent la commune" in html
    assert client.get("/communes/46042/", {"page": 99}).context["projects"].number == 3


def test_user_text_is_escaped(client, site_root, territory):
    cahors = territory["cahors"]
    page = consultation(site_root, title="Consultation <b>grasse</b>")
    page.communes.set([cahors])
    page.save_revision().publish()
    ProposalFactory(
        consultation=page, commune=cahors, title="<script>alert('x')</script>"
    )
    ProjectFactory(title="Projet <img src=x onerror=alert(1)>", communes=[cahors])
    html = html_of(client.get("/communes/46042/"))
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<b>grasse</b>" not in html


def test_commune_page_follows_changes(client, site_root, territory, settings):
    """Cached parts and cached pages are kept by content generation: a change shows at once."""
    settings.PAGE_CACHE_ENABLED = True
    cahors = territory["cahors"]
    assert "Nouvelle médiathèque" not in html_of(client.get("/communes/46042/"))
    project = ProjectFactory(title="Nouvelle médiathèque", communes=[cahors])
    FinancingLineFactory(project=project, funder="europe", amount=Decimal("12345"))
    html = html_of(client.get("/communes/46042/"))
    assert "Nouvelle médiathèque" in html and "12\u202f345\u00a0€" in html
    crte = make_contract(site_root, kind="CRTE", short_name="CRTE", tree=(1, 1, 1))
    crte.zoning.set([cahors])
    crte.save()
    assert crte.title in html_of(client.get("/communes/46042/"))


def test_page_is_kept_no_longer_than_a_consultations_next_phase(
    client, site_root, territory, settings
):
    settings.PAGE_CACHE_ENABLED = True
    page = consultation(
        site_root,
        state="open",
        closes_at=(closes_at := timezone.now() + datetime.timedelta(seconds=4)),
    )
    page.communes.set([territory["cahors"]])
    page.save_revision().publish()
    response = client.get("/communes/46042/")
    assert response.status_code == 200
    s_maxage = response["Cache-Control"].split("s-maxage=")[1].split(",")[0]
    assert 0 < int(s_maxage) <= 4
    assert "stale-while-revalidate" not in response["Cache-Control"]
    assert client.get("/communes/46042/")["X-Page-Cache"] == "hit"
    time.sleep(max(0, (closes_at - timezone.now()).total_seconds()) + 0.1)
    assert client.get("/communes/46042/")["X-Page-Cache"] == "miss"


def test_project_page_links_its_communes(client, territory):
    project = ProjectFactory(communes=[territory["cahors"], territory["figeac"]])
    html = html_of(client.get(f"/projets/{project.slug}/"))
    assert 'href="/communes/46042/">Cahors</a>' in html
    assert 'href="/communes/46102/"' not in html and "Figeac" in html


def count_queries(client, url):
    client.get(url)  # fills the caches, as any earlier visitor would
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_count_is_small_and_the_same_at_two_sizes(
    client, site_root, territory, settings
):
    settings.PAGE_CACHE_ENABLED = False
    cahors = territory["cahors"]
    crte = make_contract(site_root, kind="CRTE", short_name="CRTE", tree=(1, 2, 2))
    crte.zoning.set([cahors])
    crte.save()
    cto = make_contract(site_root, kind="CTO", short_name="CTO", tree=(1, 1, 1))
    measures = list(Mesure.objects.filter(axe__orientation__contract=crte))
    page = consultation(site_root)
    page.communes.set([cahors])
    page.save_revision().publish()
    version = make_po(cto, 2023).draft_version()

    def grow(projects, proposals):
        for _ in range(proposals // 20 + 1):  # consultations of the whole territory
            everywhere = consultation(site_root)
            ProposalFactory(consultation=everywhere, commune=cahors)
        add_projects(projects, measures, [cahors], prefix=f"c{projects}-")
        for project in cahors.projects.order_by("-pk")[:3]:
            version.add_project(project, Decimal("1000"))
        ProposalFactory.create_batch(
            proposals, consultation=page, commune=cahors, support_count=1
        )
        for proposal in Proposal.objects.filter(answer__isnull=True)[:2]:
            Answer.objects.create(proposal=proposal, status="accepted", explanation=".")
        # proposals deposited at the mairie and proposals become projects, newest
        for resident in range(3):
            Proposal.deposit_at_mairie(
                consultation=page,
                mairie=cahors,
                by=UserFactory(),
                resident_name=f"Habitante {resident}",
                channel="paper",
                consented=True,
                title="Déposée en mairie",
                body="Sur papier.",
            )
        for project, proposal in zip(
            cahors.projects.order_by("-pk")[:3],
            Proposal.objects.order_by("-pk")[:3],
            strict=True,
        ):
            proposal.link_project(project)
            make_note(project, title="Le chantier avance")
            project.status = "realise"
            project.save()

    urls = [
        "/communes/",
        "/communes/?q=ca",
        "/communes/46042/",
        "/communes/46042/?page=2",
    ]
    grow(25, 5)
    small = {url: count_queries(client, url) for url in urls}
    grow(200, 200)
    assert Commune.objects.get(pk=cahors.pk).projects.count() == 225
    large = {url: count_queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= 15, large


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_commune_pages_are_accessible_and_reached_by_keyboard(browser_page, site_root):
    contracts_site(site_root, petr_communes(20))
    cahors = Commune.objects.get(insee_code="46042")
    ProjectFactory(title="Pôle d’échanges de la gare", communes=[cahors])
    consultation(site_root, title="Mobilités de tout le PETR")
    here = consultation(site_root, "closed", title="Halle de Cahors")
    here.communes.set([cahors])
    here.save_revision().publish()
    page = browser_page
    page.goto("/communes/")
    page.locator("#carte-communes .map-pin").first.wait_for()
    assert page.locator("#carte-communes .map-pin").count() == (
        Commune.objects.in_petr().filter(latitude__isnull=False).count()
    )
    assert_accessible(page)
    for _press in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "recherche-commune":
            break
    else:
        pytest.fail("the commune search box is not reachable with the keyboard")
    page.keyboard.type("cahors")
    page.keyboard.press("Enter")
    page.wait_for_url("**/communes/46042/")
    page.locator("#carte-commune path.leaflet-interactive").first.wait_for()
    page.locator("#carte-commune .map-pin").first.wait_for()
    assert page.locator("h1").inner_text() == "Cahors"
    assert page.locator("#consultations-territoire").is_visible()
    assert page.get_by_role("link", name="Mobilités de tout le PETR").is_visible()
    assert_accessible(page)
    page.goto("/communes/?q=saint")
    assert_accessible(page)
