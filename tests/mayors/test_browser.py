"""The mayor's and the staff's journeys in Chromium, and axe on every intranet template."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

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


PHONE = {"width": 375, "height": 812}


def assert_fits(page):
    """No sideways scroll (RGAA 10.11, which axe does not detect) and axe at zero."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url}: {width} px wide"
    assert_accessible(page)


def test_invited_mayor_on_a_phone_from_the_invitation_to_the_are_pdf(
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
    assert (
        "En tant que maire" in invitation.body and "valable 3 jours" in invitation.body
    )
    link = re.search(r"https?://\S+(/espace-elus/invitation/\S+)", invitation.body)
    page.context.clear_cookies()

    # On her phone, the mayor chooses a password and arrives signed in, on her dashboard.
    page.set_viewport_size(PHONE)
    page.goto(link.group(1))
    assert_fits(page)
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.get_by_role("button", name="Enregistrer mon mot de passe et entrer").click()
    page.wait_for_url(re.compile(r"/espace-elus/$"))
    assert_fits(page)
    # The intranet is in the header from now on.
    page.goto("/")
    page.locator("header").get_by_role("link", name="Espace des élus").click()
    page.wait_for_url(re.compile(r"/espace-elus/$"))

    # A draft, saved, then completed on the edit page.
    page.get_by_role("link", name=re.compile("Nouvelle priorité")).click()
    page.wait_for_url(re.compile(r"/nouvelle-priorite/$"))
    assert_fits(page)
    page.get_by_label("Intitulé").fill("Rénovation de la salle des fêtes")
    page.get_by_label("Description").fill("Isolation, accessibilité et chauffage bois.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url(re.compile(r"/modifier/$"))
    assert_fits(page)
    page.select_option("select[name=measure]", str(measure.pk))
    page.get_by_label("Prêt à démarrer").check()
    page.get_by_text("Saisir les coordonnées").click()
    page.fill("input[name=latitude]", str(commune_a.latitude))
    page.fill("input[name=longitude]", str(commune_a.longitude))
    page.fill("input[name=estimated_cost]", "300000")
    page.fill("input[name=planned_start]", "2027-04-01")
    page.fill("input[name=planned_end]", "2028-03-31")
    page.select_option("select[name=financement-0-funder]", "region")
    page.fill("input[name=financement-0-amount]", "290000")
    # A second line: « Ajouter une ligne » saves the draft and brings one more.
    page.get_by_role("button", name="Ajouter une ligne").click()
    page.wait_for_url(re.compile(r"/modifier/\?lignes_vides=1#financement$"))
    page.select_option("select[name=financement-1-funder]", "etat")
    page.fill("input[name=financement-1-amount]", "60000")
    page.select_option("select[name=financement-1-status]", "secured")
    # 350 000 € of funding for a 300 000 € project: refused, with the reason.
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_load_state()
    assert page.get_by_text("dépasse le coût estimé HT").is_visible()
    assert_fits(page)
    page.fill("input[name=financement-0-amount]", "90000")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url(re.compile(r"/priorites/\d+/$"))
    submission = Submission.objects.get(title="Rénovation de la salle des fêtes")
    assert submission.financing_lines.count() == 2
    # Not deposited yet: « Déposer » is there, disabled, with what is missing.
    assert page.get_by_role("button", name="Déposer").is_disabled()
    assert page.get_by_text("Délibération du conseil municipal").first.is_visible()
    assert_fits(page)

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
    assert_fits(page)

    # Deposit, the acknowledgement, and its PDF.
    page.goto(f"/espace-elus/priorites/{submission.pk}/")
    page.get_by_role("link", name="Déposer", exact=True).click()
    assert_fits(page)
    mail.outbox.clear()
    page.get_by_role("button", name="Confirmer le dépôt").click()
    page.wait_for_url(re.compile(r"/accuse-de-reception/$"))
    assert_fits(page)
    submission.refresh_from_db()
    assert submission.state == Submission.State.SUBMITTED
    assert page.get_by_text("deliberation.pdf").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger en PDF").click()
    pdf = Path(download.value.path()).read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert submission.reference in text and "deliberation.pdf" in text


def test_policy_staff_instruct_and_compile(
    browser_page, staff, commune_a, mayor_a, call, measure
):
    submission = make_complete_draft(call, commune_a, mayor_a, measure)
    submission.submit(by=mayor_a)
    page = browser_page
    admin_login(page, staff)

    # The listing: state tabs, cost and Région columns.
    page.goto("/admin/mayors/submission/")
    page.get_by_role("link", name="Déposé (1)").click()
    page.wait_for_url(re.compile(r"state=submitted"))
    assert page.get_by_text("80\u202f000\u00a0€").first.is_visible()
    assert_accessible(page)

    # Back to the commune in one step, straight from « déposé ».
    page.get_by_role("link", name=submission.title).first.click()
    page.wait_for_load_state()
    if "/inspect/" not in page.url:
        page.goto(f"/admin/mayors/submission/inspect/{submission.pk}/")
    assert_accessible(page)
    assert page.get_by_label("Retenir au Programme Opérationnel").count() == 0
    mail.outbox.clear()
    page.get_by_label("Renvoyer à la commune pour correction").check()
    page.get_by_label("Message ou motif").fill("Joignez le devis signé.")
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_load_state()
    submission.refresh_from_db()
    assert submission.state == Submission.State.CHANGES_REQUESTED
    assert any(mayor_a.email in m.to for m in mail.outbox)

    # The commune corrects and deposits again; staff instruct and retain.
    submission.submit(by=mayor_a)
    page.reload()
    mail.outbox.clear()
    page.get_by_label("Passer en instruction").check()
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_load_state()
    assert any("en instruction" in m.subject for m in mail.outbox)
    page.get_by_label("Retenir au Programme Opérationnel").check()
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_load_state()
    submission.refresh_from_db()
    assert submission.state == Submission.State.RETAINED

    # « Compiler » from the list of calls.
    page.goto("/admin/mayors/call/")
    page.get_by_role("link", name="Compiler le PO 2027").click()
    page.wait_for_url(re.compile(r"/compile/"))
    assert_accessible(page)
    page.get_by_role("button", name="Compiler le Programme Opérationnel").click()
    page.wait_for_load_state()
    assert page.get_by_text("1 projet ajouté").is_visible()
    entry = POEntry.objects.get()
    assert entry.region_amount == 80000
    assert [
        (line.funder, line.amount) for line in entry.project.financing_lines.all()
    ] == [("etat", 70000)]

    # Public, but said to be only proposed until the PO is adopted.
    page.context.clear_cookies()
    page.goto(entry.project.get_absolute_url())
    assert page.get_by_text(
        "en attente de l’avis de la Conférence des Maires"
    ).is_visible()
    programme = ProgrammeOperationnel.objects.get(
        contract=call.contract, year=call.year
    )
    programme.draft_version().adopt()
    page.goto(programme.get_absolute_url())
    assert page.get_by_text(submission.title).first.is_visible()


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
    page.get_by_text("Saisir les coordonnées").click()
    page.fill("input[name=latitude]", "47.0")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_load_state()
    assert page.locator("input[name=latitude][aria-invalid=true]").count() == 1
    assert_accessible(page)
    page.goto(conference.url)
    assert page.get_by_text("Séance passée").is_visible()
    assert_accessible(page)
