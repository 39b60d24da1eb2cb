"""Behind the reverse proxy every request comes from the proxy's address: the real client
is the one the trusted proxies wrote in X-Forwarded-For (TRUSTED_PROXY_COUNT), and every
per-address limit counts it."""

import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from config.settings import base
from participation.abuse import client_ip

from .factories import PASSWORD, verified_user

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"


@pytest.fixture
def behind_one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    cache.clear()
    yield
    cache.clear()


def login(client, email, password, address):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_failed_logins_lock_out_one_client_address_not_the_others(
    client, behind_one_proxy
):
    resident = verified_user(email="habitante@exemple.fr")
    for attempt in range(10):
        login(client, f"inconnu{attempt}@exemple.fr", "mauvais", "192.0.2.10")
    locked = login(client, resident.email, PASSWORD, "192.0.2.10")
    assert locked.status_code == 200
    assert "_auth_user_id" not in client.session
    other = login(client, resident.email, PASSWORD, "192.0.2.20")
    assert other.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_a_forged_header_cannot_pass_for_another_client(behind_one_proxy):
    """The client may send its own X-Forwarded-For: only the entry the proxy appended counts."""
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7, 192.0.2.10"
    )
    assert client_ip(request) == "192.0.2.10"


def test_without_a_trusted_proxy_the_socket_address_counts(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get(
        "/", REMOTE_ADDR="192.0.2.30", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert client_ip(request) == "192.0.2.30"


def test_the_trusted_proxy_count_comes_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT, "
        "settings.REST_FRAMEWORK['NUM_PROXIES'], "
        "settings.DATABASES['default']['CONN_HEALTH_CHECKS'])"
    )
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={
            **os.environ,
            "PYTHONPATH": "site",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "x" * 50,
            "TRUSTED_PROXY_COUNT": "1",
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert output.split() == ["1", "1", "True"]
