"""Every e-mail links to one public address (notifications.absolute_url), whatever
host the request that caused it came through."""

import re

from django.core import mail
from django.test import override_settings

from .test_signup import SIGNUP_URL, legal_pages, signup_data

__all__ = ["legal_pages"]


@override_settings(WAGTAILADMIN_BASE_URL="https://www.grandquercy.fr")
def test_sign_up_and_password_reset_links_use_the_public_address(
    client, legal_pages, territory
):
    client.post(
        SIGNUP_URL,
        signup_data(commune=territory["cahors"].pk),
        HTTP_HOST="127.0.0.1",
    )
    links = re.findall(r"https?://\S+", mail.outbox[-1].body)
    assert any("/compte/confirm-email/" in link for link in links)
    assert all(link.startswith("https://www.grandquercy.fr/") for link in links)

    from allauth.account.models import EmailAddress

    EmailAddress.objects.update(verified=True)
    mail.outbox.clear()
    client.post(
        "/compte/password/reset/",
        {"email": "camille.martin@exemple.fr"},
        HTTP_HOST="127.0.0.1",
    )
    links = re.findall(r"https?://\S+", mail.outbox[-1].body)
    assert any("/compte/password/reset/key/" in link for link in links)
    assert all(link.startswith("https://www.grandquercy.fr/") for link in links)
