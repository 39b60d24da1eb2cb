"""Two-factor authentication: required to enter the admin, offered to mayors; the tests
compute real TOTP codes from the secret, as an authenticator app does (RFC 6238)."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.participation import factories

pytestmark = pytest.mark.django_db


def totp(secret, at=None):
    counter = int((at or time.time()) // 30)
    digest = hmac.new(
        base64.b32decode(secret, casefold=True),
        struct.pack(">Q", counter),
        hashlib.sha1,
    ).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def sign_in(client, user, next_url="/admin/"):
    return client.post(
        reverse("account_login") + f"?next={next_url}",
        {"login": user.email, "password": factories.PASSWORD},
    )


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


def activate(client):
    """The activation page as staff see it: confirm the password (allauth asks again
    before any change of the account's security), scan the secret, type the app's code."""
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("account_reauthenticate"))
    client.post(page["Location"], {"password": factories.PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret)})
    assert response.status_code == 302
    return secret


def test_staff_set_up_an_authenticator_before_the_admin_opens(
    client, site_root, mfa_required
):
    moderator = factories.moderator()
    sign_in(client, moderator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    secret = activate(client)
    assert Authenticator.objects.filter(
        user=moderator, type=Authenticator.Type.RECOVERY_CODES
    ).exists()
    assert client.get("/admin/").status_code == 200

    # Next time: the password is not enough, the app's code is asked for.
    client.logout()
    with time_machine.travel(time.time() + 90, tick=True):
        response = sign_in(client, moderator)
        assert response["Location"] == reverse("mfa_authenticate")
        assert "_auth_user_id" not in client.session
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert "_auth_user_id" not in client.session
        client.post(reverse("mfa_authenticate"), {"code": totp(secret)})
        assert client.session["_auth_user_id"] == str(moderator.pk)
        assert client.get("/admin/").status_code == 200


def test_a_recovery_code_opens_the_account_once(client, site_root, mfa_required):
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    sign_in(client, admin)
    activate(client)
    codes = (
        Authenticator.objects.get(user=admin, type=Authenticator.Type.RECOVERY_CODES)
        .wrap()
        .get_unused_codes()
    )
    client.logout()
    sign_in(client, admin)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert client.session["_auth_user_id"] == str(admin.pk)
    client.logout()
    sign_in(client, admin)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert "_auth_user_id" not in client.session


def test_the_admin_closes_to_staff_without_it_but_mayors_are_only_offered_it(
    client, site_root, mfa_required
):
    from tests.mayors.factories import OfficialFactory

    staff = factories.communication_staff()
    client.force_login(staff)
    assert client.get("/admin/pages/").status_code == 302
    mayor = OfficialFactory().user
    client.force_login(mayor)
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert "double authentification" in dashboard
    assert reverse("mfa_index") in dashboard
    resident = factories.UserFactory()
    client.force_login(resident)
    assert (
        "double authentification"
        not in client.get(reverse("accounts:dashboard")).content.decode()
    )
