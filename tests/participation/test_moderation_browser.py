"""Transparent moderation in Chromium: axe on every new page, keyboard, no JavaScript."""

import pytest
from django.core import mail

from participation.models import Appeal, ConsultationPage
from tests.browser import assert_accessible

from . import factories
from .test_browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def consultation(site_root, charter):
    page = factories.consultation(site_root, "open", title="Mobilités rurales")
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def test_an_author_appeals_a_hidden_proposal(browser_page, consultation):
    author = factories.UserFactory()
    proposal = factories.ProposalFactory(
        consultation=consultation, author=author, title="Un marché de nuit"
    )
    factories.hidden_by(
        factories.moderator(), proposal, "off_topic", "Sans lien avec les mobilités."
    )
    page = browser_page
    sign_in(page, author)
    page.goto(proposal.get_absolute_url())
    assert page.get_by_text("Cette proposition a été masquée par la modération.")
    assert "Sans lien avec les mobilités." in page.content()
    assert page.get_by_role("link", name="La charte de participation").is_visible()
    assert page.get_by_role("heading", name="Demander un réexamen").is_visible()
    assert_accessible(page)

    # With the keyboard only: the field, then the button.
    field = page.get_by_label("Pourquoi demandez-vous un réexamen ?")
    field.focus()
    page.keyboard.type("Le marché de nuit a besoin de navettes.")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Envoyer ma demande de réexamen"
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Votre demande de réexamen est enregistrée")
    assert_accessible(page)
    appeal = Appeal.objects.get()
    assert appeal.explanation == "Le marché de nuit a besoin de navettes."

    # Mon compte says where it stands, and links a hidden comment's appeal form.
    comment = factories.CommentFactory(consultation=consultation, author=author)
    factories.hidden_by(factories.moderator(), comment, "duplicate", "Déjà dit.")
    page.goto("/compte/")
    assert "réexamen demandé, en attente de décision" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name=f"Demander un réexamen de « {comment.body} »").click()
    page.wait_for_selector("h1:has-text('Demander un réexamen')")
    assert "Doublon d’une contribution existante" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer ma demande de réexamen").click()
    page.wait_for_selector("text=Expliquez pourquoi vous demandez un réexamen.")
    assert_accessible(page)  # the form with its error


def test_the_appeal_form_of_a_comment_without_javascript(
    chromium_browser, live_server, consultation
):
    author = factories.UserFactory()
    comment = factories.CommentFactory(consultation=consultation, author=author)
    factories.hidden_by(factories.moderator(), comment, "duplicate", "Déjà dit.")
    mail.outbox.clear()
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, author)
        page.goto(consultation.url)
        page.get_by_role("link", name="Demander un réexamen de mon commentaire").click()
        page.wait_for_selector("h1:has-text('Demander un réexamen')")
        assert "Doublon d’une contribution existante" in page.content()
        page.get_by_role("button", name="Envoyer ma demande de réexamen").click()
        page.wait_for_selector("text=Expliquez pourquoi vous demandez un réexamen.")
        page.fill("textarea", "Ce n’est pas un doublon : je réponds à une question.")
        page.get_by_role("button", name="Envoyer ma demande de réexamen").click()
        page.wait_for_selector("text=Votre demande de réexamen est enregistrée")
        assert "Vous avez demandé un réexamen" in page.content()
    finally:
        context.close()
    assert Appeal.objects.get().comment_id == comment.pk


def test_statistics_and_tagged_results_are_accessible(browser_page, site_root, charter):
    results = factories.consultation(site_root, "results", title="Santé de proximité")
    results.save_revision().publish()
    proposal = factories.ProposalFactory(
        consultation=results, title="Une maison de santé"
    )
    for stance in ("pour", "pour", "contre", "question", ""):
        factories.CommentFactory(consultation=results, proposal=proposal, stance=stance)
    factories.CommentFactory(consultation=results, stance="question")
    hidden = factories.ProposalFactory(consultation=results)
    for _ in range(3):
        hidden.report(factories.UserFactory(), "spam")
    page = browser_page

    page.goto(results.url)
    assert "Nombre de commentaires publiés par étiquette" in page.content()
    assert_accessible(page)
    page.goto(proposal.get_absolute_url())
    assert "2 pour · 1 contre · 1 question" in page.inner_text("body")
    assert page.get_by_text("Étiquette : Pour").count() == 2
    assert_accessible(page)

    page.goto("/participation/moderation/")
    assert page.locator("h1").inner_text().startswith("Statistiques de modération")
    assert "Publicité ou contenu indésirable" in page.content()
    assert_accessible(page)
    page.goto(factories.index_page(site_root).url)
    page.get_by_role("link", name="Les statistiques de modération").click()
    page.wait_for_selector("h1:has-text('Statistiques de modération')")
