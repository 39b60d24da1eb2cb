"""In Chromium: a proposal's trace and its project's progress pass axe, and a visitor
goes from one to the other with the keyboard, with or without JavaScript."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.urls import reverse

from contrats.models import Project
from participation.models import Answer, AnswerStatus
from tests.browser import admin_sign_in, assert_accessible
from tests.cms.factories import ImageFactory
from tests.contrats.factories import ProjectFactory, make_contract, make_note, make_po

from . import factories

pytestmark = pytest.mark.browser


@pytest.fixture
def linked_proposal(site_root, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    caches["renditions"].clear()
    cto = make_contract(site_root, kind="CTO", short_name="CTO")
    project = ProjectFactory(
        title="Maison de santé", slug="maison-de-sante", status=Project.Status.IDEE
    )
    version = make_po(cto, 2024).draft_version()
    version.add_project(project, Decimal("150000"))
    version.adopt(on=datetime.date(2024, 5, 3))
    project.status = Project.Status.ENGAGE
    project.save()
    # Transactional test: the note's photo gets its rendition at once (on commit).
    make_note(
        project,
        title="Les travaux ont commencé",
        text="Le terrassement a débuté.\n\nLa suite en octobre.",
        photos=[(ImageFactory(), "Une pelleteuse sur le terrain")],
    )
    make_note(project, title="Le gros œuvre est terminé", text="Murs et toiture.")
    consultation = factories.consultation(site_root, "results", categories=["Santé"])
    consultation.save_revision().publish()
    proposal = factories.ProposalFactory(
        consultation=consultation, title="Une maison de santé par bassin de vie"
    )
    Answer.objects.create(
        proposal=proposal,
        status=AnswerStatus.ACCEPTED,
        explanation="Retenue : elle est inscrite au Programme Opérationnel.",
    )
    proposal.link_project(project)
    return proposal


@pytest.mark.parametrize("javascript", [True, False])
def test_trace_and_project_progress_are_accessible_and_keyboard_reachable(
    chromium_browser, live_server, linked_proposal, javascript
):
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=javascript
    )
    page = context.new_page()
    try:
        page.goto(linked_proposal.get_absolute_url())
        assert page.locator("#trace > ol.trace > li").count() == 3  # the proposal's
        assert page.locator("ol.trace--project > li").count() == 5  # its project's
        assert (
            "Ce que devient cette proposition"
            in page.locator("#trace-titre").inner_text()
        )
        assert (
            page.locator('ol.trace img[alt="Une pelleteuse sur le terrain"]').count()
            == 1
        )
        if javascript:  # axe itself is a script
            assert_accessible(page)

        link = page.get_by_role("link", name="Voir le projet « Maison de santé »")
        for _ in range(200):  # Tab through the page until the project's link
            page.keyboard.press("Tab")
            if link.evaluate("element => element === document.activeElement"):
                break
        else:
            pytest.fail("the project's link is never reached with Tab")
        page.keyboard.press("Enter")
        page.wait_for_url("**/projets/maison-de-sante/")

        timeline = page.locator("#avancement ol.progress-timeline > li")
        assert timeline.count() == 4  # created, engaged, two notes
        assert "Les travaux ont commencé" in timeline.nth(2).inner_text()
        image = page.locator('#avancement img[alt="Une pelleteuse sur le terrain"]')
        assert image.count() == 1
        if javascript:
            assert_accessible(page)
    finally:
        page.goto("about:blank")
        context.close()


def test_a_moderator_chooses_the_project_in_the_admin(browser_page, site_root):
    project = ProjectFactory(title="Voie verte de la vallée")
    ProjectFactory(title="Halle de producteurs")
    consultation = factories.consultation(site_root, "open")
    proposal = factories.ProposalFactory(consultation=consultation)
    moderator = factories.moderator()
    page = browser_page
    admin_sign_in(page, moderator.email, factories.PASSWORD)
    page.goto(reverse("participation_proposals:inspect", args=[proposal.pk]))
    page.get_by_role("link", name="Suivi de la proposition").click()
    page.get_by_role("button", name="Choisir un projet").click()
    modal = page.locator(".modal")
    modal.get_by_role("textbox").fill("voie verte")
    modal.get_by_role("link", name="Voie verte de la vallée").click()
    page.get_by_role("button", name="Lier à ce projet").click()
    page.get_by_text(
        "La proposition est liée au projet « Voie verte de la vallée »."
    ).wait_for()
    proposal.refresh_from_db()
    assert proposal.project == project
