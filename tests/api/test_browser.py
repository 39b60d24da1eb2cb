"""In Chromium: the API documentation page passes axe and its links lead to the data."""

import pytest

from tests.browser import assert_accessible

pytestmark = pytest.mark.browser


def test_documentation_page_is_accessible_and_links_to_the_schema(
    browser_page, site_root
):
    browser_page.goto("/api/v1/")
    assert browser_page.locator("h1").inner_text() == "API ouverte du Grand Quercy"
    assert_accessible(browser_page)
    browser_page.get_by_role("link", name="GET /api/v1/proposals/", exact=True).click()
    assert browser_page.url.endswith("#proposals_list")
    assert "Propositions" in browser_page.locator("#proposals_list").inner_text()
    with browser_page.expect_response("**/api/v1/schema/") as response:
        browser_page.get_by_role("link", name="en JSON").click()
    assert response.value.status == 200
    assert response.value.json()["info"]["title"] == "API ouverte du Grand Quercy"
