"""On a phone: no page of the site scrolls sideways at 320 px, signed in or out,
and the account links are on the first screen (RGAA 10.11, which axe does not test)."""

import pytest

from contrats.models import ContractPage
from tests.browser import assert_accessible, assert_no_sideways_scroll
from tests.cms.factories import public_site
from tests.contrats.factories import contracts_site, petr_communes
from tests.mayors.factories import intranet_site
from tests.participation.factories import UserFactory, participation_site

pytestmark = pytest.mark.browser

PUBLIC = [
    "/",
    "/le-grand-quercy/politiques-contractuelles/",
    "/actualites/",
    "/actualites/signature-du-crte/",
    "/agenda/",
    "/agenda/conference-des-maires/",
    "/contact/",
    "/recherche/?q=contrat",
    "/plan-du-site/",
    "/contrats/",
    "/contrats/crte/",
    "/projets/",
    "/projets/carte/",
    "/communes/",
    "/communes/46042/",
    "/carte-des-contrats/",
    "/consultations/",
    "/consultations/mobilites-rurales/",
    "/consultations/conseil-participatif-citoyen/",
    "/conference-des-maires/",
    "/compte/login/",
    "/compte/signup/",
    "/api/v1/",
    "/cette-page-n-existe-pas/",
]
RESIDENT = [
    "/compte/",
    "/compte/profil/",
    "/compte/notifications/",
    "/compte/mes-donnees/",
]
MEMBER = ["/espace-elus/", "/espace-elus/depots-en-mairie/{commune}/"]


def sign_in(page, email, password):
    page.goto("/compte/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def account_nav(page):
    return page.get_by_role("navigation", name="Votre espace")


def visit(page, urls):
    for url in urls:
        page.goto(url)
        assert_no_sideways_scroll(page)
        assert_accessible(page)


@pytest.fixture
def whole_site(site_root):
    """A page of each type of every app, a resident and a mayor of Cahors."""
    public_site(site_root)
    communes = petr_communes(20)
    contracts_site(site_root, communes)
    resident = UserFactory(email="amandine@habitants.test", password="grandquercy-demo")
    participation_site(
        site_root, people=[resident, UserFactory(), UserFactory()], communes=communes
    )
    intranet_site(
        site_root,
        ContractPage.objects.get(kind=ContractPage.Kind.CTO),
        communes[0],
        "maire.cahors@grandquercy.test",
        password="grandquercy-demo",
    )
    return site_root


def test_no_page_scrolls_sideways_at_320_px(browser_page, whole_site):
    from mayors.models import ElectedOfficial

    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, PUBLIC)
    page.goto("/consultations/mobilites-rurales/")
    proposal_url = page.locator(
        "a[href^='/participation/propositions/']"
    ).first.get_attribute("href")
    visit(page, [proposal_url])
    assert account_nav(page).get_by_role("link", name="Se connecter").is_visible()

    sign_in(page, "amandine@habitants.test", "grandquercy-demo")
    visit(page, [*RESIDENT, "/", proposal_url])
    assert account_nav(page).get_by_role("link", name="Mon compte").is_visible()
    assert account_nav(page).get_by_role("link", name="Espace des élus").count() == 0

    page.context.clear_cookies()
    sign_in(page, "maire.cahors@grandquercy.test", "grandquercy-demo")
    commune = ElectedOfficial.objects.filter(
        user__email="maire.cahors@grandquercy.test"
    ).values_list("commune_id", flat=True)[0]
    visit(page, [url.format(commune=commune) for url in MEMBER])
    page.goto("/espace-elus/")
    submission = page.locator("a[href^='/espace-elus/priorites/']").first
    visit(page, [submission.get_attribute("href")])
    assert account_nav(page).get_by_role("link", name="Espace des élus").is_visible()
    assert account_nav(page).get_by_role("link", name="Mon compte").is_visible()


def test_the_open_menu_fits_at_320_px_with_and_without_javascript(
    browser_page, chromium_browser, live_server, whole_site
):
    """The header's menu and search stack in one column: opened by its button, or
    always shown when JavaScript is off, nothing is wider than the screen."""
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    for url in ("/", "/consultations/"):
        page.goto(url)
        page.get_by_role("button", name="Menu").click()
        assert page.get_by_role("navigation", name="Menu principal").is_visible()
        assert_no_sideways_scroll(page)
        assert_accessible(page)

    context = chromium_browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        java_script_enabled=False,
        viewport={"width": 320, "height": 640},
    )
    try:
        without_js = context.new_page()
        for url in ("/", "/consultations/", "/recherche/?q=contrat"):
            without_js.goto(url)
            assert without_js.get_by_role(
                "searchbox", name="Rechercher sur le site"
            ).is_visible()
            assert_no_sideways_scroll(without_js)
    finally:
        context.close()
