"""One login door: the Wagtail admin signs in through allauth, with its rules."""

import pytest
from django.conf import settings
from django.urls import reverse

from config.settings import base
from tests.accounts.factories import PASSWORD, unverified_user, verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_limits(settings):
    """The rate limits production runs with (test settings turn them off)."""
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS


def test_admin_redirects_to_the_allauth_sign_in(client, site_root):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/admin/pages/" in response["Location"]
    login = client.get("/admin/login/?next=/admin/")
    assert login.status_code == 302
    assert login["Location"] == reverse("account_login") + "?next=/admin/"
    assert client.get("/admin/password_reset/")["Location"] == reverse(
        "account_reset_password"
    )


def test_an_unverified_address_cannot_sign_in_through_the_admin(client, site_root):
    """The probe's first finding: POST /admin/login/ opened an unverified account."""
    user = unverified_user()
    client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    response = client.post(
        reverse("participation:proposal_report", args=[1]), {"reason": "spam"}
    )
    assert response.status_code in {302, 403, 404}
    assert "_auth_user_id" not in client.session


def test_staff_signs_in_through_allauth_and_reaches_the_admin(client, site_root):
    from tests.participation.factories import moderator

    staff = moderator()
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": staff.email, "password": "un-mot-de-passe-solide"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_25_wrong_passwords_lock_the_door_even_to_the_right_one(
    client, site_root, production_limits
):
    """The probe's second finding: 25 wrong passwords on the admin's form, then the
    right one opened it. Both doors are tried; neither opens any more."""
    user = verified_user(is_staff=True, is_superuser=True)
    refused_from = None
    for attempt in range(25):
        client.post(
            "/admin/login/", {"username": user.email, "password": f"faux-{attempt}"}
        )
        response = client.post(
            reverse("account_login"),
            {"login": user.email, "password": f"faux-{attempt}"},
        )
        if refused_from is None and "Trop de tentatives" in response.content.decode():
            refused_from = attempt
    client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session, "the admin's form still opens it"
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives" in response.content.decode()
    assert refused_from is not None and refused_from <= 10
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"]
