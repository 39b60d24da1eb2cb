"""The mayor's and the staff's journeys in Chromium, and axe on every intranet template."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from contrats.models import POEntry, ProgrammeOperationnel
from mayors.models import ConferencePage, Submission
from tests import browser
from tests.browser import assert_accessible

from .factories import PASSWORD, SessionFactory, make_complete_draft, pdf_bytes

# tests/conftest.py gives every browser test a transactional database restored from
# the migrated data.
pytestmark = pytest.mark.browser
NEW_PASSWORD = "Causses-du-Quercy-2027"


def admin_login(page, user):
    browser.admin_sign_in(page, user.email, PASSWORD)


def test_invited_mayor_submits_and_staff_compile_the_po(
    browser_page, staff, commune_a, call, measure, clamscan
):
    page = browser_page
    # Staff invite the mayor from the Wagtail admin.
    admin_login(page, staff)
    page.goto("/admin/mayors/official/new/")
    page.fill("input[name=first_name]", "Claire")
    page.fill("input[name=last_name]", "Delmas")
    page.fill("input[name=email]", "claire.delmas@arcambal.fr")
    page.select_option("select[name=role]", "maire")
    page.select_option("select[name=commune]", str(commune_a.pk))
    page.get_by_role("button", name="Créer").click()
    page.wait_for_url(re.compile(r"/admin/mayors/official/$"))
    invitation = next(m for m in mail.outbox if m.to == ["claire.delmas@arcambal.fr"])
    link = re.search(r"https?://\S+(/compte/\S+)", invitation.body).group(1)
    page.context.clear_cookies()

    # The mayor chooses a password from the e-mail link, then signs in.
    page.goto(link)
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.locator("main").get_by_role("button", name="Modifier le mot de passe").click()
    page.wait_for_load_state()
    page.goto("/compte/login/?next=/espace-elus/")
    page.fill("input[name=login]", "claire.delmas@arcambal.fr")
    page.fill("input[name=password]", NEW_PASSWORD)
    page.locator("main").get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"/espace-elus/$"))
    assert_accessible(page)

    # A draft, saved, then completed on the edit page.
    page.get_by_role("link", name=re.compile("Nouvelle priorité")).click()
    assert_accessible(page)
    page.get_by_label("Intitulé").fill("Rénovation de la salle des fêtes")
    page.get_by_label("Description").fill("Isolation, accessibilité et chauffage bois.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url(re.compile(r"/modifier/$"))
    assert_accessible(page)
    page.select_option("select[name=measure]", str(measure.pk))
    page.get_by_label("Prêt à démarrer").check()
    page.fill("input[name=latitude]", str(commune_a.latitude))
    page.fill("input[name=longitude]", str(commune_a.longitude))
    page.fill("input[name=estimated_cost]", "300000")
    page.fill("input[name=planned_start]", "2027-04-01")
    page.fill("input[name=planned_end]", "2028-03-31")
    page.select_option("select[name=financement-0-funder]", "region")
    page.fill("input[name=financement-0-amount]", "90000")
    page.select_option("select[name=financement-1-funder]", "etat")
    page.fill("input[name=financement-1-amount]", "60000")
    page.select_option("select[name=financement-1-status]", "secured")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url(re.compile(r"/priorites/\d+/$"))
    assert_accessible(page)
    submission = Submission.objects.get(title="Rénovation de la salle des fêtes")
    assert submission.financing_lines.count() == 2

    # The required document, checked by the real ClamAV.
    page.goto(f"/espace-elus/priorites/{submission.pk}/modifier/")
    page.select_option("select[name=kind]", "Délibération du conseil municipal")
    page.set_input_files(
        "input[name=file]",
        {
            "name": "deliberation.pdf",
            "mimeType": "application/pdf",
            "buffer": pdf_bytes(),
        },
    )
    page.get_by_role("button", name="Ajouter la pièce").click()
    page.wait_for_load_state()
    assert page.get_by_text("analysé, sain").is_visible()
    assert_accessible(page)

    # Submission and its acknowledgement.
    page.goto(f"/espace-elus/priorites/{submission.pk}/")
    page.get_by_role("link", name="Déposer", exact=True).click()
    assert_accessible(page)
    mail.outbox.clear()
    page.get_by_role("button", name="Confirmer le dépôt").click()
    page.wait_for_url(re.compile(r"/accuse-de-reception/$"))
    assert_accessible(page)
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED
    assert page.get_by_text(submission.reference).first.is_visible()
    assert any(
        submission.reference in m.subject
        for m in mail.outbox
        if m.to == ["claire.delmas@arcambal.fr"]
    )
    page.goto("/espace-elus/")
    assert page.get_by_text("Déposé").first.is_visible()
    page.context.clear_cookies()

    # Staff review, retain and compile the PO in the admin.
    admin_login(page, staff)
    page.goto(f"/admin/mayors/submission/inspect/{submission.pk}/")
    page.select_option("select[name=action]", "start_review")
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_load_state()
    page.select_option("select[name=action]", "retained")
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_load_state()
    submission.refresh_from_db()
    assert submission.state == Submission.State.RETAINED
    page.goto(f"/admin/mayors/call/compile/{call.pk}/")
    page.get_by_role("button", name="Compiler le Programme Opérationnel").click()
    page.wait_for_load_state()
    assert page.get_by_text("1 projet ajouté").is_visible()
    page.get_by_role("button", name="Compiler le Programme Opérationnel").click()
    page.wait_for_load_state()
    assert page.get_by_text("0 ajouté(s), 1 déjà présent(s)").is_visible()
    assert POEntry.objects.count() == 1

    # The contrats side adopts the draft version; the project is then on the public PO page.
    programme = ProgrammeOperationnel.objects.get(
        contract=call.contract, year=call.year
    )
    programme.draft_version().adopt()
    page.context.clear_cookies()
    page.goto(programme.get_absolute_url())
    assert page.get_by_text("Rénovation de la salle des fêtes").first.is_visible()


def test_other_intranet_templates_are_accessible(
    browser_page, mayor_a, commune_a, call, measure, site_root
):
    now = timezone.now()
    session = SessionFactory(
        opinion_opens_at=now - datetime.timedelta(days=1),
        opinion_closes_at=now + datetime.timedelta(days=3),
    )
    SessionFactory(
        title="Séance passée",
        starts_at=now - datetime.timedelta(days=40),
        minutes="Avis favorable.",
    )
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    conference = site_root.add_child(
        instance=ConferencePage(
            title="La Conférence des Maires",
            slug="conference-des-maires",
            introduction="Les maires du territoire.",
        )
    )
    page = browser_page
    page.goto("/compte/login/")
    page.fill("input[name=login]", mayor_a.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main").get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()
    for path in (
        f"/espace-elus/priorites/{draft.pk}/retirer/",
        f"/espace-elus/conference/{session.pk}/communes/{commune_a.pk}/avis/",
        "/espace-elus/",
    ):
        page.goto(path)
        assert_accessible(page)
    # An error message is linked to its field.
    page.goto(f"/espace-elus/conference/{session.pk}/communes/{commune_a.pk}/avis/")
    page.get_by_label("Favorable avec réserves").check()
    page.get_by_role("button", name="Enregistrer l’avis").click()
    page.wait_for_load_state()
    assert page.get_by_text("Précisez vos réserves.").is_visible()
    assert_accessible(page)
    page.goto(f"/espace-elus/priorites/{draft.pk}/modifier/")
    page.fill("input[name=latitude]", "47.0")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_load_state()
    assert page.locator("input[name=latitude][aria-invalid=true]").count() == 1
    assert_accessible(page)
    page.goto(conference.url)
    assert page.get_by_text("Séance passée").is_visible()
    assert_accessible(page)
