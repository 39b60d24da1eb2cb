"""In Chromium: every new public template passes axe, and a point placed in the admin shows
on the public map."""

from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.roles import POLITIQUES_CONTRACTUELLES
from contrats.models import ContractPage, Project
from tests.browser import admin_sign_in, assert_accessible
from tests.contrats.factories import contracts_site, petr_communes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def crte(site_root):
    """A CRTE over the 147 communes of the PETR, its projects, and a CTO with a PO."""
    return contracts_site(site_root, petr_communes(147))


def test_contract_pages_are_accessible(browser_page, crte):
    cto = ContractPage.objects.get(kind=ContractPage.Kind.CTO)
    project = Project.objects.order_by("pk").first()
    for url in [
        crte.get_parent().url,
        crte.url,
        cto.url,
        "/projets/",
        f"/projets/?contrat={crte.pk}&etat=engage",
        "/projets/?etat=inconnu",
        "/projets/carte/",
        f"/projets/{project.slug}/",
        "/carte-des-contrats/",
        "/programmes-operationnels/contrat-territorial-occitanie/2023/",
    ]:
        browser_page.goto(url)
        assert_accessible(browser_page)


def test_maps_use_local_leaflet_and_keyboard_markers(browser_page, crte):
    requested = []
    browser_page.on("request", lambda request: requested.append(request.url))
    browser_page.goto("/projets/carte/")
    markers = browser_page.locator(".map .map-pin")
    markers.first.wait_for()
    assert markers.count() == Project.objects.located().count()
    markers.first.focus()
    browser_page.keyboard.press("Enter")
    popup_link = browser_page.locator(".leaflet-popup-content a")
    popup_link.wait_for()
    assert popup_link.get_attribute("href").startswith("/projets/")
    scripts = [url for url in requested if url.endswith(".js") or url.endswith(".css")]
    assert scripts and all(
        url.startswith(browser_page.url.split("/projets")[0]) for url in scripts
    )
    browser_page.goto("/carte-des-contrats/")
    browser_page.locator("#carte-zonage path.leaflet-interactive").first.wait_for()
    assert browser_page.locator("#carte-zonage path.leaflet-interactive").count() == 147


def test_staff_places_a_project_on_the_admin_map_and_it_shows_publicly(
    browser_page, crte
):
    user = get_user_model().objects.create_user(
        email="carto@example.org", password="motdepasse-solide", is_staff=True
    )
    user.groups.add(Group.objects.get(name=POLITIQUES_CONTRACTUELLES))
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    project = Project.objects.order_by("pk").last()
    project.location = ""
    project.save()
    page = browser_page
    admin_sign_in(page, "carto@example.org", "motdepasse-solide")
    page.goto(f"/admin/contrats/projets/edit/{project.pk}/")
    page.get_by_role("tab", name="Localisation").click()
    leaflet_map = page.locator(".leaflet-field.leaflet-container")
    leaflet_map.wait_for()
    page.wait_for_timeout(1500)  # the widget sizes its map once visible
    box = leaflet_map.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.6)
    location = page.locator("input[name=location]").input_value()
    assert location.startswith("SRID=4326;POINT(")
    page.locator("footer button.button-longrunning[type=submit]").first.click()
    page.wait_for_url("**/admin/contrats/projets/")
    project.refresh_from_db()
    assert project.latitude is not None and project.longitude is not None

    page.goto(f"/projets/carte/?q={quote(project.title)}")
    page.locator(".map .map-pin").first.wait_for()
    assert page.locator(".map .map-pin").count() == 1
    points = page.request.get(
        f"/projets/carte/points.geojson?q={quote(project.title)}"
    ).json()
    assert [
        (f["properties"]["title"], f["geometry"]["coordinates"])
        for f in points["features"]
    ] == [(project.title, [project.longitude, project.latitude])]
    assert_accessible(page)
