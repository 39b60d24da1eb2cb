"""``/api/v1/aid-schemes/``: the published catalogue, filtered, in constant queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aides.models import Carrier, Funder
from tests.aides.factories import AidSchemeFactory
from tests.contrats.factories import CommuneFactory, make_contract

pytestmark = pytest.mark.django_db

URL = "/api/v1/aid-schemes/"


@pytest.fixture
def catalogue(site_root):
    cahors = CommuneFactory(insee_code="46042", name="Cahors")
    gourdon = CommuneFactory(insee_code="46127", name="Gourdon")
    contract = make_contract(site_root, kind="CRTE", short_name="CRTE", tree=(1, 1, 2))
    measures = list(contract.orientations.get().axes.get().measures.all())
    return {
        "detr": AidSchemeFactory(
            name="DETR", themes=["batiments"], measures=measures, ceiling=150000
        ),
        "bourg": AidSchemeFactory(
            name="Bourg-Centre",
            funder=Funder.REGION,
            communes=[gourdon],
            closes_on=None,
            is_rolling=True,
        ),
        "cls": AidSchemeFactory(
            name="CLS", funder=Funder.ARS, applicants=[Carrier.ASSOCIATION]
        ),
        "closed": AidSchemeFactory(
            name="Clos", closes_on=timezone.localdate() - datetime.timedelta(days=1)
        ),
        "draft": AidSchemeFactory(name="Brouillon", is_published=False),
        "cahors": cahors,
    }


def names(response):
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["results"]]


def test_the_list_gives_published_schemes_with_their_terms(client, catalogue):
    response = client.get(URL)
    assert names(response) == ["Bourg-Centre", "CLS", "Clos", "DETR"]
    detr = next(i for i in response.json()["results"] if i["name"] == "DETR")
    assert detr["funder"] == "etat" and detr["funder_label"] == "État"
    assert detr["public_funder"] is True
    assert detr["applicants"] == ["commune", "epci"]
    assert detr["themes"] == ["batiments"]
    assert detr["max_rate"] == 40.0 and detr["ceiling"] == 150000.0
    assert [m["code"] for m in detr["measures"]] == ["1.1.1", "1.1.2"]
    assert detr["measures"][0]["contract"] == "CRTE"
    assert detr["contact_email"] == "dotations@lot.gouv.test"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("applicant=association", ["CLS"]),
        ("theme=batiments&applicant=commune", ["Bourg-Centre", "Clos", "DETR"]),
        ("funder=region", ["Bourg-Centre"]),
        ("commune=46042&applicant=commune", ["Clos", "DETR"]),
        ("open=true", ["Bourg-Centre", "CLS", "DETR"]),
        ("open=false", ["Clos"]),
    ],
)
def test_filters(client, catalogue, query, expected):
    assert names(client.get(f"{URL}?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("applicant=entreprise", "applicant"),
        ("theme=x", "theme"),
        ("commune=abc", "commune"),
    ],
)
def test_a_bad_filter_is_a_400_that_names_it(client, catalogue, query, name):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert name in response.json()


def test_the_detail_and_a_draft_that_is_not_there(client, catalogue):
    detr = catalogue["detr"]
    assert client.get(f"{URL}{detr.pk}/").json()["name"] == "DETR"
    assert client.get(f"{URL}{catalogue['draft'].pk}/").status_code == 404


def count_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200 and response.json()["count"] > 0
    return len(context.captured_queries)


@override_settings(PAGE_CACHE_ENABLED=False)
def test_same_queries_with_few_and_many_schemes(client, catalogue):
    urls = [URL, f"{URL}?commune=46042&theme=batiments&open=true"]
    small = [count_queries(client, url) for url in urls]
    measures = list(catalogue["detr"].measures.all())
    for n in range(40):
        AidSchemeFactory(
            name=f"Dispositif {n}",
            themes=["batiments"],
            measures=measures,
            communes=[catalogue["cahors"]],
        )
    assert [count_queries(client, url) for url in urls] == small
    assert max(small) <= 8, small
