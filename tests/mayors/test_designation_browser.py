"""The legal representative's dashboard on a phone: its members, « Autoriser à
déposer » without JavaScript, the pieces asked; axe clean, no sideways scroll."""

import pytest
from django.urls import reverse

from mayors.models import DemarcheDocument, ElectedOfficial, Role
from tests.browser import assert_accessible, assert_no_sideways_scroll

from .factories import (
    DemarcheFactory,
    OfficialFactory,
    OrganisationFactory,
    UserFactory,
)
from .test_phone_form import sign_in

pytestmark = pytest.mark.browser


def test_a_representative_designates_a_member_without_javascript(
    browser_page, chromium_browser, live_server, cto
):
    association = OrganisationFactory(name="Association Bien Vieillir en Quercy")
    president = OfficialFactory(
        commune=None,
        organisation=association,
        role=Role.REPRESENTANT,
        user=UserFactory(email="presidente@bien-vieillir.example"),
    )
    member = OfficialFactory(
        commune=None,
        organisation=association,
        role=Role.MEMBRE,
        user=UserFactory(
            email="benevole@bien-vieillir.example",
            first_name="Jeanne",
            last_name="Delmas",
        ),
    )
    call = DemarcheFactory(
        contract=cto, open_to_associations=True, required_documents="Statuts"
    )
    DemarcheDocument.objects.create(
        call=call, sort_order=5, name="Lettres de soutien", required=False
    )
    dashboard = reverse("mayors:dashboard")
    context = chromium_browser.new_context(
        java_script_enabled=False,
        base_url=live_server.url,
        locale="fr-FR",
        viewport={"width": 320, "height": 640},
    )
    page = context.new_page()
    sign_in(page, president.user)
    page.goto(dashboard)
    assert "Lettres de soutien (facultative)" in page.locator("main").inner_text()
    assert_no_sideways_scroll(page)
    page.get_by_role("button", name="Autoriser à déposer Jeanne Delmas").click()
    page.wait_for_load_state()
    assert "Jeanne Delmas peut désormais déposer" in page.locator("body").inner_text()
    assert ElectedOfficial.objects.get(pk=member.pk).can_submit
    page.goto("about:blank")
    context.close()
    sign_in(browser_page, president.user)
    browser_page.goto(dashboard)
    assert "Retirer ce droit" in browser_page.locator("main").inner_text()
    assert_accessible(browser_page)
