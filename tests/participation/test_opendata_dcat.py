"""Open data of the closed consultations: anonymised CSV and JSON, DCAT-AP in JSON-LD.

The JSON-LD is read as RDF (rdflib) and checked as triples against the DCAT-AP
mandatory and recommended properties; every distribution is then downloaded through the
test client and parsed.
"""

import csv
import datetime
import io
import json
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from wagtail.models import PageViewRestriction

from cms.opendata import DCAT_LICENCE
from participation.models import Answer, Comment, ConsultationPage
from participation.models.contributions import Status
from tests.contrats.factories import CommuneFactory

from . import factories

pytestmark = pytest.mark.django_db

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
CATALOGUE = "/donnees/catalogue.jsonld"


@pytest.fixture
def resident(db):
    return factories.UserFactory(
        email="josiane.vidal@example.test",
        display_name="Josiane du Causse",
        first_name="Josiane",
        last_name="Vidalou",
    )


@pytest.fixture
def data(site_root, resident):
    """Closed, results, open, upcoming, restricted and draft consultations."""
    cahors = CommuneFactory(insee_code="46042", name="Cahors")
    closed = factories.consultation(
        site_root,
        "closed",
        categories=["Commerces", "Marchés"],
        title="Commerces de centre-bourg",
        theme="Économie",
    )
    closed.communes.set([cahors])
    closed.save_revision().publish()
    closed = ConsultationPage.objects.get(pk=closed.pk)
    answered = factories.ProposalFactory(
        consultation=closed, author=resident, title="Un marché le soir", commune=cahors
    )
    Answer.objects.create(proposal=answered, status="accepted", explanation="Oui.")
    waiting = factories.ProposalFactory(
        consultation=closed, author=resident, title='=HYPERLINK("x")'
    )
    hidden = factories.ProposalFactory(
        consultation=closed, title="Proposition masquée", status=Status.HIDDEN
    )
    factories.ProposalFactory(
        consultation=closed, title="Proposition en attente", status=Status.PENDING
    )

    def comment(body, **fields):
        return factories.CommentFactory(
            consultation=closed, author=resident, body=body, **fields
        )

    on_page = comment("Sur la consultation")
    on_proposal = comment("Sur le marché", proposal=answered)
    reply = comment(
        "Une réponse", proposal=answered, parent=on_proposal, stance="question"
    )
    comment("Commentaire masqué", proposal=answered, status=Status.HIDDEN)
    comment("Commentaire supprimé", deleted_at=timezone.now())
    comment("Sur une proposition masquée", proposal=hidden)
    comment("Commentaire en attente", status=Status.PENDING)

    results = factories.consultation(site_root, "results", title="Santé de proximité")
    factories.ProposalFactory(consultation=results, author=resident)
    open_ = factories.consultation(site_root, "open", title="Mobilités rurales")
    factories.ProposalFactory(consultation=open_, author=resident)
    upcoming = factories.consultation(site_root, "upcoming", title="Eau à venir")
    restricted = factories.consultation(site_root, "closed", title="Réservée aux élus")
    factories.ProposalFactory(consultation=restricted, title="Proposition réservée")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.LOGIN
    )
    draft = factories.consultation(
        site_root, "closed", title="Brouillon clos", live=False
    )
    return {
        "closed": closed,
        "results": results,
        "open": open_,
        "upcoming": upcoming,
        "restricted": restricted,
        "draft": draft,
        "comments": {"on_page": on_page, "on_proposal": on_proposal, "reply": reply},
        "proposals": {"answered": answered, "waiting": waiting},
    }


