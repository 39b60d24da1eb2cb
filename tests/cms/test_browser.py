"""Real Chromium: axe-core on every page type of the public site, and the keyboard journeys."""

import pytest

from tests.browser import assert_accessible
from tests.cms.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    menu_item,
    public_site,
)

# tests/conftest.py gives every browser test a transactional database restored from
# the migrated data.
pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "accueil": "/",
    "page standard": "/le-grand-quercy/gouvernance-du-crte/",
    "page standard (tableau)": "/le-grand-quercy/politiques-contractuelles/",
    "index des actualités": "/actualites/",
    "actualité": "/actualites/signature-du-crte/",
    "agenda": "/agenda/",
    "agenda passé": "/agenda/?periode=passes",
    "événement": "/agenda/comite-de-pilotage-crte/",
    "contact": "/contact/",
    "résultats de recherche": "/recherche/?q=contrat",
    "plan du site": "/plan-du-site/",
    "déclaration d’accessibilité": "/accessibilite/",
    "page introuvable": "/cette-page-n-existe-pas/",
}


def test_every_page_type_passes_axe(browser_page, site_root):
    public_site(site_root)
    for name, url in PAGE_TYPES.items():
        browser_page.goto(url)
        assert browser_page.locator("h1").count() == 1, name
        assert_accessible(browser_page)
    browser_page.goto("/contact/")
    browser_page.get_by_role("button", name="Envoyer le message").click()
    browser_page.wait_for_selector(".errorlist")
    assert_accessible(browser_page)
    browser_page.set_viewport_size({"width": 375, "height": 800})
    browser_page.goto("/")
    browser_page.get_by_role("button", name="Menu").click()
    assert_accessible(browser_page)


def focused(page):
    return page.evaluate(
        "() => ({id: document.activeElement.id, text: document.activeElement.textContent.trim(),"
        " inMenu: !!document.activeElement.closest('#menu-principal'),"
        " cls: document.activeElement.className})"
    )


def tab_until(page, predicate, limit=30):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if predicate(focused(page)):
            return focused(page)
    raise AssertionError(f"not reached with Tab: last focus {focused(page)}")


@pytest.fixture
def menu_site(site_root):
    news = NewsIndexPageFactory(parent=site_root)
    NewsPageFactory(parent=news, title="Signature du CRTE")
    menu_item(news, "Actualités")
    return site_root


def test_skip_link_and_main_menu_work_with_the_keyboard(browser_page, menu_site):
    browser_page.goto("/")
    browser_page.keyboard.press("Tab")
    assert focused(browser_page)["text"] == "Aller au contenu"
    browser_page.keyboard.press("Enter")
    assert focused(browser_page)["id"] == "contenu"

    browser_page.goto("/")
    tab_until(browser_page, lambda f: f["inMenu"] and f["text"] == "Actualités")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/actualites/")
    assert "Signature du CRTE" in browser_page.content()


def test_mobile_menu_opens_with_the_keyboard(browser_page, menu_site):
    browser_page.set_viewport_size({"width": 375, "height": 800})
    browser_page.goto("/")
    menu = browser_page.locator("#menu-principal")
    assert not menu.is_visible()
    tab_until(browser_page, lambda f: "menu-toggle" in f["cls"])
    browser_page.keyboard.press("Enter")
    assert browser_page.locator(".menu-toggle").get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    tab_until(
        browser_page, lambda f: f["inMenu"] and f["text"] == "Actualités", limit=5
    )
    browser_page.keyboard.press("Escape")
    assert not menu.is_visible()


def test_menu_works_without_javascript(chromium_browser, live_server, menu_site):
    context = chromium_browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 375, "height": 800},
    )
    page = context.new_page()
    try:
        page.goto("/")
        assert page.locator("#menu-principal").is_visible()
        assert not page.locator(".menu-toggle").is_visible()
        page.get_by_role("link", name="Actualités").first.click()
        page.wait_for_url("**/actualites/")
    finally:
        context.close()
