"""The intranet dashboard kept per session (cms.cache), and never stale or shared."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mayors.models import Submission

from .factories import PASSWORD, make_complete_draft

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mayor_client(client, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    return client


def dashboard(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("mayors:dashboard"))
    assert response.status_code == 200
    return response, len(queries)


def test_a_second_visit_is_served_from_the_session_cache(
    mayor_client, call, commune_a, mayor_a
):
    Submission.create_draft(call=call, commune=commune_a, by=mayor_a, title="Cantine")
    dashboard(mayor_client)  # the first visit sets the CSRF cookie: never kept

    first, _ = dashboard(mayor_client)
    second, queries = dashboard(mayor_client)

    assert first["X-Page-Cache"] == "private-miss"
    assert second["X-Page-Cache"] == "private-hit"
    assert second.content == first.content
    assert "Cantine" in second.content.decode()
    assert queries <= 1  # the signed-in user, nothing else
    cache_control = {part.strip() for part in second["Cache-Control"].split(",")}
    assert {"private", "no-cache"} <= cache_control


def test_any_change_is_shown_at_once(mayor_client, call, commune_a, mayor_a):
    draft = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="Cantine"
    )
    for _ in range(3):
        dashboard(mayor_client)

    # A write that sends no signal, as the rank swap does.
    Submission.objects.filter(pk=draft.pk).update(title="Cantine scolaire bio")

    response, _ = dashboard(mayor_client)
    assert response["X-Page-Cache"] == "private-miss"
    assert "Cantine scolaire bio" in response.content.decode()


def test_each_session_has_its_own_page(client, call, commune_a, mayor_a, mayor_b):
    Submission.create_draft(call=call, commune=commune_a, by=mayor_a, title="Cantine")
    client.login(email=mayor_a.email, password=PASSWORD)
    dashboard(client)
    client.logout()

    client.login(email=mayor_b.email, password=PASSWORD)
    response, _ = dashboard(client)

    assert response.get("X-Page-Cache") != "private-hit"
    assert "Cantine" not in response.content.decode()


def test_a_waiting_confirmation_message_is_never_hidden_by_the_cache(
    mayor_client, call, commune_a, measure, mayor_a
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    draft.submit(by=mayor_a)
    for _ in range(3):
        dashboard(mayor_client)

    mayor_client.post(
        reverse("mayors:submission_withdraw", args=[draft.pk]),
        {"reason": "Reporté à 2028"},
    )
    response, _ = dashboard(mayor_client)

    assert "Le dossier a été retiré." in response.content.decode()
    assert response.get("X-Page-Cache") != "private-hit"
    # Shown once only, then the page is kept again.
    again, _ = dashboard(mayor_client)
    assert "Le dossier a été retiré." not in again.content.decode()
    assert dashboard(mayor_client)[0]["X-Page-Cache"] == "private-hit"


def test_switched_off_with_the_page_cache(mayor_client, call, settings):
    settings.PAGE_CACHE_ENABLED = False

    dashboard(mayor_client)
    response, queries = dashboard(mayor_client)

    assert "X-Page-Cache" not in response
    assert queries > 1
