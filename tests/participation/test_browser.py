"""Residents, a reporter and a moderator in Chromium; axe on every participation template.

Journey: sign up, verify from the outbox, propose, comment, support; another resident
reports until the proposal is hidden; a moderator restores it in the admin; answers and
results are published. Core actions are also done with JavaScript turned off.
"""

import datetime
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from participation.models import Answer, Comment, ConsultationPage, Proposal, Support
from tests.browser import assert_accessible
from tests.contrats.factories import CommuneFactory

from . import factories

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


@pytest.fixture
def consultation(site_root, legal_pages):
    page = factories.consultation(
        site_root,
        "open",
        categories=["Transport à la demande", "Vélo"],
        title="Mobilités rurales",
    )
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def sign_in(page, user):
    page.goto("/compte/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", factories.PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()


def sign_out(page):
    page.goto("/compte/logout/")
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()


def audited(page, path):
    page.goto(path)
    assert_accessible(page)


@override_settings(PARTICIPATION_REPORT_THRESHOLD=1)
def test_resident_journey_moderation_and_results(browser_page, consultation):
    page = browser_page
    mail.outbox.clear()

    # Sign up and verify the address from the e-mail.
    page.goto("/compte/signup/")
    page.fill("#id_email", "lea@exemple.fr")
    page.fill("#id_display_name", "Léa du Causse")
    page.fill("#id_password1", factories.PASSWORD)
    page.fill("#id_password2", factories.PASSWORD)
    page.check("#id_accept_charter")
    page.check("#id_accept_privacy")
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/compte/confirm-email/")
    link = re.search(r"(https?://\S+/compte/confirm-email/\S+/)", mail.outbox[0].body)
    page.goto(link.group(1))
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url("**/compte/")

    # Propose.
    audited(page, consultation.url)
    page.get_by_role("link", name="Déposer une proposition").click()
    page.wait_for_selector("#id_title")
    assert_accessible(page)
    page.fill("#id_title", "Un minibus le jour du marché")
    page.fill("#id_body", "Réservable la veille, voir https://exemple.fr/tad")
    page.select_option("#id_category", label="Transport à la demande")
    page.get_by_role("button", name="Envoyer ma proposition").click()
    page.wait_for_selector("text=Votre proposition est publiée")
    assert page.locator("h1").inner_text() == "Un minibus le jour du marché"
    assert (
        page.locator('a[rel="nofollow ugc"]').get_attribute("href")
        == "https://exemple.fr/tad"
    )
    assert_accessible(page)
    proposal = Proposal.objects.get()

    # Comment, then support.
    page.fill("#id_body", "J’ajoute : avec un arrêt à la pharmacie.")
    page.get_by_role("button", name="Publier le commentaire").click()
    page.wait_for_selector("text=Votre commentaire est publié")
    assert "arrêt à la pharmacie" in page.content()
    # Another resident supports it: an author may not support their own proposal.
    sign_out(page)
    sign_in(page, factories.UserFactory())
    page.goto(proposal.get_absolute_url())
    page.get_by_role("button", name="Soutenir cette proposition").click()
    page.wait_for_selector("text=Merci pour votre soutien")
    assert page.locator(".participation-count-big").inner_text().startswith("1 soutien")
    assert_accessible(page)

    # Edit and delete pages, the reply page, the account section.
    comment = Comment.objects.get()
    audited(page, f"/participation/commentaires/{comment.pk}/modifier/")
    audited(page, f"/participation/commentaires/{comment.pk}/supprimer/")
    audited(
        page,
        f"/participation/propositions/{proposal.pk}/commenter/?parent={comment.pk}",
    )
    audited(page, "/compte/")
    assert "Un minibus le jour du marché" in page.content()
    sign_out(page)

    # Someone else reports it: past the (lowered) threshold it is hidden.
    reporter = factories.UserFactory()
    sign_in(page, reporter)
    page.goto(proposal.get_absolute_url())
    page.get_by_role("link", name="Signaler cette proposition").click()
    page.wait_for_selector("#id_reason_0")
    assert_accessible(page)
    page.get_by_label("Publicité ou contenu indésirable").check()
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.wait_for_selector("text=masquée par la modération")
    assert_accessible(page)
    sign_out(page)
    page.goto(consultation.url)
    assert "Un minibus le jour du marché" not in page.content()

    # A moderator restores it from the admin queue.
    moderator = factories.moderator()
    sign_in(page, moderator)
    page.goto("/admin/moderation/")
    page.get_by_role("link", name="Un minibus le jour du marché").click()
    page.get_by_label("Rétablir").check()
    page.fill("#id_reason", "Signalement non fondé.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    page.wait_for_url("**/admin/moderation/")
    proposal.refresh_from_db()
    assert proposal.status == "published"
    assert any("Signalement non fondé." in message.body for message in mail.outbox)

    # The answer, then the results.
    page.goto(reverse("participation_answers:add"))
    page.select_option("#id_proposal", label="Un minibus le jour du marché")
    page.select_option("#id_status", label="Retenue")
    page.fill("#id_explanation", "Un service sera testé en 2027.")
    page.get_by_role("button", name=re.compile("^(Créer|Create)$")).click()
    page.wait_for_url("**/participation/reponses/")
    assert Answer.objects.filter(proposal=proposal).exists()
    sign_out(page)

    now = timezone.now()
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        opens_at=now - datetime.timedelta(days=20),
        closes_at=now - datetime.timedelta(days=2),
        results_published_at=now - datetime.timedelta(days=1),
    )
    audited(page, consultation.url)
    assert "Résultats de la consultation" in page.content()
    assert "Un service sera testé en 2027." in page.content()
    audited(page, proposal.get_absolute_url())


def test_core_actions_without_javascript(chromium_browser, live_server, consultation):
    resident = factories.UserFactory()
    commune = CommuneFactory(name="Arcambal")
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, resident)
        page.goto(f"/participation/consultations/{consultation.pk}/proposer/")
        page.fill("#id_title", "Sans JavaScript")
        page.fill("#id_body", "Tout fonctionne avec des formulaires.")
        # Without the map, the commune alone says where.
        page.select_option("#id_commune", label=commune.name)
        page.get_by_role("button", name="Envoyer ma proposition").click()
        page.wait_for_selector("text=Votre proposition est publiée")
        assert commune.name in page.locator("main").inner_text()
        page.fill("#id_body", "Un commentaire sans script.")
        page.get_by_role("button", name="Publier le commentaire").click()
        page.wait_for_selector("text=Votre commentaire est publié")
        page.get_by_role("link", name=re.compile("^Répondre")).click()
        page.fill("#id_body", "Et une réponse.")
        page.get_by_role("button", name="Publier le commentaire").click()
        page.wait_for_selector("text=Et une réponse.")
        sign_out(page)
        sign_in(page, factories.UserFactory())
        page.goto(Proposal.objects.get().get_absolute_url())
        page.get_by_role("button", name="Soutenir cette proposition").click()
        page.wait_for_selector("text=Merci pour votre soutien")
        page.get_by_role("button", name="Retirer mon soutien").click()
        page.wait_for_selector("text=Votre soutien a été retiré")
    finally:
        context.close()
    assert Proposal.objects.get().commune == commune
    assert Comment.objects.filter(parent__isnull=False).count() == 1
    assert not Support.objects.exists()


def test_pages_are_accessible_signed_out_and_in(browser_page, consultation, site_root):
    from participation.models import CouncilMeeting, CouncilMember, CouncilPage

    proposal = factories.ProposalFactory(
        consultation=consultation,
        title="Une voie verte",
        latitude="44.44750",
        longitude="1.44190",
    )
    factories.CommentFactory(consultation=consultation, proposal=proposal)
    factories.CommentFactory(consultation=consultation)
    council = factories.index_page(site_root).add_child(
        instance=CouncilPage(title="Le Conseil Participatif Citoyen", slug="cpc")
    )
    CouncilMember.objects.create(page=council, name="Marie Delmas", college="residents")
    CouncilMeeting.objects.create(page=council, date=timezone.now(), place="Cahors")
    page = browser_page
    paths = (
        factories.index_page(site_root).url,
        consultation.url,
        proposal.get_absolute_url(),
        council.url,
        f"/participation/consultations/{consultation.pk}/proposer/",
    )
    for path in paths:  # signed out: the last one is the refusal page
        audited(page, path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    sign_in(page, factories.UserFactory())
    for path in paths:  # signed in: forms everywhere
        audited(page, path)
    audited(page, f"/participation/propositions/{proposal.pk}/signaler/")
