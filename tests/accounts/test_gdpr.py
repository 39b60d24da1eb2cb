"""The right of access (download) and the right to erasure (delete my account)."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts import gdpr
from accounts.models import User
from participation.models import ParticipantProfile
from tests.accounts.factories import PASSWORD, verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def notebook():
    """An app's personal data, registered through the same API participation uses."""
    notes = {}

    def export(user):
        return {"notes": notes.get(user.pk, [])}

    def erase(user):
        notes.pop(user.pk, None)

    def section():
        return gdpr.Section(
            key="carnet", label=_("Carnet de test"), export=export, erase=erase
        )

    with hooks.register_temporarily("register_gdpr_section", section):
        yield notes


@pytest.fixture
def resident(territory):
    user = verified_user(
        email="dominique@exemple.fr",
        display_name="Dominique de Cahors",
        first_name="Dominique",
        last_name="Delpech",
        commune=territory["cahors"],
    )
    user.record_consents()
    ParticipantProfile.to_write(user).accept_charter(user.privacy_accepted_at)
    user.notification_settings = {"nouvelles_consultations": False}
    user.save()
    user.groups.add(Group.objects.create(name="Lecteurs"))
    return user


def test_download_contains_every_field_and_every_registered_section(
    client, resident, notebook
):
    notebook[resident.pk] = ["Ma proposition sur les bus"]
    client.force_login(resident)
    response = client.get(reverse("accounts:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "no-cache" in response["Cache-Control"]
        or "private" in response["Cache-Control"]
    )
    data = json.loads(response.content)

    account = data["compte"]
    assert len(account) == len(User._meta.concrete_fields) + 2
    assert not {"is_staff", "user_permissions", "email", "groups"} & set(account)
    assert account["adresse_electronique"] == "dominique@exemple.fr"
    assert account["nom_affiche"] == "Dominique de Cahors"
    assert account["prenom"] == "Dominique"
    assert account["nom"] == "Delpech"
    profile = data["participation"]["donnees"]["profil"]
    assert profile["commune_de_residence"] == {"code_insee": "46042", "nom": "Cahors"}
    assert profile["charte_de_participation_acceptee_le"]
    assert account["politique_de_confidentialite_acceptee_le"]
    assert account["preferences_de_notification"] == {"nouvelles_consultations": False}
    assert account["groupes"] == ["Lecteurs"]
    assert PASSWORD not in response.content.decode()
    assert "md5$" not in response.content.decode()
    assert data["adresses_electroniques"] == [
        {"adresse": "dominique@exemple.fr", "verifiee": True, "principale": True}
    ]
    assert data["carnet"] == {
        "titre": "Carnet de test",
        "donnees": {"notes": ["Ma proposition sur les bus"]},
    }


def test_data_pages_need_a_signed_in_user(client):
    for name in ("accounts:my_data", "accounts:my_data_download", "accounts:delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_delete_needs_the_right_password_and_the_confirmation(client, resident):
    client.force_login(resident)
    response = client.post(
        reverse("accounts:delete"), {"password": "pas-le-bon", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "Ce mot de passe ne correspond pas" in response.content.decode()
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert "Cochez cette case" in response.content.decode()
    resident.refresh_from_db()
    assert resident.is_active
    assert resident.email == "dominique@exemple.fr"


def test_get_on_the_delete_page_changes_nothing(client, resident):
    client.force_login(resident)
    assert client.get(reverse("accounts:delete")).status_code == 200
    resident.refresh_from_db()
    assert resident.is_active and resident.erased_at is None


def test_deletion_leaves_no_personal_data(client, resident, notebook):
    notebook[resident.pk] = ["Ma proposition sur les bus"]
    other_device = Client()
    other_device.force_login(resident)
    bystander = verified_user()
    bystander_device = Client()
    bystander_device.force_login(bystander)
    client.force_login(resident)
    assert Session.objects.count() == 3

    response = client.post(
        reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302

    erased = User.objects.get(pk=resident.pk)
    assert erased.email == f"compte-supprime-{resident.pk}@example.invalid"
    assert "dominique" not in erased.email
    assert erased.first_name == erased.last_name == erased.display_name == ""
    profile = ParticipantProfile.objects.get(user=erased)
    assert profile.commune is None
    assert erased.notification_settings == {}
    assert profile.charter_accepted_at is None and erased.privacy_accepted_at is None
    assert erased.last_login is None
    assert not erased.is_active
    assert not erased.has_usable_password()
    assert not erased.groups.exists()
    assert erased.erased_at is not None
    assert str(erased.public_name) == "Participant·e supprimé·e"
    assert str(erased) == "Participant·e supprimé·e"
    assert not EmailAddress.objects.filter(user=erased).exists()
    assert not EmailAddress.objects.filter(email__icontains="dominique").exists()
    assert not User.objects.filter(email__icontains="dominique").exists()
    assert resident.pk not in notebook, "the registered eraser ran"

    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(resident.pk) not in sessions
    assert sessions.count(str(bystander.pk)) == 1, "other people stay signed in"
    assert other_device.get(reverse("accounts:dashboard")).status_code == 302

    # Nobody can sign in as the erased account any more.
    client.post(
        reverse("account_login"),
        {"login": "dominique@exemple.fr", "password": PASSWORD},
    )
    assert "_auth_user_id" not in client.session


def test_erased_user_can_no_longer_contribute_or_be_notified(
    resident, topic, test_templates
):
    from django.core import mail

    from accounts.notifications import notify

    gdpr.erase_user(resident)
    erased = User.objects.get(pk=resident.pk)
    assert not erased.has_perm("accounts.contribute")
    assert not notify(erased, "accounts_tests/notification", {}, topic=topic)
    assert mail.outbox == []


def test_deletion_purges_queued_e_mails_from_the_task_queue(
    resident, topic, settings, test_templates
):
    """In production the database task queue keeps each e-mail's address and text."""
    from django_tasks_db.models import DBTaskResult

    from accounts.notifications import notify

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    other = verified_user()
    notify(resident, "accounts_tests/notification", {}, topic=topic)
    notify(other, "accounts_tests/notification", {}, topic=topic)
    assert DBTaskResult.objects.count() == 2

    gdpr.erase_user(resident)
    remaining = list(DBTaskResult.objects.values_list("args_kwargs", flat=True))
    assert len(remaining) == 1
    assert "dominique" not in str(remaining)
    assert other.email in str(remaining)


def test_account_without_password_is_asked_to_set_one_first(client, resident):
    resident.set_unusable_password()
    resident.save()
    client.force_login(resident)
    response = client.post(
        reverse("accounts:delete"), {"password": "", "confirm": "on"}
    )
    assert "choisissez d’abord un mot de passe" in response.content.decode()
    resident.refresh_from_db()
    assert resident.is_active and resident.erased_at is None
