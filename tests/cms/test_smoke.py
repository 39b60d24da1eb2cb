import pytest

from tests.browser import assert_accessible

pytestmark = pytest.mark.django_db


def test_home_page_renders(client, site_root):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()


def test_healthz_answers_json(client):
    response = client.get("/healthz")
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"


@pytest.mark.browser
def test_home_page_is_accessible(browser_page, site_root):
    browser_page.goto("/")
    assert_accessible(browser_page)
