"""The pieces a démarche asks for: typed by content, required or optional, listed on
the dossier and the ARE, copied by a new version, kept by the version rule, and moved
from the old text field by a reversible migration."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from pypdf import PdfReader

from mayors.models import (
    CallForPriorities,
    DemarcheDocument,
    DocumentFamily,
    Submission,
)

from .factories import PASSWORD, DemarcheFactory, add_attachment, pdf_bytes
from .test_demarches import admin_data, existing_documents

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
REFUSED = (
    "« Budget prévisionnel » doit être un fichier PDF ou tableur (ODS, XLSX) ; ce "
    "fichier n’en est pas un (son contenu a été vérifié, pas seulement son nom)."
)


@pytest.fixture
def demarche(cto):
    call = DemarcheFactory(contract=cto, required_documents="")
    DemarcheDocument.objects.create(
        call=call,
        sort_order=0,
        name="Budget prévisionnel",
        allowed_types=[DocumentFamily.PDF, DocumentFamily.SPREADSHEET],
    )
    DemarcheDocument.objects.create(
        call=call,
        sort_order=1,
        name="Photographies du site",
        allowed_types=[DocumentFamily.IMAGE],
        required=False,
    )
    return call


@pytest.fixture
def draft(demarche, commune_a, mayor_a):
    return Submission.create_draft(
        call=demarche, commune=commune_a, by=mayor_a, title="Maison de santé"
    )


@pytest.fixture
def mayor_client(client, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.login(email=staff.email, password=PASSWORD)
    return client


def upload(client, draft, name, content, kind):
    return client.post(
        reverse("mayors:attachment_upload", args=[draft.pk]),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_a_piece_of_a_type_not_allowed_is_refused_by_its_content(
    mayor_client, draft, tmp_path
):
    response = upload(mayor_client, draft, "budget.pdf", PNG, "Budget prévisionnel")
    assert REFUSED in response.text
    assert not draft.attachments.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]

    # The name never decides: a PDF named like an image is a PDF.
    response = upload(
        mayor_client, draft, "budget.png", pdf_bytes(), "Budget prévisionnel"
    )
    assert REFUSED not in response.text
    assert draft.attachments.get().content_type == "application/pdf"

    # Optional pieces are typed too; a piece the démarche does not name is free.
    response = upload(
        mayor_client, draft, "site.jpg", pdf_bytes(), "Photographies du site"
    )
    assert "doit être un fichier image (JPEG, PNG)" in response.text
    upload(mayor_client, draft, "plan.png", PNG, "Autre pièce")
    assert sorted(draft.attachments.values_list("kind", flat=True)) == [
        "Autre pièce",
        "Budget prévisionnel",
    ]


def test_only_required_documents_hold_the_deposit(
    mayor_client, draft, demarche, mayor_a
):
    assert draft.missing_items() == ["pièce : Budget prévisionnel"]
    edit = mayor_client.get(reverse("mayors:submission_edit", args=[draft.pk])).text
    assert (
        '<option value="Photographies du site">Photographies du site (facultative)'
        in (edit)
    )
    detail = mayor_client.get(reverse("mayors:submission_detail", args=[draft.pk])).text
    assert (
        "<strong>Budget prévisionnel</strong> — obligatoire ; fichier PDF ou tableur "
        "(ODS, XLSX)" in detail
    )
    assert (
        "<strong>Photographies du site</strong> — facultative ; fichier image "
        "(JPEG, PNG)" in detail
    )
    add_attachment(draft, mayor_a, kind="Budget prévisionnel")
    assert draft.missing_items() == []
    draft.submit(by=mayor_a)
    assert draft.state == Submission.State.SUBMITTED


def test_the_are_lists_the_pieces_asked_for(mayor_client, draft, mayor_a):
    add_attachment(draft, mayor_a, kind="Budget prévisionnel")
    draft.submit(by=mayor_a)
    page = mayor_client.get(reverse("mayors:acknowledgement", args=[draft.pk])).text
    assert "<strong>Photographies du site</strong> — facultative" in page
    pdf = mayor_client.get(reverse("mayors:acknowledgement_pdf", args=[draft.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Budget prévisionnel — obligatoire" in text
    assert "Photographies du site — facultative" in text


def test_new_version_copies_the_documents(staff_client, demarche):
    staff_client.post(reverse("mayors_call:new_version", args=[demarche.pk]))
    copy = CallForPriorities.objects.exclude(pk=demarche.pk).get()
    assert [(d.name, d.allowed_types, d.required) for d in copy.documents.all()] == [
        (d.name, d.allowed_types, d.required) for d in demarche.documents.all()
    ]


def test_staff_type_the_documents_in_the_admin(staff_client, cto):
    data = admin_data(
        {"contract": str(cto.pk)},
        [],
        [
            {"name": "Budget", "allowed_types": ["pdf", "spreadsheet"]},
            {"name": "Photos", "allowed_types": ["image"]},
        ],
    )
    response = staff_client.post(reverse("mayors_call:add"), data)
    assert response.status_code == 302
    call = CallForPriorities.objects.get()
    assert [(d.name, d.allowed_types, d.required) for d in call.documents.all()] == [
        ("Budget", ["pdf", "spreadsheet"], False),
        ("Photos", ["image"], False),
    ]
    assert call.required_document_list == []

    data = admin_data(
        {"contract": str(cto.pk), "title": "Autre"},
        [],
        [{"name": "Budget", "allowed_types": []}, {"name": "Budget", "required": 1}],
    )
    response = staff_client.post(reverse("mayors_call:add"), data)
    assert response.status_code == 200
    assert "Cochez au moins un type de fichier." in response.text
    assert "Une autre pièce porte déjà ce nom." in response.text
    assert CallForPriorities.objects.count() == 1


def test_version_rule_keeps_the_documents_dossiers_answered(
    staff_client, demarche, draft, mayor_a
):
    add_attachment(draft, mayor_a, kind="Budget prévisionnel")
    draft.submit(by=mayor_a)
    edit = reverse("mayors_call:edit", args=[demarche.pk])
    call_fields = {"title": demarche.title, "contract": str(demarche.contract_id)}
    documents = existing_documents(demarche)

    removed = [documents[0], {**documents[1], "DELETE": True}]
    response = staff_client.post(edit, admin_data(call_fields, [], removed))
    assert "pour retirer ou renommer une pièce" in response.text
    renamed = [{**documents[0], "name": "Budget"}, documents[1]]
    response = staff_client.post(edit, admin_data(call_fields, [], renamed))
    assert "pour retirer ou renommer une pièce" in response.text
    now_required = [documents[0], {**documents[1], "required": True}]
    response = staff_client.post(edit, admin_data(call_fields, [], now_required))
    assert "une pièce ajoutée ou jusqu’ici facultative le reste" in response.text
    assert demarche.required_document_list == ["Budget prévisionnel"]
    assert demarche.documents.count() == 2

    added = [*documents, {"name": "Plan de situation", "allowed_types": ["pdf"]}]
    response = staff_client.post(edit, admin_data(call_fields, [], added))
    assert response.status_code == 302
    assert demarche.documents.count() == 3


def test_an_official_cannot_edit_the_documents(mayor_client, demarche):
    response = mayor_client.post(
        reverse("mayors_call:edit", args=[demarche.pk]),
        admin_data({"contract": str(demarche.contract_id)}, [], []),
    )
    assert response.status_code in (302, 403)
    assert demarche.documents.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_lines_into_documents_and_back(cto):
    call = DemarcheFactory(contract=cto, required_documents="")
    DemarcheDocument.objects.bulk_create(
        [
            DemarcheDocument(call=call, sort_order=0, name="Délibération"),
            DemarcheDocument(call=call, sort_order=1, name="Photos", required=False),
            DemarcheDocument(
                call=call, sort_order=2, name="Devis", allowed_types=["pdf"]
            ),
        ]
    )
    executor = MigrationExecutor(connection)
    target = next(
        key
        for key in executor.loader.graph.nodes
        if key[0] == "mayors" and key[1].endswith("_demarche_documents")
    )
    before = executor.loader.get_migration(*target).dependencies
    before = [key for key in before if key[0] == "mayors"]
    leaves = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(before)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT required_documents FROM mayors_callforpriorities WHERE id = %s",
                [call.pk],
            )
            assert cursor.fetchone()[0] == "Délibération\nDevis"
        executor = MigrationExecutor(connection)
        executor.migrate([target])
    finally:
        MigrationExecutor(connection).migrate(leaves)
    call = CallForPriorities.objects.get(pk=call.pk)
    every = [family.value for family in DocumentFamily]
    assert [(d.name, d.allowed_types, d.required) for d in call.documents.all()] == [
        ("Délibération", every, True),
        ("Devis", every, True),
    ]
