import os

import pytest

from tests import browser as chromium

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test body stay synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    """The French catalogue is compiled from locale/fr's .po (the .mo stays out of git)."""
    from django.utils.translation import trans_real

    from cms.i18n import compile_catalogues

    compile_catalogues()
    trans_real._translations = {}
    trans_real._default = None


def pytest_collection_modifyitems(config, items):
    """Transactional tests (live server, browser) flush the database when they end;
    serialized rollback gives the next one back what the migrations created (Wagtail's
    root page and locale, the staff groups and their permissions).

    Tests marked ``postgresql`` (French full text, real concurrency) are deselected on SQLite: CI runs
    them on PostgreSQL."""
    from django.conf import settings

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        deselected = [item for item in items if item.get_closest_marker("postgresql")]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
            items[:] = [item for item in items if item not in deselected]
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        marker = item.get_closest_marker("django_db")
        if (
            "transactional_db" in fixtures
            or "live_server" in fixtures
            or (marker is not None and marker.kwargs.get("transaction"))
        ):
            kwargs = dict(marker.kwargs) if marker is not None else {}
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(
                pytest.mark.django_db(*(marker.args if marker else ()), **kwargs),
                append=False,
            )


@pytest.fixture(scope="session", autouse=True)
def serialized_rollback_survives_playwright(django_db_setup, django_db_blocker):
    """Playwright's sync API leaves an asyncio loop marked as running in the main thread,
    so Django's thread-critical connection storage switches to a context variable and
    tests get a fresh connection wrapper without ``_test_serialized_contents``: the
    serialized rollback of the next transactional test would then silently restore
    nothing (no Wagtail root page). Keep the contents on the wrapper class."""
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents


@pytest.fixture(scope="session")
def chromium_browser():
    playwright, browser = chromium.start()
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def browser_page(chromium_browser, live_server, transactional_db, settings):
    # E-mails carry the site's public address: here, the live server the browser uses.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    context = chromium_browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    csp_violations = chromium.record_csp_violations(page)
    yield page
    # Let no request reach the live server while the database is flushed and restored.
    page.goto("about:blank")
    context.close()
    assert csp_violations == [], "the page broke its Content-Security-Policy"


@pytest.fixture
def site_root(db):
    """The home page as the default site's root, as the demo content sets it."""
    from tests.cms.factories import home_page

    return home_page()
