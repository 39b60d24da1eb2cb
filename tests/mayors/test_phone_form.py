"""The priority form on a phone: short at 375 px, nothing sideways at 320 px, axe at
zero, and the coordinates typed by hand in « Saisir les coordonnées » still saved."""

import re

import pytest

from tests.aides.factories import AidSchemeFactory
from tests.browser import assert_accessible, assert_no_sideways_scroll

from .factories import PASSWORD, make_complete_draft

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
# Two saved financing lines at 375 px: the form measured 3 764 px (page 5 307 px) with
# two empty lines and every field stacked, 2 102 px (page 3 644 px) in this layout.
FORM_HEIGHT_BUDGET = 2300


def form_height(page):
    return page.evaluate(
        "() => Math.round("
        "document.querySelector('main form').getBoundingClientRect().height)"
    )


def sign_in(page, user):
    page.goto("/compte/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main").get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()


def test_priority_form_is_short_on_a_phone(
    browser_page, mayor_a, commune_a, call, measure
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    assert draft.financing_lines.count() == 2
    # A long scheme name in « Dispositif » must not widen the page.
    AidSchemeFactory(
        name="Dotation d’équipement des territoires ruraux : rénovation énergétique "
        "des bâtiments scolaires et des équipements sportifs communaux"
    )
    page = browser_page
    page.set_viewport_size(PHONE)
    sign_in(page, mayor_a)
    edit_url = f"/espace-elus/priorites/{draft.pk}/modifier/"
    page.goto(edit_url)
    height = form_height(page)
    document_height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= FORM_HEIGHT_BUDGET, f"form {height} px, page {document_height} px"
    # Two saved lines and one empty line, without a « Supprimer » box on the empty one.
    assert page.locator("fieldset.financing-line").count() == 3
    assert page.locator("input[name$=-DELETE]").count() == 2
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_sideways_scroll(page)

    # The coordinates wait behind a native <details>, closed until asked for.
    latitude = page.locator("input[name=latitude]")
    assert not latitude.is_visible()
    page.get_by_text("Saisir les coordonnées").click()
    latitude.fill("44.461")
    page.fill("input[name=longitude]", "1.531")
    assert_no_sideways_scroll(page)
    # Enter in a field saves the draft, as « Enregistrer le brouillon » does.
    page.locator("input[name=longitude]").press("Enter")
    page.wait_for_url(re.compile(r"/priorites/\d+/$"))
    draft.refresh_from_db()
    assert (draft.latitude, draft.longitude) == (44.461, 1.531)
    assert draft.financing_lines.count() == 2

    # A mistake opens the <details> by itself, the error beside its field.
    page.goto(edit_url)
    page.get_by_text("Saisir les coordonnées").click()
    latitude.fill("47.0")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_load_state()
    assert page.locator("details.coordinates[open]").count() == 1
    assert page.locator("input[name=latitude][aria-invalid=true]").is_visible()
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    draft.refresh_from_db()
    assert draft.latitude == 44.461
