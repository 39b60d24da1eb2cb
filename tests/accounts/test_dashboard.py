"""Mon compte: profile, notification preferences, sections other apps register."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks

from accounts import dashboard
from participation.models import ParticipantProfile
from tests.accounts.factories import EmailAddressFactory, UserFactory, verified_user

pytestmark = pytest.mark.django_db


def test_dashboard_needs_a_signed_in_user(client):
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_dashboard_lists_profile_and_links(client, territory):
    user = verified_user(display_name="Lou <b>Quercy</b>", commune=territory["cahors"])
    client.force_login(user)
    response = client.get(reverse("accounts:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lou &lt;b&gt;Quercy&lt;/b&gt;" in html, "user text is escaped"
    assert "Cahors" in html
    for name in ("account_email", "account_change_password", "accounts:profile"):
        assert f'href="{reverse(name)}"' in html
    assert f'href="{reverse("accounts:my_data")}"' in html
    assert f'href="{reverse("accounts:delete")}"' in html
    assert f'href="{reverse("accounts:notifications")}"' in html
    assert (
        "private" in response["Cache-Control"]
        or "no-cache" in response["Cache-Control"]
    )


def test_dashboard_warns_a_blocked_participant(client):
    user = verified_user()
    ParticipantProfile.to_write(user).block("Messages publicitaires")
    client.force_login(user)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Votre participation est suspendue" in html
    assert "Messages publicitaires" in html


def test_profile_update(client, territory):
    user = verified_user()
    client.force_login(user)
    assert client.get(reverse("accounts:profile")).status_code == 200
    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "Nouveau nom", "commune": territory["arcambal"].pk},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Nouveau nom"
    assert ParticipantProfile.objects.get(user=user).commune == territory["arcambal"]


def test_profile_refuses_empty_name_and_foreign_commune(client, territory):
    user = verified_user(display_name="Avant")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "", "commune": territory["outside"].pk},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "display_name" in errors and "commune" in errors
    user.refresh_from_db()
    assert user.display_name == "Avant"


def test_notification_preferences_are_saved(client, topic):
    user = verified_user()
    client.force_login(user)
    page = client.get(reverse("accounts:notifications"))
    assert "Ouverture d’une nouvelle consultation" in page.content.decode()
    assert f'name="{topic}"' in page.content.decode()

    client.post(reverse("accounts:notifications"), {})
    user.refresh_from_db()
    assert user.wants_notification(topic) is False

    client.post(reverse("accounts:notifications"), {topic: "on"})
    user.refresh_from_db()
    assert user.wants_notification(topic) is True


def test_registered_sections_appear_in_mon_compte(client, test_templates):
    def context(request):
        return {"greeting": f"Contributions de {request.user.public_name}"}

    def section():
        return dashboard.DashboardSection("accounts_tests/section.html", context)

    with hooks.register_temporarily("register_dashboard_section", section, order=5):
        user = verified_user(display_name="Alix")
        client.force_login(user)
        html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Contributions de Alix" in html
    assert html.index("Contributions de Alix") < html.index("Mes notifications")


def dashboard_queries(client, user):
    client.force_login(user)
    client.get(reverse("accounts:dashboard"))  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    return len(queries)


def test_mon_compte_query_count_does_not_grow_with_data(client, territory, topic):
    small = verified_user(commune=territory["cahors"])
    few = dashboard_queries(client, small)

    for _ in range(30):
        verified_user(commune=territory["arcambal"])
    large = verified_user(commune=territory["cahors"])
    for index in range(10):
        EmailAddressFactory(
            user=large, email=f"ancienne{index}@exemple.fr", primary=False
        )
    many = dashboard_queries(client, large)
    assert few == many
    assert many <= 15, "the public page budget"


def test_unverified_address_is_flagged(client):
    user = UserFactory()
    EmailAddressFactory(user=user, verified=False)
    client.force_login(user)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "n’est pas encore confirmée" in html


def test_profile_refuses_an_impersonating_name(client):
    user = verified_user(display_name="Avant")
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"display_name": "Admin PETR"})
    assert "réservé à l’équipe du PETR" in response.content.decode()
    user.refresh_from_db()
    assert user.display_name == "Avant"
