import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import PASSWORD, verified_user

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("account_signup")


def signup_data(**overrides):
    data = {
        "email": "Camille.Martin@Exemple.fr",
        "display_name": "Camille du Lot",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "commune": "",
        "accept_charter": "on",
        "accept_privacy": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def legal_pages(site_root):
    from cms.models import SiteSettings, StandardPage
    from participation.models import ParticipationSettings

    charter = site_root.add_child(
        instance=StandardPage(title="Charte de participation", slug="charte")
    )
    privacy = site_root.add_child(
        instance=StandardPage(title="Confidentialité", slug="confidentialite")
    )
    settings = SiteSettings.for_site(site_root.get_site())
    settings.privacy_page = privacy
    settings.save()
    participation = ParticipationSettings.for_site(site_root.get_site())
    participation.charter_page = charter
    participation.save()
    return charter, privacy


def confirmation_link(message):
    match = re.search(r"https?://[^/\s]+(/compte/confirm-email/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_signup_page_shows_every_field_and_links_the_legal_pages(
    client, legal_pages, territory
):
    response = client.get(SIGNUP_URL)
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("email", "display_name", "password1", "password2", "commune"):
        assert f'name="{name}"' in html
    assert 'name="accept_charter"' in html
    assert 'name="accept_privacy"' in html
    assert 'href="/charte/"' in html
    assert 'href="/confidentialite/"' in html
    assert "Cahors" in html
    assert "Arcambal" in html
    assert "Labastide-Murat" not in html, "only communes of the PETR are offered"
    # The consent help (with its link) is tied to the checkbox.
    assert 'aria-describedby="id_accept_charter_helptext"' in html


def test_signup_sends_a_french_verification_mail_and_the_link_verifies(
    client, legal_pages, territory
):
    response = client.post(
        SIGNUP_URL,
        signup_data(commune=territory["cahors"].pk),
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "camille.martin@exemple.fr"
    assert user.display_name == "Camille du Lot"
    assert user.participation_profile.commune == territory["cahors"]
    assert user.participation_profile.charter_accepted_at is not None
    assert user.privacy_accepted_at is not None
    assert not user.has_perm("accounts.contribute")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille.martin@exemple.fr"]
    assert message.subject == (
        "[Grand Quercy] Bienvenue ! Confirmez votre adresse électronique"
    )
    assert "Bonjour," in message.body
    assert "confirmez votre adresse électronique" in message.body

    link = confirmation_link(message)
    page = client.get(link)
    assert page.status_code == 200
    assert "Confirmer" in page.content.decode()
    assert not EmailAddress.objects.get(user=user).verified, "GET changes nothing"

    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary
    assert User.objects.get().has_perm("accounts.contribute")
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_signup_without_consents_is_refused_with_clear_messages(client, site_root):
    response = client.post(
        SIGNUP_URL, signup_data(accept_charter=None, accept_privacy=None)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "vous devez accepter la charte de participation" in html
    assert "vous devez accepter la politique de confidentialité" in html
    assert 'aria-invalid="true"' in html
    assert (
        'aria-describedby="id_accept_charter_helptext id_accept_charter_error"'
        in (html)
        or 'aria-describedby="id_accept_charter_error"' in html
    )
    assert not User.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("missing", ["display_name", "email", "password2"])
def test_signup_requires_name_email_and_password_twice(client, site_root, missing):
    response = client.post(SIGNUP_URL, signup_data(**{missing: ""}))
    assert response.status_code == 200
    assert response.context["form"].errors[missing]
    assert not User.objects.exists()


def test_signup_refuses_a_commune_outside_the_petr(client, site_root, territory):
    response = client.post(SIGNUP_URL, signup_data(commune=territory["outside"].pk))
    assert response.context["form"].errors["commune"]
    assert not User.objects.exists()


def test_signup_refuses_mismatched_passwords(client, site_root):
    response = client.post(SIGNUP_URL, signup_data(password2="autre-chose-2026"))
    assert response.context["form"].errors["password2"]
    assert not User.objects.exists()


def test_honeypot_filled_creates_nothing(client, site_root):
    response = client.post(SIGNUP_URL, signup_data(site_web="http://spam.example"))
    assert response.status_code == 302
    assert not User.objects.exists()
    assert mail.outbox == []


def test_signup_with_a_taken_address_creates_no_second_account(client, site_root):
    verified_user(email="camille.martin@exemple.fr")
    client.post(SIGNUP_URL, signup_data())
    assert User.objects.count() == 1
    # allauth prevents enumeration: the owner is told by e-mail instead.
    assert mail.outbox[0].subject == "[Grand Quercy] Vous avez déjà un compte"


def test_unverified_user_cannot_log_in_and_gets_a_new_link(client, site_root):
    client.post(SIGNUP_URL, signup_data())
    client.logout()
    mail.outbox.clear()
    response = client.post(
        reverse("account_login"),
        {"login": "camille.martin@exemple.fr", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("camille@exemple.fr", "n’utilisez pas d’adresse électronique"),
        ("Modératrice", "réservé à l’équipe du PETR"),
        ("L’équipe Grand Quercy", "réservé à l’équipe du PETR"),
    ],
)
def test_display_name_cannot_leak_an_address_or_impersonate_staff(
    client, site_root, name, message
):
    response = client.post(SIGNUP_URL, signup_data(display_name=name))
    assert message in response.content.decode()
    assert not User.objects.exists()
