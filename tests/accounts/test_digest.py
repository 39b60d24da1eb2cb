"""Steps of what people follow: each told once, at once or in the weekly digest."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail import hooks

from accounts import notifications
from accounts.gdpr import erase_user, export_user_data
from accounts.models import Frequency, Notice
from accounts.topics import Topic
from tests.accounts.factories import PASSWORD, verified_user

pytestmark = pytest.mark.django_db

TEMPLATE = "accounts_tests/step"


@pytest.fixture
def people(test_templates):
    weekly = verified_user()
    at_once = verified_user(notification_frequency=Frequency.IMMEDIATE)
    return weekly, at_once


def announce(users, key, topic, title="Réponse publiée"):
    return notifications.announce(
        users,
        key,
        TEMPLATE,
        {"step": key, "title": title, "url": "http://testserver/p/1/"},
        topic=topic,
    )


def test_a_step_is_told_once_per_person_however_often_announced(people, topic):
    weekly, at_once = people
    assert announce([weekly, at_once], "p:1:answer", topic) == 2
    assert announce([weekly, at_once, at_once], "p:1:answer", topic) == 0
    # at once: one e-mail; weekly: nothing until the digest
    assert [m.to for m in mail.outbox] == [[at_once.email]]
    message = mail.outbox[0]
    assert "Étape p:1:answer : Réponse publiée" in message.subject
    assert "Il s’est passé ceci : Réponse publiée." in message.body
    assert "/compte/desabonnement/" in message.extra_headers["List-Unsubscribe"]
    assert Notice.objects.count() == 2

    mail.outbox.clear()
    announce([weekly, at_once], "p:1:project", topic, title="Devenue un projet")
    assert call_command("send_digests") is None
    digests = [m for m in mail.outbox if m.to == [weekly.email]]
    assert len(digests) == 1
    body = digests[0].body
    assert "2 nouveautés" in digests[0].subject
    assert body.index("Réponse publiée") < body.index("Devenue un projet")
    # the immediate reader already had both, one e-mail each: no digest for them
    assert [m.to for m in mail.outbox].count([at_once.email]) == 1

    mail.outbox.clear()
    call_command("send_digests")
    assert mail.outbox == []
    assert not Notice.objects.unsent().exists()


def test_nobody_hears_of_a_topic_they_turned_off(people, topic):
    weekly, at_once = people
    at_once.set_notification(topic, False)
    assert announce([weekly, at_once], "p:2:answer", topic) == 1
    assert mail.outbox == []
    # turned off before the digest: the waiting step is dropped, not sent later
    weekly.set_notification(topic, False)
    call_command("send_digests")
    assert mail.outbox == []
    weekly.set_notification(topic, True)
    call_command("send_digests")
    assert mail.outbox == []


def test_inactive_accounts_and_accounts_without_address_hear_nothing(people, topic):
    weekly, _at_once = people
    weekly.is_active = False
    weekly.save()
    assert announce([weekly], "p:3:answer", topic) == 0
    assert not Notice.objects.exists()


def test_digest_unsubscribe_link_turns_off_every_topic_it_carried(
    people, topic, settings
):
    from django.utils.translation import gettext_lazy as _

    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    projects = [Topic("tests_projets", _("L’avancement des projets"))]
    with hooks.register_temporarily("register_notification_topics", lambda: projects):
        weekly, _at_once = people
        announce([weekly], "p:4:answer", topic)
        announce([weekly], "p:4:note", "tests_projets", title="Chantier commencé")
        call_command("send_digests")
        message = mail.outbox[-1]
        header = message.extra_headers["List-Unsubscribe"]
        path = re.search(r"<http://testserver(/compte/desabonnement/[^>]+)>", header)
        page = Client().get(path.group(1)).content.decode()
        assert "L’avancement des projets" in page
        assert "Ouverture d’une nouvelle consultation" in page
        Client(enforce_csrf_checks=True).post(
            path.group(1), {"List-Unsubscribe": "One-Click"}
        )
        weekly.refresh_from_db()
        assert not weekly.wants_notification(topic)
        assert not weekly.wants_notification("tests_projets")


def test_the_preferences_form_sets_the_rhythm(client, topic):
    user = verified_user()
    client.login(email=user.email, password=PASSWORD)
    url = reverse("accounts:notifications")
    page = client.get(url).content.decode()
    assert "Une lettre par semaine" in page and 'type="radio"' in page
    response = client.post(url, {"frequency": "toutes-les-heures", topic: "on"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    user.refresh_from_db()
    assert user.notification_frequency == Frequency.WEEKLY
    response = client.post(url, {"frequency": Frequency.IMMEDIATE})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.notification_frequency == Frequency.IMMEDIATE
    assert user.wants_notification(topic) is False
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Un e-mail à chaque étape" in dashboard


def test_notices_are_in_the_data_download_and_erased_with_the_account(people, topic):
    weekly, _at_once = people
    announce([weekly], "p:5:answer", topic)
    exported = export_user_data(weekly)["avis_de_suivi"]
    assert exported[0]["objet"] == "Étape p:5:answer : Réponse publiée"
    assert exported[0]["envoye_le"] is None
    erase_user(weekly)
    assert not Notice.objects.filter(user=weekly).exists()
