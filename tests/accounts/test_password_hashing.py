"""Passwords are stored with the production hashers, and old hashes are upgraded at sign-in.

The suite's settings use MD5 for speed; these tests put the production list back.
"""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from django.urls import reverse

from config.settings import base
from tests.accounts.factories import PASSWORD, verified_user

pytestmark = pytest.mark.django_db

production_hashers = override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)


@production_hashers
def test_new_passwords_use_argon2id_at_owasp_cost():
    user = verified_user()
    user.set_password(PASSWORD)
    user.save()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert identify_hasher(user.password).algorithm == "argon2"


@production_hashers
def test_a_pbkdf2_hash_keeps_working_and_is_upgraded_at_sign_in(client, site_root):
    user = verified_user()
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    ):
        user.set_password(PASSWORD)
        user.save()
    assert user.password.startswith("pbkdf2_sha256$")
    assert settings.PASSWORD_HASHERS[0].endswith("OwaspArgon2PasswordHasher")

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
