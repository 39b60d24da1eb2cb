"""A commune member files a dossier on a démarche of typed fields, on a 375 px phone:
validation in French, a draft saved, the deposit, the ARE with the answers; axe at
zero on every page of the way."""

import re

import pytest

from mayors.models import CallForPriorities, DemarcheField, Submission
from tests.browser import admin_sign_in, assert_accessible, assert_no_sideways_scroll
from tests.cms.factories import public_site

from .factories import PASSWORD, DemarcheFactory, DemarcheFieldFactory, add_attachment
from .test_phone_form import PHONE, sign_in

pytestmark = pytest.mark.browser
Kind = DemarcheField.Kind


def create_with_a_piece_and_three_fields(page, piece):
    """In the démarche's admin form: one required piece, then three fields of three
    kinds (short text, amount — required —, yes/no), and « Créer »."""
    page.get_by_role("button", name=re.compile(r"^Ajouter .*pièce$")).click()
    page.fill("input[name=documents-0-name]", piece)
    for index, (label, kind) in enumerate(
        [
            ("Public visé", "short_text"),
            ("Subvention demandée", "amount"),
            ("Action déjà menée", "yes_no"),
        ]
    ):
        page.get_by_role("button", name=re.compile(r"^Ajouter .*champ$")).click()
        page.fill(f"input[name=form_fields-{index}-label]", label)
        page.select_option(f"select[name=form_fields-{index}-kind]", kind)
    page.locator("input[name=form_fields-1-required]").check()
    page.get_by_role("button", name="Créer").click()
    page.wait_for_url(re.compile(r"/admin/mayors/call/$"))


def test_commune_member_files_a_typed_dossier_on_a_phone(
    browser_page, mayor_a, commune_a, cto
):
    call = DemarcheFactory(
        contract=cto, title="Fiches-projets CRTE 2027", required_documents=""
    )
    DemarcheFieldFactory(
        call=call,
        label="Montant sollicité",
        key="montant",
        kind=Kind.AMOUNT,
        required=True,
    )
    DemarcheFieldFactory(
        call=call, label="Projet déjà engagé", key="engage", kind=Kind.YES_NO
    )
    DemarcheFieldFactory(
        call=call,
        label="Thème",
        key="theme",
        kind=Kind.CHOICE,
        choices="Mobilités\nTransition écologique\nServices",
        required=True,
    )
    DemarcheFieldFactory(
        call=call,
        label="Délibération",
        key="deliberation",
        kind=Kind.FILE,
        required=True,
    )
    page = browser_page
    page.set_viewport_size(PHONE)
    sign_in(page, mayor_a)
    page.goto(
        f"/espace-elus/appels/{call.pk}/communes/{commune_a.pk}/nouvelle-priorite/"
    )
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    page.get_by_label("Intitulé").fill("Voie verte du Lot")
    page.get_by_label("Montant sollicité (€)").fill("douze mille")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_load_state()
    assert page.get_by_text("Saisissez un nombre.").is_visible()
    assert_accessible(page)
    assert not Submission.objects.exists()

    page.get_by_label("Montant sollicité (€)").fill("12 000")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url(re.compile(r"/priorites/\d+/modifier/$"))
    dossier = Submission.objects.get()
    assert dossier.answers["montant"] == "12000"
    assert_accessible(page)
    assert_no_sideways_scroll(page)

    page.get_by_role("radio", name="Non").check()
    page.get_by_label("Thème").select_option("Mobilités")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url(re.compile(r"/priorites/\d+/$"))
    # The piece a file field asks for is still missing: no deposit yet.
    assert page.get_by_text("Délibération", exact=True).first.is_visible()
    assert page.locator("button[disabled]", has_text="Déposer").count() == 1
    assert_accessible(page)

    add_attachment(dossier, mayor_a, kind="Délibération", name="deliberation.pdf")
    page.reload()
    page.get_by_role("link", name="Déposer").click()
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer le dépôt").click()
    page.wait_for_url(re.compile(r"/accuse-de-reception/$"))
    text = page.locator("main").inner_text()
    assert "Montant sollicité" in text and "12\u202f000\u00a0€" in text
    assert "Mobilités" in text and "deliberation.pdf" in text
    assert_accessible(page)
    assert_no_sideways_scroll(page)


def test_staff_build_a_demarche_in_the_admin(browser_page, staff, cto):
    page = browser_page
    admin_sign_in(page, staff.email, PASSWORD)
    page.goto("/admin/mayors/call/new/")
    page.fill("input[name=title]", "Contrat Local de Santé — appel à projets 2027")
    page.select_option("select[name=kind]", "form")
    # The page chooser's modal is Wagtail's own: its hidden input takes the page.
    page.locator("input[name=contract]").evaluate(
        "(input, pk) => { input.value = pk; }", str(cto.pk)
    )
    page.fill("input[name=opens_at]", "2026-12-01 09:00")
    page.fill("input[name=closes_at]", "2027-03-31 18:00")
    create_with_a_piece_and_three_fields(page, "Budget prévisionnel")
    call = CallForPriorities.objects.get(kind="form")
    assert [(f.key, f.kind, f.required) for f in call.form_fields.all()] == [
        ("public-vise", "short_text", False),
        ("subvention-demandee", "amount", True),
        ("action-deja-menee", "yes_no", False),
    ]
    assert call.required_document_list == ["Budget prévisionnel"]


def test_anyone_reads_a_demarche_and_the_list_at_320_px(browser_page, cto, site_root):
    public_site(site_root)
    demarche = DemarcheFactory(
        contract=cto,
        title="Contrat Local de Santé — appel à projets de prévention et d’accès aux soins",
        open_to_associations=True,
        required_documents="Budget prévisionnel de l’action (recettes et dépenses)",
    )
    DemarcheFieldFactory(
        call=demarche,
        label="Axe du Contrat Local de Santé",
        kind=DemarcheField.Kind.CHOICE,
        choices="Prévention et promotion de la santé\nAccès aux soins\nSanté mentale",
        help_text="Un seul axe par dossier : le principal.",
    )
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/demarches/")
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    page.get_by_role("link", name=demarche.title).click()
    page.wait_for_load_state()
    assert "Budget prévisionnel" in page.locator("main").inner_text()
    assert_accessible(page)
    assert_no_sideways_scroll(page)
