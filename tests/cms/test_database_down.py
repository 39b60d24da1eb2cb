"""PostgreSQL unreachable for real (its port refuses, its connections are cut): a
French 503 with Retry-After, JSON under /api/, a form refused with nothing written,
and everything back without a restart once it answers again."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from participation.models import Proposal
from tests.participation import factories
from tests.tcp_proxy import TCPProxy

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def close_unusable(**kwargs):
    close_old_connections()


@pytest.fixture
def database(settings):
    """The test database reached through a relay the test can stop."""
    settings.PAGE_CACHE_ENABLED = False  # every request goes to the database
    params = connection.settings_dict
    original = params["HOST"], params["PORT"]
    proxy = TCPProxy(params["HOST"] or "127.0.0.1", int(params["PORT"] or 5432))
    proxy.start()
    connection.close()
    params["HOST"], params["PORT"] = "127.0.0.1", str(proxy.port)
    # What Django's handler does around each request (the test client turns it off
    # to keep its transaction): a connection left unusable is closed at the end.
    request_started.connect(close_unusable)
    request_finished.connect(close_unusable)
    yield proxy
    request_started.disconnect(close_unusable)
    request_finished.disconnect(close_unusable)
    connection.close()
    params["HOST"], params["PORT"] = original
    proxy.stop()


def test_pages_api_and_forms_while_the_database_is_down_and_after(database, site_root):
    consultation = factories.consultation(site_root, "open", categories=["Vélo"])
    resident = factories.UserFactory()
    client = Client(raise_request_exception=False)
    client.force_login(resident)
    visitor = Client(raise_request_exception=False)
    assert visitor.get(consultation.url).status_code == 200
    category = consultation.categories.first().pk

    database.stop()

    page = visitor.get(consultation.url)
    assert page.status_code == 503
    assert page["Retry-After"] == "30"
    assert "Le site est momentanément indisponible" in page.content.decode()
    api = visitor.get("/api/v1/proposals/")
    assert api.status_code == 503
    assert api["Content-Type"] == "application/json"
    assert "indisponible" in api.json()["detail"]
    assert visitor.get(reverse("healthz")).status_code == 503
    sent = client.post(
        reverse("participation:proposal_create", args=[consultation.pk]),
        {"title": "Un vélo-bus", "body": "Le matin.", "category": category},
    )
    assert sent.status_code == 503
    assert "Votre envoi n’a pas été enregistré." in sent.content.decode()

    database.start()  # the same process, no restart

    assert visitor.get(consultation.url).status_code == 200
    assert visitor.get("/api/v1/proposals/").status_code == 200
    assert visitor.get(reverse("healthz")).status_code == 200
    assert not Proposal.objects.filter(title="Un vélo-bus").exists()
    again = client.post(
        reverse("participation:proposal_create", args=[consultation.pk]),
        {"title": "Un vélo-bus", "body": "Le matin.", "category": category},
    )
    assert again.status_code == 302
    assert Proposal.objects.filter(title="Un vélo-bus").count() == 1
