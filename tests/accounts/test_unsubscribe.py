"""One-click unsubscribe from a notification e-mail (signed token, RFC 8058)."""

import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from accounts import notifications
from tests.accounts.factories import verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident():
    return verified_user()


def url_for(user, topic):
    return reverse(
        "accounts:unsubscribe", args=[notifications.unsubscribe_token(user, topic)]
    )


def test_get_asks_and_changes_nothing(client, resident, topic):
    response = client.get(url_for(resident, topic))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ouverture d’une nouvelle consultation" in html
    assert 'method="post"' in html
    resident.refresh_from_db()
    assert resident.wants_notification(topic) is True


def test_post_turns_the_topic_off(client, resident, topic):
    response = client.post(url_for(resident, topic))
    assert response.status_code == 200
    assert "vous ne recevrez plus" in response.content.decode()
    resident.refresh_from_db()
    assert resident.wants_notification(topic) is False


def test_one_click_post_from_a_mail_client_without_csrf_token(resident, topic):
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        url_for(resident, topic), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    resident.refresh_from_db()
    assert resident.wants_notification(topic) is False


def test_the_link_in_a_real_notification_works(
    resident, topic, settings, test_templates
):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    mail.outbox.clear()
    assert notifications.notify(
        resident, "accounts_tests/notification", {}, topic=topic
    )
    message = mail.outbox[-1]
    assert "/compte/desabonnement/" in message.body
    header = message.extra_headers["List-Unsubscribe"]
    path = re.search(r"<http://testserver(/compte/desabonnement/[^>]+)>", header).group(
        1
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    resident.refresh_from_db()
    assert resident.wants_notification(topic) is False
    assert not notifications.notify(
        resident, "accounts_tests/notification", {}, topic=topic
    )
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "token",
    [
        "n-importe-quoi",
        # Right shape, wrong key.
        signing.dumps({"u": 1, "t": "x"}, salt="accounts.unsubscribe", key="autre"),
        # Right key, wrong salt (e.g. a token made for something else).
        signing.dumps({"u": 1, "t": "x"}, salt="ailleurs"),
    ],
)
def test_forged_tokens_are_refused_and_change_nothing(client, resident, topic, token):
    for method in (client.get, client.post):
        response = method(reverse("accounts:unsubscribe", args=[token]))
        assert response.status_code == 400
        assert "Ce lien de désabonnement n’est pas valable" in response.content.decode()
    resident.refresh_from_db()
    assert resident.wants_notification(topic) is True


def test_tampered_user_in_a_valid_looking_token_is_refused(client, resident, topic):
    victim = verified_user()
    _payload, timestamp, signature = notifications.unsubscribe_token(
        resident, topic
    ).split(":")
    forged_payload = signing.dumps({"u": victim.pk, "t": topic}).split(":")[0]
    response = client.post(
        reverse(
            "accounts:unsubscribe", args=[f"{forged_payload}:{timestamp}:{signature}"]
        )
    )
    assert response.status_code == 400
    victim.refresh_from_db()
    assert victim.wants_notification(topic) is True


def test_unknown_topic_or_erased_user_is_refused(client, resident, topic):
    response = client.post(url_for(resident, "sujet_inconnu"))
    assert response.status_code == 400

    from accounts.gdpr import erase_user

    erase_user(resident)
    response = client.post(url_for(resident, topic))
    assert response.status_code == 400
