"""« Quelles aides pour mon projet ? » reads the same number of queries with 12 and
with 240 schemes in the catalogue, answered or not, and the open data likewise."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.aides.factories import AidSchemeFactory, finder_page
from tests.cms.factories import ContactPageFactory
from tests.contrats.factories import CommuneFactory, EpciFactory, make_contract

pytestmark = pytest.mark.django_db

BUDGET = 30  # the whole page: session-less chrome, Wagtail's routing, the finder


def add_schemes(count, communes, measures):
    themes = ["batiments", "energie", "sante", "culture"]
    for n in range(count):
        AidSchemeFactory(
            name=f"Dispositif {n}",
            themes=[themes[n % 4], themes[(n + 1) % 4]],
            measures=measures[: n % 3],
            communes=communes[: n % 2],
            ceiling=100000 if n % 2 else None,
        )


def queries(client, url):
    client.get(url)  # warm what any earlier visitor would have warmed
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_the_finder_and_the_catalogue_read_the_same_at_any_size(
    client, site_root, settings
):
    settings.PAGE_CACHE_ENABLED = False
    page = finder_page(site_root)
    ContactPageFactory(parent=site_root)
    epci = EpciFactory()
    communes = [CommuneFactory(epci=epci) for _ in range(20)]
    contract = make_contract(site_root, kind="CRTE", short_name="CRTE", tree=(1, 1, 3))
    measures = list(contract.orientations.get().axes.get().measures.all())
    query = (
        f"porteur=commune&commune={communes[0].insee_code}&theme=batiments&cout=250000"
    )
    urls = [
        page.url,
        f"{page.url}?{query}",
        f"{page.url}?{query}&plan_choisi=1&plan=1&plan=2",
        f"{page.url}?porteur=commune&cout=-3",
        "/aides-financements/catalogue.csv",
        "/aides-financements/catalogue.json",
    ]
    add_schemes(12, communes, measures)
    small = {url: queries(client, url) for url in urls}
    add_schemes(228, communes, measures)
    large = {url: queries(client, url) for url in urls}
    assert small == large
    assert {url: n for url, n in large.items() if n > BUDGET} == {}
