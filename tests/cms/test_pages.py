"""Every page type of the demo renders, in French, with its landmarks and metadata."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db

DEMO_URLS = [
    "/",
    "/le-grand-quercy/",
    "/le-grand-quercy/politiques-contractuelles/",
    "/le-grand-quercy/gouvernance-du-crte/",
    "/le-grand-quercy/porteurs-de-projets/",
    "/le-grand-quercy/intranet-des-collectivites/",
    "/actualites/",
    "/actualites/signature-du-crte/",
    "/agenda/",
    "/agenda/?periode=passes",
    "/agenda/comite-de-pilotage-crte/",
    "/contact/",
    "/plan-du-site/",
    "/recherche/?q=CRTE",
    "/mentions-legales/",
    "/accessibilite/",
    "/accessibilite/schema-pluriannuel/",
    "/donnees-personnelles/",
    "/donnees-personnelles/participation/",
    "/cookies/",
    "/charte-de-participation/",
]


def test_every_demo_page_renders_in_french_with_its_chrome(client, demo_site):
    for url in DEMO_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="fr">' in html
        assert 'href="#contenu"' in html
        assert '<main id="contenu"' in html
        assert 'aria-label="Menu principal"' in html
        assert "Accessibilité : partiellement conforme" in html, url
        assert 'type="application/rss+xml"' in html

    home = client.get("/").content.decode()
    assert "Dernières actualités" in home
    assert home.count('class="card"') >= 4
    assert "Les collectivités déposent désormais leurs dossiers en ligne" in home
    assert "Prochaines réunions" in home
    assert "Séance plénière du Conseil Participatif Citoyen" in home
    assert 'href="/espace-elus/"' in home
    for url, label in [
        ("/mentions-legales/", "Mentions légales"),
        ("/accessibilite/", "Accessibilité : partiellement conforme"),
        ("/donnees-personnelles/", "Données personnelles"),
        ("/cookies/", "Gestion des cookies"),
        ("/plan-du-site/", "Plan du site"),
        ("/contact/", "Contact"),
    ]:
        assert f'<a href="{url}">{label}</a>' in home
    for label in ["Le Grand Quercy", "Actualités", "Agenda", "Contact"]:
        assert f">{label}</a></li>" in home

    article = client.get("/actualites/signature-du-crte/").content.decode()
    assert '<meta name="description" content="Le 17 décembre 2021' in article
    assert '<meta property="og:type" content="article">' in article
    assert (
        '<meta property="og:title" content="Le Grand Quercy signe son Contrat'
        in article
    )
    assert (
        '<meta property="og:image" content="http://testserver/media/images/' in article
    )

    crumbs = client.get("/le-grand-quercy/gouvernance-du-crte/").content.decode()
    assert 'aria-label="Fil d’Ariane"' in crumbs
    assert '<a href="/">Accueil</a>' in crumbs
    assert '<a href="/le-grand-quercy/">Le Grand Quercy</a>' in crumbs
    assert '<li aria-current="page">La gouvernance du CRTE</li>' in crumbs

    sitemap = client.get("/plan-du-site/").content.decode()
    assert '<a href="/le-grand-quercy/politiques-contractuelles/">' in sitemap
    assert '<a href="/actualites/">Actualités</a>' in sitemap
    assert (
        "signature-du-crte" not in sitemap
    )  # articles are reached through their index
    assert sitemap.count('<ul class="sitemap">') >= 3  # nested levels

    missing = client.get("/cette-page-n-existe-pas/")
    assert missing.status_code == 404
    assert "Page introuvable" in missing.content.decode()
    assert '<a href="/plan-du-site/">' in missing.content.decode()

    legal_pages_say_what_the_law_asks(client)


def test_home_entry_points_follow_the_page_choosers(client, site_root):
    from tests.cms.factories import StandardPageFactory, publish

    contracts = publish(StandardPageFactory(parent=site_root, title="Les contrats"))
    site_root.contracts_index_page = contracts
    site_root.contracts_text = "Tous les contrats du territoire."
    publish(site_root)
    html = client.get("/").content.decode()
    assert f'href="{contracts.url}"' in html
    assert "Tous les contrats du territoire." in html


def legal_pages_say_what_the_law_asks(client):
    notice = client.get("/mentions-legales/").content.decode()
    assert "Directeur de la publication" in notice
    assert "Le Président du PETR Grand Quercy" in notice
    assert "Hébergement" in notice
    accessibility = client.get("/accessibilite/").content.decode()
    assert "RGAA" in accessibility and "4.1" in accessibility
    assert "<strong>partiellement conforme</strong>" in accessibility
    assert "Défenseur des droits" in accessibility
    assert 'href="/accessibilite/schema-pluriannuel/"' in accessibility
    data = client.get("/donnees-personnelles/").content.decode()
    assert "dpo@grandquercy.fr" in data
    for processing in [
        "Formulaire de contact",
        "Comptes des habitants et contributions",
        "Intranet des élus et dossiers des collectivités",
        "Fonds de carte",
    ]:
        assert processing in data
    assert "data.geopf.fr" in data  # the map tiles' host is named
    assert "Lettre d’information" not in data  # no newsletter is promised
    assert data.count("Durée de conservation") == 4
    cookies = client.get("/cookies/").content.decode()
    assert "aucun bandeau de consentement" in cookies
    assert "csrftoken" in cookies and "sessionid" in cookies
    charter = client.get("/charte-de-participation/").content.decode()
    assert "Participant·e supprimé·e" in charter


def test_500_renders_without_database_or_context(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Le site rencontre un problème" in html
    assert '<html lang="fr">' in html


def test_favicon_is_linked(client, site_root):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in html
