"""A resident's journey in Chromium: sign up with the keyboard, verify, manage the account.

axe-core audits every account page, signed out and signed in.
"""

import re

import pytest
from django.core import mail

from accounts import notifications
from tests.accounts.factories import PASSWORD, verified_user
from tests.browser import assert_accessible

# tests/conftest.py gives every browser test a transactional database restored from
# the migrated data.
pytestmark = pytest.mark.browser


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


def focused(page):
    return page.evaluate(
        "() => { const el = document.activeElement;"
        " return el ? (el.id || el.name || el.textContent.trim()) : ''; }"
    )


def tab_to(page, target, limit=60):
    """Press Tab until the element is focused: proves it is reachable by keyboard."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == target:
            return
    raise AssertionError(f"{target} n’est pas atteignable au clavier")


def test_sign_up_verify_and_manage_the_account(browser_page, legal_pages, topic):
    from contrats.models import Commune, Epci

    epci = Epci.objects.create(
        siren="200023737", name="Grand Cahors", nature="CA", is_petr_member=True
    )
    Commune.objects.create(insee_code="46042", name="Cahors", epci=epci)
    page = browser_page
    mail.outbox.clear()

    page.goto("/compte/signup/")
    assert page.locator("h1").inner_text() == "Créer un compte"
    assert_accessible(page)

    # An empty submission: errors tied to their fields, still accessible.
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_selector(".form-errors")
    assert page.locator("#id_accept_charter").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    # The whole form with the keyboard only.
    page.goto("/compte/signup/")
    tab_to(page, "id_email")
    page.keyboard.type("lea.quercy@exemple.fr")
    tab_to(page, "id_display_name")
    page.keyboard.type("Léa du Causse")
    tab_to(page, "id_password1")
    page.keyboard.type(PASSWORD)
    tab_to(page, "id_password2")
    page.keyboard.type(PASSWORD)
    tab_to(page, "id_commune")
    page.keyboard.type("Cahors")
    assert page.locator("#id_commune option:checked").inner_text() == "Cahors"
    tab_to(page, "id_accept_charter")
    page.keyboard.press("Space")
    tab_to(page, "id_accept_privacy")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url("**/compte/confirm-email/")
    assert_accessible(page)

    assert len(mail.outbox) == 1
    link = re.search(r"(https?://\S+/compte/confirm-email/\S+/)", mail.outbox[0].body)
    page.goto(link.group(1))
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url("**/compte/")
    assert page.locator("h1").inner_text() == "Mon compte"
    assert "Léa du Causse" in page.content()
    assert_accessible(page)

    for path in (
        "/compte/profil/",
        "/compte/notifications/",
        "/compte/mes-donnees/",
        "/compte/supprimer/",
        "/compte/email/",
        "/compte/password/change/",
        "/compte/logout/",
    ):
        page.goto(path)
        assert_accessible(page)

    # Preferences with the keyboard: untick the topic and save.
    page.goto("/compte/notifications/")
    tab_to(page, f"id_{topic}")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url("**/compte/")
    from accounts.models import User

    user = User.objects.get(email="lea.quercy@exemple.fr")
    assert user.wants_notification(topic) is False

    # Delete confirmation with a wrong password: accessible error.
    page.goto("/compte/supprimer/")
    page.fill("#id_password", "pas-le-bon")
    page.check("#id_confirm")
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    page.wait_for_selector("#id_password_error")
    assert_accessible(page)

    # Unsubscribe pages, signed in.
    user.set_notification(topic, True)
    page.goto(f"/compte/desabonnement/{notifications.unsubscribe_token(user, topic)}/")
    assert_accessible(page)


def test_signed_out_pages_are_accessible(browser_page, site_root, topic):
    page = browser_page
    user = verified_user()
    for path in (
        "/compte/login/",
        "/compte/password/reset/",
        "/compte/desabonnement/jeton-invalide/",
        f"/compte/desabonnement/{notifications.unsubscribe_token(user, topic)}/",
    ):
        page.goto(path)
        assert_accessible(page)

    page.goto(f"/compte/desabonnement/{notifications.unsubscribe_token(user, topic)}/")
    page.get_by_role("button", name="Confirmer le désabonnement").click()
    page.wait_for_selector("text=C’est fait")
    assert_accessible(page)
    user.refresh_from_db()
    assert user.wants_notification(topic) is False

    # Wrong password on the login page: the error is announced.
    page.goto("/compte/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", "mauvais")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_selector(".form-errors")
    assert_accessible(page)

    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/")
    page.goto("/compte/")
    assert page.locator("h1").inner_text() == "Mon compte"

    page.goto("/compte/logout/")
    page.get_by_role("button", name="Se déconnecter").click()
    mail.outbox.clear()
    page.goto("/compte/password/reset/")
    page.fill("#id_email", user.email)
    page.get_by_role("button", name=re.compile("nitialiser")).click()
    page.wait_for_url("**/password/reset/done/")
    assert_accessible(page)

    link = re.search(
        r"(https?://\S+/compte/password/reset/key/\S+/)", mail.outbox[-1].body
    )
    page.goto(link.group(1))
    page.wait_for_selector("#id_password1")
    assert_accessible(page)
    page.fill("#id_password1", "un-tout-nouveau-secret-2027")
    page.fill("#id_password2", "un-tout-nouveau-secret-2027")
    page.get_by_role("button", name="Modifier le mot de passe").click()
    page.wait_for_url("**/password/reset/key/done/")
    assert_accessible(page)
    user.refresh_from_db()
    assert user.check_password("un-tout-nouveau-secret-2027")
