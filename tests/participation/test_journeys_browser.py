"""Two journeys of issue 15, in Chromium, with axe at zero and nothing scrolling
sideways: a resident on a 375 px phone from the poster's QR link to a proposal they
support, and a moderator hiding a proposal then another answering its appeal."""

import re

import pytest
from django.core import mail

from participation.models import Appeal, ConsultationPage, Proposal, Status, Support
from tests.browser import assert_accessible, assert_no_sideways_scroll

from . import factories
from .test_browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def consultation(site_root, charter):
    from cms.models import SiteSettings, StandardPage

    privacy = site_root.add_child(
        instance=StandardPage(title="Confidentialité", slug="confidentialite")
    )
    settings = SiteSettings.for_site(site_root.get_site())
    settings.privacy_page = privacy
    settings.save()
    page = factories.consultation(site_root, "open", title="Mobilités rurales")
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def check(page):
    assert_no_sideways_scroll(page)
    assert_accessible(page)


def test_resident_on_a_phone_from_the_poster_to_a_proposal(browser_page, consultation):
    proposal = factories.ProposalFactory(
        consultation=consultation, title="Un minibus le jour du marché"
    )
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    # The poster's QR code holds the consultation's public address.
    page.goto(consultation.url)
    check(page)
    page.get_by_role("link", name="Un minibus le jour du marché").first.click()
    page.wait_for_url(f"**{proposal.get_absolute_url()}")
    check(page)

    page.locator("main").get_by_role("link", name="créer un compte").first.click()
    page.wait_for_url(re.compile(r"/compte/signup/\?next="))
    check(page)
    page.fill("#id_email", "lea@exemple.fr")
    page.fill("#id_display_name", "Léa de Cahors")
    page.fill("#id_password1", "un-mot-de-passe-bien-long")
    page.fill("#id_password2", "un-mot-de-passe-bien-long")
    page.get_by_label(re.compile("charte", re.I)).check()
    page.get_by_label(re.compile("confidentialité", re.I)).check()
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_load_state()
    check(page)

    link = re.search(
        r"https?://[^/\s]+(/compte/confirm-email/\S+/)", mail.outbox[-1].body
    )
    page.goto(link.group(1))
    check(page)
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url(f"**{proposal.get_absolute_url()}")
    check(page)
    page.get_by_role("button", name="Soutenir cette proposition").click()
    page.wait_for_selector("text=Merci pour votre soutien")
    check(page)
    assert Support.objects.filter(
        proposal=proposal, user__email="lea@exemple.fr"
    ).exists()


def test_moderator_hides_a_proposal_and_another_answers_the_appeal(
    browser_page, consultation
):
    author = factories.UserFactory()
    proposal = factories.ProposalFactory(
        consultation=consultation, author=author, title="Titre injurieux"
    )
    first, second = factories.moderator(), factories.moderator()
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, first)
    page.goto(f"/admin/moderation/proposition/{proposal.pk}/")
    assert_no_sideways_scroll(page)
    page.get_by_role("radio", name="Masquer", exact=True).check()
    page.get_by_label("Motif de masquage (liste de la charte)").select_option(
        "offensive"
    )
    page.locator("textarea[name=reason]").fill("Propos injurieux.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    page.wait_for_load_state()
    assert Proposal.objects.get(pk=proposal.pk).status == Status.HIDDEN

    page.context.clear_cookies()
    page.goto(proposal.get_absolute_url())
    check(page)
    assert "Titre injurieux" not in page.content()
    assert page.title().startswith("Proposition masquée par la modération")

    mail.outbox.clear()
    Appeal.file(proposal, author, "Ce n’est pas injurieux.")
    alert = next(m for m in mail.outbox if "réexamen" in m.subject)
    assert alert.to == [second.email]
    path = re.search(r"https?://[^/\s]+(/admin/\S+)", alert.body).group(1)

    sign_in(page, second)
    page.goto(path)
    assert_no_sideways_scroll(page)
    assert "Ce n’est pas injurieux." in page.content()
    page.get_by_role("radio", name="Rétablir la contribution").check()
    page.locator("textarea[name=reason]").fill("Après relecture, rétablie.")
    page.get_by_role("button", name="Enregistrer la décision").click()
    page.wait_for_load_state()
    assert Proposal.objects.get(pk=proposal.pk).status == Status.PUBLISHED
    page.context.clear_cookies()
    page.goto(proposal.get_absolute_url())
    check(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Titre injurieux"