def jsonld(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/ld+json")
    assert 'rel="license"' in response["Link"]
    graph = Graph()
    graph.parse(data=response.content.decode(), format="json-ld")
    return graph, response.content.decode()


def one(graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def path_of(url):
    parts = urlsplit(str(url))
    assert parts.netloc == "testserver"
    return parts.path


def datasets_by_identifier(graph):
    return {
        str(one(graph, dataset, DCT.identifier)): dataset
        for dataset in graph.subjects(RDF.type, DCAT.Dataset)
    }


def test_the_catalogue_lists_only_closed_public_consultations(client, data):
    graph, _ = jsonld(client, CATALOGUE)
    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert catalogs == [URIRef("http://testserver/donnees/catalogue.jsonld")]
    found = datasets_by_identifier(graph)
    expected = {
        f"grand-quercy-consultation-{data[name].pk}" for name in ("closed", "results")
    }
    assert set(found) == expected
    assert set(graph.objects(catalogs[0], DCAT.dataset)) == set(found.values())


def test_catalogue_has_the_dcat_ap_mandatory_and_recommended_properties(client, data):
    graph, _ = jsonld(client, CATALOGUE)
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert "consultations citoyennes" in str(one(graph, catalog, DCT.title))
    assert str(one(graph, catalog, DCT.description))
    publisher = one(graph, catalog, DCT.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert one(graph, publisher, FOAF.name) == Literal("PETR Grand Quercy")
    assert one(graph, catalog, FOAF.homepage) == URIRef("http://testserver/")
    assert one(graph, catalog, DCT.license) == URIRef(DCAT_LICENCE)
    assert one(graph, catalog, DCT.language) == URIRef(
        "http://publications.europa.eu/resource/authority/language/FRA"
    )
    assert one(graph, catalog, DCT.modified).datatype is not None


def test_each_dataset_describes_the_consultation(client, data):
    graph, _ = jsonld(client, CATALOGUE)
    closed = data["closed"]
    dataset = datasets_by_identifier(graph)[f"grand-quercy-consultation-{closed.pk}"]
    assert dataset == URIRef(
        f"http://testserver/participation/consultations/{closed.pk}/dcat.jsonld"
    )
    assert "Commerces de centre-bourg" in str(one(graph, dataset, DCT.title))
    description = str(one(graph, dataset, DCT.description))
    assert closed.summary in description and "sans aucune donnée personnelle" in (
        description
    )
    issued = one(graph, dataset, DCT.issued).toPython()
    assert issued == closed.closes_at.replace(microsecond=0)
    assert one(graph, dataset, DCT.modified).toPython() >= issued
    temporal = one(graph, dataset, DCT.temporal)
    assert (temporal, RDF.type, DCT.PeriodOfTime) in graph
    assert one(graph, temporal, DCAT.startDate).toPython() == (
        closed.opens_at.replace(microsecond=0)
    )
    assert one(graph, temporal, DCAT.endDate).toPython() == issued
    spatial = one(graph, dataset, DCT.spatial)
    assert one(graph, spatial, DCT.identifier) == Literal("46042")
    assert one(graph, spatial, SKOS.prefLabel) == Literal("Cahors")
    keywords = {str(k) for k in graph.objects(dataset, DCAT.keyword)}
    assert {"consultation citoyenne", "Économie", "Commerces", "Marchés"} <= keywords
    assert one(graph, dataset, DCAT.landingPage) == URIRef(
        f"http://testserver{closed.url}"
    )
    assert one(graph, dataset, DCT.license) == URIRef(DCAT_LICENCE)
    assert one(graph, one(graph, dataset, DCT.publisher), FOAF.name) == Literal(
        "PETR Grand Quercy"
    )
    contact = one(graph, dataset, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Organization) in graph
    assert one(graph, contact, VCARD.fn) == Literal("PETR Grand Quercy")
    assert str(one(graph, contact, VCARD.hasURL)).startswith("http://testserver/")
    assert len(list(graph.objects(dataset, DCAT.distribution))) == 4
    # a consultation naming no commune covers the whole PETR
    results = datasets_by_identifier(graph)[
        f"grand-quercy-consultation-{data['results'].pk}"
    ]
    territory = one(graph, results, DCT.spatial)
    assert one(graph, territory, SKOS.prefLabel) == Literal("PETR Grand Quercy")


def distributions(graph, dataset):
    found = {}
    for distribution in graph.objects(dataset, DCAT.distribution):
        assert (distribution, RDF.type, DCAT.Distribution) in graph
        access = one(graph, distribution, DCAT.accessURL)
        assert one(graph, distribution, DCAT.downloadURL) == access
        assert one(graph, distribution, DCT.license) == URIRef(DCAT_LICENCE)
        assert str(one(graph, distribution, DCT.title))
        file_type = str(one(graph, distribution, DCT["format"])).rsplit("/", 1)[1]
        media_type = str(one(graph, distribution, DCAT.mediaType))
        assert media_type.endswith({"CSV": "/text/csv", "JSON": "/json"}[file_type])
        found[path_of(access)] = file_type
    return found


def test_every_distribution_downloads_and_parses(client, data):
    graph, _ = jsonld(client, CATALOGUE)
    closed = data["closed"]
    dataset = datasets_by_identifier(graph)[f"grand-quercy-consultation-{closed.pk}"]
    files = distributions(graph, dataset)
    base = f"/participation/consultations/{closed.pk}"
    assert files == {
        f"{base}/propositions.csv": "CSV",
        f"{base}/propositions.json": "JSON",
        f"{base}/commentaires.csv": "CSV",
        f"{base}/commentaires.json": "JSON",
    }
    parsed = {}
    for path, file_type in files.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'rel="license"' in response["Link"]
        if file_type == "CSV":
            text = response.content.decode("utf-8-sig")
            parsed[path] = list(csv.DictReader(io.StringIO(text)))
        else:
            payload = json.loads(response.content)
            assert "Licence Ouverte" in payload["licence"]["nom"]
            parsed[path] = payload["donnees"]
    proposals = parsed[f"{base}/propositions.json"]
    answered, waiting = data["proposals"]["answered"], data["proposals"]["waiting"]
    assert {row["id"] for row in proposals} == {answered.pk, waiting.pk}
    assert {row["titre"] for row in parsed[f"{base}/propositions.csv"]} == {
        "Un marché le soir",
        '\'=HYPERLINK("x")',  # a formula in a spreadsheet stays text
    }
    comments = {row["texte"]: row for row in parsed[f"{base}/commentaires.json"]}
    assert set(comments) == {"Sur la consultation", "Sur le marché", "Une réponse"}
    assert comments["Sur la consultation"]["proposition"] == ""
    assert comments["Sur le marché"]["proposition"] == answered.pk
    reply = comments["Une réponse"]
    assert reply["en_reponse_a"] == data["comments"]["on_proposal"].pk
    assert reply["id"] == data["comments"]["reply"].pk
    assert reply["etiquette"] == "Question"
    assert comments["Sur le marché"]["etiquette"] == ""
    fields = ["id", "proposition", "en_reponse_a", "date", "etiquette", "texte"]
    assert list(reply) == fields
    rows = parsed[f"{base}/commentaires.csv"]
    assert list(rows[0]) == fields
    assert len(rows) == 3


def test_no_personal_data_in_any_file(client, data, resident):
    graph, catalogue = jsonld(client, CATALOGUE)
    everything = [catalogue]
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        everything.append(client.get(path_of(dataset)).content.decode())
        for path in distributions(graph, dataset):
            everything.append(client.get(path).content.decode("utf-8-sig"))
    text = "\n".join(everything)
    for personal in (
        resident.email,
        resident.display_name,
        resident.first_name,
        resident.last_name,
        "@example.test",  # the factories' other residents: e-mails
        "Habitant ",  # and display names
    ):
        assert personal not in text
    for word in ("masqué", "supprimé", "en attente", "réservée"):
        assert word not in text.lower()


def test_one_dataset_per_closed_consultation(client, data):
    closed = data["closed"]
    graph, _ = jsonld(client, reverse("participation:open_data_dcat", args=[closed.pk]))
    assert set(datasets_by_identifier(graph)) == {
        f"grand-quercy-consultation-{closed.pk}"
    }
    for name in ("open", "upcoming", "restricted", "draft"):
        url = reverse("participation:open_data_dcat", args=[data[name].pk])
        assert client.get(url).status_code == 404, name


def test_restricted_and_draft_consultations_publish_nothing(client, data):
    for name in ("restricted", "draft"):
        for route in (
            "open_data_csv",
            "open_data_json",
            "open_data_comments_csv",
            "open_data_comments_json",
        ):
            url = reverse(f"participation:{route}", args=[data[name].pk])
            assert client.get(url).status_code == 404, (name, route)


def test_closed_pages_show_the_open_data_block_open_ones_the_short_line(client, data):
    html = client.get(data["closed"].url).content.decode()
    block = html.split('id="donnees-ouvertes"')[1].split("</section>")[0]
    pk = data["closed"].pk
    for route in (
        "open_data_csv",
        "open_data_json",
        "open_data_comments_csv",
        "open_data_comments_json",
        "open_data_dcat",
    ):
        assert f'href="{reverse(f"participation:{route}", args=[pk])}"' in block
    assert f'href="{CATALOGUE}"' in block
    assert 'rel="license"' in block and "Licence Ouverte 2.0" in block
    assert 'rel="alternate" type="application/ld+json"' in html
    html = client.get(data["open"].url).content.decode()
    assert 'id="donnees-ouvertes"' not in html
    assert "propositions et réponses au format CSV" in html


def test_the_catalogue_is_kept_no_longer_than_the_next_closing(
    client, site_root, settings
):
    settings.PAGE_CACHE_ENABLED = True
    factories.consultation(site_root, "closed")
    assert client.get(CATALOGUE)["X-Page-Cache"] == "miss"
    assert client.get(CATALOGUE)["X-Page-Cache"] == "hit"
    factories.consultation(
        site_root,
        "open",
        closes_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    response = client.get(CATALOGUE)
    assert response["X-Page-Cache"] == "miss"
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < s_maxage <= 5 * 60


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_queries_do_not_grow_with_consultations_proposals_and_comments(
    client, site_root, settings
):
    settings.PAGE_CACHE_ENABLED = False
    communes = [CommuneFactory() for _ in range(3)]

    def grow(consultations, proposals):
        pages = []
        for _ in range(consultations):
            page = factories.consultation(site_root, "closed", categories=["A", "B"])
            page.communes.set(communes)
            for proposal in factories.ProposalFactory.create_batch(
                proposals, consultation=page
            ):
                Answer.objects.create(proposal=proposal, status="accepted")
                Comment.objects.create(
                    consultation=page, proposal=proposal, body="Oui", author=None
                )
            pages.append(page)
        return pages[0]

    def urls(page):
        return [CATALOGUE] + [
            reverse(f"participation:{route}", args=[page.pk])
            for route in (
                "open_data_dcat",
                "open_data_csv",
                "open_data_json",
                "open_data_comments_csv",
                "open_data_comments_json",
            )
        ]

    first = grow(2, 2)
    small = [count_queries(client, url) for url in urls(first)]
    grow(8, 12)
    for proposal in first.proposals.all():
        Comment.objects.bulk_create(
            Comment(consultation=first, proposal=proposal, body=f"{n}")
            for n in range(30)
        )
    large = [count_queries(client, url) for url in urls(first)]
    assert small == large
    assert max(large) <= 10, large
