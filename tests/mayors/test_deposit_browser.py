"""The secretary of a mairie enters a resident's proposal and comment in Chromium, with
the keyboard; axe audits the new intranet pages and the public pages that show them."""

import re

import pytest
from django.core.cache import cache

from participation.models import Comment, Proposal
from tests.browser import assert_accessible
from tests.participation import factories as participation

from .factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def sign_in(page, user):
    page.goto("/compte/login/?next=/espace-elus/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main").get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"/espace-elus/$"))


def test_a_secretary_deposits_a_proposal_and_a_comment(
    browser_page, delegate_a, commune_a, site_root
):
    consultation = participation.consultation(
        site_root,
        "open",
        title="Mobilités rurales",
        easy_read="Comment aller au marché sans voiture ? Donnez vos idées.",
        categories=["Bus", "Vélo"],
    )
    participation.consultation(site_root, "upcoming", title="Santé de proximité")
    existing = participation.ProposalFactory(
        consultation=consultation,
        title="Un minibus le jour du marché",
        easy_read="Un petit bus, le jour du marché.",
    )
    page = browser_page
    sign_in(page, delegate_a)
    assert_accessible(page)
    page.get_by_role(
        "link", name=re.compile("Consultations ouvertes et dépôts")
    ).click()
    page.wait_for_url(re.compile(r"/depots-en-mairie/"))
    assert page.get_by_role(
        "heading", name="Contributions déposées en mairie d’Arcambal"
    ).is_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Déposer une proposition")).click()
    assert_accessible(page)
    # Without consent nothing is saved, and the error is tied to its field.
    page.get_by_label("Nom ou pseudonyme de l’habitant·e").fill("Jeanne D.")
    page.get_by_label("Titre").fill("Des bancs le long de la voie verte")
    page.get_by_label("Texte").fill("Pour se reposer en marchant.")
    page.get_by_role("button", name="Enregistrer la contribution").click()
    page.wait_for_load_state()
    assert page.locator("input[name=consent][aria-invalid=true]").count() == 1
    assert not Proposal.objects.filter(resident_name="Jeanne D.").exists()
    assert_accessible(page)
    # With the keyboard: the paper channel, the consent, then Enter.
    page.get_by_label("Sur papier (courrier, formulaire, registre)").focus()
    page.keyboard.press("Space")
    page.get_by_label(re.compile("L’habitant·e accepte")).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Enregistrer la contribution").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/depots-en-mairie/\d+/(#deposees)?$"))
    assert page.get_by_text("La contribution de Jeanne D. est publiée.").is_visible()
    proposal = Proposal.objects.get(resident_name="Jeanne D.")
    assert proposal.channel == "paper"
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Déposer un commentaire")).click()
    page.get_by_label("Titre de la proposition").fill("minibus")
    page.get_by_role("button", name="Chercher une proposition").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Un minibus le jour du marché").click()
    assert_accessible(page)
    page.get_by_label("Nom ou pseudonyme de l’habitant·e").fill("Marcel")
    page.get_by_role("textbox", name=re.compile(r"^Commentaire")).fill(
        "Oui, et le samedi aussi."
    )
    page.get_by_label(re.compile("L’habitant·e accepte")).check()
    page.get_by_role("button", name="Enregistrer la contribution").click()
    page.wait_for_url(re.compile(r"/depots-en-mairie/"))
    assert Comment.objects.get().resident_name == "Marcel"

    # The public pages: "En bref" first, the resident's name and the mairie's mark.
    page.context.clear_cookies()
    page.goto(consultation.url)
    assert page.get_by_role("region", name="En bref").is_visible()
    assert page.get_by_text("Jeanne D. (déposée en mairie d’Arcambal)").is_visible()
    assert_accessible(page)
    page.goto(existing.get_absolute_url())
    assert page.get_by_role("region", name="En bref").is_visible()
    assert page.get_by_text("Marcel (déposé en mairie d’Arcambal)").is_visible()
    assert_accessible(page)
    page.goto(proposal.get_absolute_url())
    assert page.get_by_text("Jeanne D. (déposée en mairie d’Arcambal)").is_visible()
    assert_accessible(page)


def test_a_refusal_page_is_accessible(browser_page, mayor_a, commune_a, site_root):
    closed = participation.consultation(site_root, "closed")
    page = browser_page
    sign_in(page, mayor_a)
    response = page.goto(
        f"/espace-elus/depots-en-mairie/{commune_a.pk}/consultations/{closed.pk}/proposition/"
    )
    assert response.status == 403
    assert page.get_by_text(
        re.compile("La consultation est close depuis le")
    ).is_visible()
    assert_accessible(page)
