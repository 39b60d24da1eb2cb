import os

import pytest

from tests import browser as chromium

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test body stay synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium_browser():
    playwright, browser = chromium.start()
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def browser_page(chromium_browser, live_server, transactional_db):
    context = chromium_browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def site_root(db):
    """The home page as the default site's root, as the demo content sets it."""
    from cms.demo import get_home

    return get_home()
