"""Login, logout, password reset and e-mail change, through allauth's real views."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import PASSWORD, verified_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un-tout-nouveau-secret-2027"


def link_in(message, path_prefix):
    match = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_login_and_logout(client, site_root):
    user = verified_user()
    page = client.get(reverse("account_login"))
    assert page.status_code == 200
    assert "Connexion" in page.content.decode()

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    assert client.get(reverse("account_logout")).status_code == 200
    assert "_auth_user_id" in client.session, "GET asks, it does not log out"
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_login_with_a_wrong_password_says_so_in_french(client, site_root):
    user = verified_user()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "mauvais"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "incorrect" in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_password_reset_by_e_mail(client, site_root):
    user = verified_user()
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject == "[Grand Quercy] Choisissez un nouveau mot de passe"
    link = link_in(message, "/compte/password/reset/key/")

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(
        action, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert any(m.subject.endswith("réinitialisé") for m in mail.outbox)


def test_password_reset_for_an_unknown_address_reveals_nothing(client, site_root):
    response = client.post(
        reverse("account_reset_password"), {"email": "personne@exemple.fr"}
    )
    assert response.status_code == 302
    assert mail.outbox[-1].subject == "[Grand Quercy] Aucun compte avec cette adresse"


def test_password_change_while_signed_in(client, site_root):
    user = verified_user()
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert mail.outbox[-1].subject == "[Grand Quercy] Votre mot de passe a changé"


def test_e_mail_change_takes_effect_once_the_new_address_is_verified(client, site_root):
    user = verified_user(email="ancienne@exemple.fr")
    client.force_login(user)
    page = client.get(reverse("account_email"))
    assert page.status_code == 200

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "nouvelle@exemple.fr"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "ancienne@exemple.fr", "unchanged until verified"
    link = link_in(mail.outbox[-1], "/compte/confirm-email/")

    client.post(link)
    user.refresh_from_db()
    assert user.email == "nouvelle@exemple.fr"
    assert list(
        EmailAddress.objects.filter(user=user).values_list(
            "email", "verified", "primary"
        )
    ) == [("nouvelle@exemple.fr", True, True)]
    assert User.objects.get(pk=user.pk).has_perm("accounts.contribute")


@override_settings(
    ACCOUNT_RATE_LIMITS={"login_failed": "10/m/ip,3/5m/key"},
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "rate-limit-test",
        }
    },
)
def test_failed_logins_are_rate_limited(client, site_root):
    user = verified_user()
    for _attempt in range(3):
        client.post(
            reverse("account_login"), {"login": user.email, "password": "mauvais"}
        )
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session, "even the right password waits"
    assert "Trop de tentatives" in response.content.decode()
