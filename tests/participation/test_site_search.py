"""One site search: pages, news, projects, published proposals and documents, grouped."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.cms.factories import NewsIndexPageFactory, NewsPageFactory
from tests.contrats.factories import ProjectFactory

from . import factories


@pytest.fixture
def everything(site_root, open_consultation, moderator):
    news = NewsIndexPageFactory(parent=site_root)
    NewsPageFactory(parent=news, title="Un minibus pour le marché")
    ProjectFactory(title="Achat d’un minibus électrique")
    factories.ProposalFactory(
        consultation=open_consultation, title="Un minibus le samedi"
    )
    hidden = factories.ProposalFactory(
        consultation=open_consultation, title="Minibus caché"
    )
    factories.hidden_by(moderator, hidden)
    get_document_model().objects.create(
        title="Étude minibus", file=ContentFile(b"%PDF-1.4", name="etude.pdf")
    )


def test_search_finds_every_kind_grouped(client, everything):
    html = client.get("/recherche/", {"q": "minibus"}).content.decode()
    assert "4 résultats pour « minibus »" in html
    order = [
        html.index('id="groupe-actualites"'),
        html.index('id="groupe-projets"'),
        html.index('id="groupe-propositions"'),
        html.index('id="groupe-documents"'),
    ]
    assert order == sorted(order)
    assert "Un minibus le samedi" in html
    assert "Achat d’un minibus électrique" in html
    assert "Étude minibus" in html
    assert "caché" not in html


def test_one_group_pages_through_its_results(client, site_root, open_consultation):
    for number in range(12):
        factories.ProposalFactory(
            consultation=open_consultation, title=f"Navette numéro {number}"
        )
    html = client.get("/recherche/", {"q": "navette"}).content.decode()
    assert "12 résultats pour « navette »" in html
    assert html.count("Navette numéro") == 5
    assert "groupe=propositions" in html
    page = client.get(
        "/recherche/", {"q": "navette", "groupe": "propositions"}
    ).content.decode()
    assert page.count("Navette numéro") == 10
    assert "page=2" in page


@pytest.mark.postgresql
def test_french_stemming_on_postgresql(client, site_root, open_consultation):
    factories.ProposalFactory(
        consultation=open_consultation, title="Des écoles rénovées"
    )
    html = client.get("/recherche/", {"q": "école"}).content.decode()
    assert "Des écoles rénovées" in html
