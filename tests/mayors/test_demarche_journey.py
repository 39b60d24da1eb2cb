"""Issue #17, done when: policy staff build a démarche open to associations in the
admin; they invite an association's member, who chooses a password through the link
and files a dossier on a 375 px phone, deposits it and downloads the ARE in PDF; staff
instruct it and export the listing with the form's columns; a visitor finds the
démarche from « Quelles aides pour mon projet ? ». One journey, in Chromium."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from aides.models import Carrier
from mayors.models import CallForPriorities, ElectedOfficial, Submission
from tests.aides.factories import AidSchemeFactory, finder_page
from tests.browser import (
    admin_sign_in,
    assert_accessible,
    assert_no_sideways_scroll,
    record_csp_violations,
)
from tests.cms.factories import ContactPageFactory, public_site

from .factories import PASSWORD, OrganisationFactory, pdf_bytes
from .test_demarche_browser import create_with_a_piece_and_three_fields
from .test_phone_form import PHONE

pytestmark = pytest.mark.browser
TITLE = "Contrat Local de Santé — appel à projets 2027"
ASSOCIATION = "Association Bien Vieillir en Quercy"
NEW_PASSWORD = "Causses-du-Quercy-46"


def phone_page(chromium_browser, live_server):
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport=PHONE
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page, record_csp_violations(page)


def at_ease_on_a_phone(page):
    assert_accessible(page)
    assert_no_sideways_scroll(page)


def build_demarche(page, cto):
    """Three kinds of fields, one required piece, open to communes and associations."""
    local = timezone.localtime()
    page.goto("/admin/mayors/call/new/")
    page.fill("input[name=title]", TITLE)
    page.select_option("select[name=kind]", "form")
    page.locator("input[name=contract]").evaluate(
        "(input, pk) => { input.value = pk; }", str(cto.pk)
    )
    page.fill(
        "input[name=opens_at]",
        (local - datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
    )
    page.fill(
        "input[name=closes_at]",
        (local + datetime.timedelta(days=60)).strftime("%Y-%m-%d %H:%M"),
    )
    page.locator("input[name=open_to_associations]").check()
    page.locator("input[name=aid_schemes]").check()  # the catalogue's CLS scheme
    create_with_a_piece_and_three_fields(page, "Statuts de l’association")
    call = CallForPriorities.objects.get(title=TITLE)
    assert call.open_to_associations and call.open_to_communes
    assert call.required_document_list == ["Statuts de l’association"]
    assert [scheme.name for scheme in call.aid_schemes.all()] == [TITLE]
    return call


def invite_member(page, association):
    mail.outbox.clear()
    page.goto("/admin/mayors/official/new/")
    page.fill("input[name=first_name]", "Nadia")
    page.fill("input[name=last_name]", "Lafon")
    page.fill("input[name=email]", "nadia.lafon@bien-vieillir.example")
    page.select_option("select[name=role]", "membre")
    page.select_option("select[name=organisation]", label=association.name)
    page.locator("input[name=can_submit]").check()
    page.get_by_role("button", name="Créer").click()
    page.wait_for_url(re.compile(r"/admin/mayors/official/$"))
    official = ElectedOfficial.objects.get(
        user__email="nadia.lafon@bien-vieillir.example"
    )
    assert official.organisation == association and official.may_submit
    (message,) = [m for m in mail.outbox if m.to == [official.user.email]]
    return re.search(r"https?://[^/\s]+(/espace-elus/invitation/\S+)", message.body)[1]


def file_and_deposit(page, link):
    page.goto(link)
    at_ease_on_a_phone(page)
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.get_by_role("button", name="Enregistrer mon mot de passe et entrer").click()
    page.wait_for_url(re.compile(r"/espace-elus/$"))
    at_ease_on_a_phone(page)
    assert ASSOCIATION in page.locator("main").inner_text()

    page.get_by_role("link", name=re.compile(r"^Nouveau dossier")).click()
    page.wait_for_url(re.compile(r"/organisations/\d+/nouveau-dossier/$"))
    at_ease_on_a_phone(page)
    page.get_by_label("Intitulé").fill("Ateliers mémoire dans les villages")
    page.get_by_label("Public visé").fill("Personnes de plus de 70 ans")
    page.get_by_label("Subvention demandée (€)").fill("8 500")
    page.get_by_role("radio", name="Non").check()
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url(re.compile(r"/priorites/\d+/modifier/$"))
    at_ease_on_a_phone(page)
    dossier = Submission.objects.get()
    assert dossier.organisation.name == ASSOCIATION and dossier.commune is None

    page.get_by_label("Nature de la pièce").select_option("Statuts de l’association")
    page.get_by_label("Fichier").set_input_files(
        {"name": "statuts.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_role("button", name="Ajouter la pièce").click()
    page.wait_for_load_state()
    assert page.get_by_text("statuts.pdf").first.is_visible()

    page.goto(f"/espace-elus/priorites/{dossier.pk}/")
    at_ease_on_a_phone(page)
    page.get_by_role("link", name="Déposer").click()
    at_ease_on_a_phone(page)
    page.get_by_role("button", name="Confirmer le dépôt").click()
    page.wait_for_url(re.compile(r"/accuse-de-reception/$"))
    at_ease_on_a_phone(page)
    text = page.locator("main").inner_text()
    assert ASSOCIATION in text and "Personnes de plus de 70 ans" in text
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger en PDF").click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    dossier.refresh_from_db()
    assert dossier.state == Submission.State.SUBMITTED and dossier.reference
    assert download.value.suggested_filename.endswith(f"{dossier.reference}.pdf")
    return dossier


def instruct_and_export(page, dossier, call):
    inspect = f"/admin/mayors/submission/inspect/{dossier.pk}/"
    page.goto(inspect)
    assert ASSOCIATION in page.locator("main").inner_text()
    page.get_by_label("Passer en instruction").check()
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_load_state()
    page.goto(inspect)
    page.get_by_label("Retenir le dossier").check()
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_load_state()
    dossier.refresh_from_db()
    assert dossier.state == Submission.State.RETAINED
    page.goto(f"/admin/mayors/submission/?call={call.pk}&holder=association")
    assert "Ateliers mémoire dans les villages" in page.locator("main").inner_text()
    response = page.request.get(
        f"/admin/mayors/submission/?call={call.pk}&holder=association&export=csv"
    )
    assert response.status == 200
    header, row = response.text().splitlines()[:2]
    for column in ("Organisation", "Public visé", "Subvention demandée"):
        assert column in header
    assert "Action déjà menée" in header
    assert ASSOCIATION in row and "Personnes de plus de 70 ans" in row


def visitor_finds_the_demarche(page, finder):
    page.goto(finder.url)
    at_ease_on_a_phone(page)
    page.get_by_label("Une association", exact=True).check()
    page.get_by_label("Santé et accès aux soins").check()
    page.get_by_label("Combien coûte-t-il, hors taxes (en euros) ?").fill("15000")
    page.get_by_role("button", name="Voir les aides").click()
    page.wait_for_load_state()
    at_ease_on_a_phone(page)
    assert TITLE in page.locator("main").inner_text()
    page.get_by_role("link", name="Déposer le dossier").click()
    page.wait_for_load_state()
    at_ease_on_a_phone(page)
    main = page.locator("main").inner_text()
    assert page.locator("h1").inner_text() == TITLE
    assert "Statuts de l’association" in main and "obligatoire" in main
    assert "Public visé" in main
    login = page.get_by_role("link", name="Déposer un dossier")
    assert login.get_attribute("href") == "/compte/login/?next=%2Fespace-elus%2F"


def test_an_associations_member_files_a_dossier_staff_instruct_and_export(
    browser_page, chromium_browser, live_server, staff, cto, site_root
):
    public_site(site_root)
    if not site_root.get_children().filter(slug="contact").exists():
        ContactPageFactory(parent=site_root)
    finder = finder_page(site_root)
    AidSchemeFactory(
        name=TITLE,
        programme="CLS",
        applicants=[Carrier.ASSOCIATION, Carrier.COMMUNE],
        themes=["sante"],
        max_rate=80,
        ceiling=20000,
        procedure_url="/espace-elus/",
    )
    association = OrganisationFactory(name=ASSOCIATION)

    admin = browser_page
    admin_sign_in(admin, staff.email, PASSWORD)
    call = build_demarche(admin, cto)
    link = invite_member(admin, association)

    context, phone, phone_csp = phone_page(chromium_browser, live_server)
    try:
        dossier = file_and_deposit(phone, link)
        phone.context.clear_cookies()
        visitor_finds_the_demarche(phone, finder)
    finally:
        phone.goto("about:blank")
        context.close()
    assert phone_csp == []

    instruct_and_export(admin, dossier, call)
