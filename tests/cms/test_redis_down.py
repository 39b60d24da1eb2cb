"""Redis stopped for real (a server of our own, killed): the site keeps working.

Pages are served uncached, sign-in, sign-up, password reset, proposals, comments,
supports and reports go through, the outage is logged; Redis back, pages are cached
again with nothing to repair.
"""

import logging
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.models import User
from cms import redis_cache
from participation.models import Comment, Proposal, Report, Support
from tests.participation import factories
from tests.participation.factories import PASSWORD

PORT = 6390
REDIS_SERVER = "/usr/bin/redis-server"  # Debian's, as on the production machines


def start_redis():
    process = subprocess.Popen(  # noqa: S603  (our own arguments)
        [REDIS_SERVER, "--port", str(PORT), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("redis-server did not start")


def stop_redis(process):
    process.kill()
    process.wait(timeout=10)


@pytest.fixture
def redis_server():
    process = start_redis()
    yield process
    if process.poll() is None:
        stop_redis(process)


@pytest.fixture
def redis_cache_settings(settings, redis_server, monkeypatch):
    location = f"redis://127.0.0.1:{PORT}/0"
    options = {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}
    settings.CACHES = {
        name: {
            "BACKEND": "cms.redis_cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"gq-test-{name}",
            "OPTIONS": options,
        }
        for name in ("default", "renditions")
    }
    settings.PAGE_CACHE_ENABLED = True
    settings.ACCOUNT_RATE_LIMITS = {
        "login_failed": "10/m/ip,5/5m/key",
        "signup": "20/m/ip",
        "confirm_email": "1/3m/key",
        "reset_password": "20/m/ip,5/m/key",
    }
    monkeypatch.setattr(redis_cache, "RETRY_AFTER", 0.5)
    redis_cache._state.clear()
    cache.clear()
    yield settings
    redis_cache._state.clear()


def signup(client, email):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "display_name": "Camille du Lot",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "commune": "",
            "accept_charter": "on",
            "accept_privacy": "on",
        },
    )


def test_the_site_works_while_redis_is_down_and_caches_again_after(
    client, site_root, redis_server, redis_cache_settings, caplog
):
    consultation = factories.consultation(site_root, "open", categories=["Vélo"])
    resident = factories.UserFactory()
    proposal = factories.ProposalFactory(consultation=consultation)
    client.get(consultation.url)
    assert client.get(consultation.url)["X-Page-Cache"] == "hit"

    stop_redis(redis_server)
    with caplog.at_level(logging.ERROR, logger="cms.redis_cache"):
        page = client.get(consultation.url)
    assert page.status_code == 200
    assert "X-Page-Cache" not in page  # served uncached, not the old copy
    assert any("Redis unavailable" in r.getMessage() for r in caplog.records)
    assert client.get(consultation.url).status_code == 200

    # Sign-up, password reset and sign-in, with the rate limits on.
    assert signup(client, "nouveau@exemple.fr").status_code == 302
    assert User.objects.filter(email="nouveau@exemple.fr").exists()
    assert (
        client.post(
            reverse("account_reset_password"), {"email": resident.email}
        ).status_code
        == 302
    )
    signed_in = client.post(
        reverse("account_login"), {"login": resident.email, "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200

    # Contributions.
    category = consultation.categories.first()
    response = client.post(
        reverse("participation:proposal_create", args=[consultation.pk]),
        {"title": "Un vélo-bus", "body": "Le matin.", "category": category.pk},
    )
    assert response.status_code == 302
    assert Proposal.objects.filter(title="Un vélo-bus").exists()
    response = client.post(
        reverse("participation:proposal_comment", args=[proposal.pk]),
        {"body": "D’accord !"},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(body="D’accord !").exists()
    response = client.post(reverse("participation:support", args=[proposal.pk]))
    assert response.status_code == 302
    assert Support.objects.filter(proposal=proposal, user=resident).exists()
    response = client.post(
        reverse("participation:proposal_report", args=[proposal.pk]),
        {"reason": "spam"},
    )
    assert response.status_code == 302
    assert Report.objects.filter(reporter=resident).exists()

    # Redis back: cached again, and the page shows what was written meanwhile.
    start_redis_again = start_redis()
    try:
        time.sleep(0.6)
        anonymous = client.__class__()
        first = anonymous.get(consultation.url)
        second = anonymous.get(consultation.url)
        assert first["X-Page-Cache"] == "miss"
        assert second["X-Page-Cache"] == "hit"
        assert "Un vélo-bus" in second.content.decode()
    finally:
        stop_redis(start_redis_again)
