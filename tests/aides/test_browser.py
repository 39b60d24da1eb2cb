"""In Chromium, at 375 and 320 px: a mayor answers the four questions, reads the aids
and the example plan, and shares the address; axe finds nothing; no JavaScript needed."""

import re

import pytest

from tests.browser import assert_accessible, assert_no_sideways_scroll
from tests.cms.factories import ContactPageFactory, public_site
from tests.contrats.factories import CommuneFactory, EpciFactory

from .factories import AidSchemeFactory, finder_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAIN_OVERFLOW = (
    "() => [...document.querySelectorAll('main *')]"
    ".filter(el => el.getBoundingClientRect().right"
    " > document.documentElement.clientWidth + 1)"
    ".map(el => el.tagName + '.' + el.className)"
)


@pytest.fixture
def finder(site_root):
    public_site(site_root)
    if not site_root.get_children().filter(slug="contact").exists():
        ContactPageFactory(parent=site_root)
    epci = EpciFactory(name="Grand Cahors")
    cahors = CommuneFactory(insee_code="46042", name="Cahors", epci=epci)
    CommuneFactory(insee_code="46127", name="Gourdon", epci=epci)
    AidSchemeFactory(
        name="DETR — Dotation d’équipement des territoires ruraux",
        themes=["batiments"],
        max_rate=40,
        ceiling=150000,
        procedure_url="https://www.demarches-simplifiees.fr/commencer/detr-lot-2027",
    )
    AidSchemeFactory(
        name="Contrat Bourg-Centre Occitanie",
        programme="Bourg-Centre",
        funder="region",
        max_rate=45,
        communes=[cahors],
        closes_on=None,
        is_rolling=True,
    )
    return finder_page(site_root)


def answer(page, cost):
    page.get_by_label("Une commune", exact=True).check()
    page.get_by_label("Dans quelle commune ?").select_option(label="Cahors")
    page.get_by_label("Bâtiments publics et rénovation énergétique").check()
    page.get_by_label("Combien coûte-t-il, hors taxes (en euros) ?").fill(cost)
    page.get_by_role("button", name="Voir les aides").click()
    page.wait_for_load_state()


def test_a_mayor_finds_aids_and_a_plan_on_a_phone(browser_page, finder):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(finder.url)
    assert_accessible(page)
    assert_no_sideways_scroll(page)

    answer(page, "-10")
    error = page.locator("#id_cout_error")
    assert "Le coût doit être supérieur à 0 €." in error.inner_text()
    cost_input = page.get_by_label("Combien coûte-t-il, hors taxes (en euros) ?")
    assert "id_cout_error" in cost_input.get_attribute("aria-describedby")
    assert cost_input.get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    cost_input.fill("250 000")
    page.get_by_role("button", name="Voir les aides").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="2 aides pour votre projet").is_visible()
    assert "cout=250+000" in page.url and "commune=46042" in page.url
    plan = page.locator(".aid-plan table")
    # DETR 100 000 €, then the Région within the commune's 20 %: 100 000 €.
    assert "100\u202f000\u00a0€" in plan.inner_text()
    assert "Autofinancement du porteur" in plan.inner_text()
    assert page.get_by_text("article L1111-10").first.is_visible()
    assert_accessible(page)
    assert_no_sideways_scroll(page)

    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_sideways_scroll(page)
    page.get_by_label(
        "Retenir « Contrat Bourg-Centre Occitanie » dans l’exemple de plan"
    ).uncheck()
    page.get_by_role("button", name="Recalculer le plan avec les aides cochées").click()
    page.wait_for_url(re.compile(r"plan_choisi=1"))
    rows = page.locator(".aid-plan tbody tr")
    assert rows.count() == 2  # the DETR and the commune's own share
    assert_accessible(page)
    assert_no_sideways_scroll(page)

    shared = page.get_by_role("link", name="Lien vers cette recherche").get_attribute(
        "href"
    )
    assert "plan_choisi=1" in shared


def test_the_page_works_without_javascript(chromium_browser, live_server, finder):
    context = chromium_browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="fr-FR"
    )
    page = context.new_page()
    try:
        page.set_viewport_size({"width": 320, "height": 640})
        page.goto(finder.url)
        answer(page, "250000")
        assert page.get_by_role(
            "heading", name="2 aides pour votre projet"
        ).is_visible()
        assert page.get_by_role("link", name="Déposer le dossier").count() == 1
        # The page's own content fits (the site header's search row is the chrome's).
        assert page.evaluate(MAIN_OVERFLOW) == []
    finally:
        page.goto("about:blank")
        context.close()
