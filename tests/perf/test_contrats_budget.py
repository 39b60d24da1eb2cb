"""The contracts' benched pages: their own queries, at 60 and at 1 500 projects.

Only queries on the contracts' tables are counted here (the site chrome and Wagtail's
routing have their own budgets): the explorer reads its page of projects and their
labels in five queries whatever the filters, the contract page renders its strategy
and charts from the fragment cache: only Wagtail's load of the page itself remains.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contrats.models import Commune, Mesure, Project
from tests.bench.seed_contrats import add_projects
from tests.contrats.factories import CommuneFactory, EpciFactory, make_contract

pytestmark = pytest.mark.django_db

CONTRATS_TABLE = re.compile(r'"contrats_')
BUDGETS = {
    "/projets/": 5,
    "/projets/?financeur=etat&annee=2023": 5,
    "/projets/?page=40": 5,
    "/projets/?q=essai+banc&contrat={crte}&page=2": 5,
    "/projets/carte/?financeur=etat": 1,
    "/projets/carte/points.geojson?financeur=etat": 1,
    "{crte_url}": 1,  # the page itself, loaded by Wagtail's routing
}


def contrats_queries(client, url):
    client.get(url)  # fills the fragment cache, as any earlier visitor would
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in queries if CONTRATS_TABLE.search(q["sql"])]


def test_explorer_and_contract_page_read_little_and_the_same_at_any_size(
    client, site_root, settings
):
    settings.PAGE_CACHE_ENABLED = False
    crte = make_contract(site_root, kind="CRTE", short_name="CRTE", tree=(3, 3, 3))
    epci = EpciFactory()
    communes = [CommuneFactory(epci=epci) for _ in range(30)]
    measures = list(Mesure.objects.filter(axe__orientation__contract=crte))
    add_projects(60, measures, communes)
    urls = {
        url.format(crte=crte.pk, crte_url=crte.url): budget
        for url, budget in BUDGETS.items()
    }
    small = {url: len(contrats_queries(client, url)) for url in urls}
    add_projects(1440, measures, list(Commune.objects.all()))
    assert Project.objects.count() == 1500
    large = {url: len(contrats_queries(client, url)) for url in urls}
    assert small == large
    assert {url: count for url, count in large.items() if count > urls[url]} == {}
