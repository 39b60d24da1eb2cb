"""The acknowledgement of receipt (page and PDF) and files attached to messages."""

import io
from hashlib import md5

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from mayors.models import Attachment

from .factories import EICAR, PASSWORD, make_complete_draft, pdf_bytes

pytestmark = pytest.mark.django_db

ADDRESS = "Pôle des Politiques Contractuelles\n12 avenue de l’Exemple\n46000 Cahors"


@pytest.fixture
def submitted(settings, call, commune_a, mayor_a, measure):
    settings.MAYORS_SERVICE = {**settings.MAYORS_SERVICE, "address": ADDRESS}
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    draft.submit(by=mayor_a)
    return draft


@pytest.fixture
def mayor_client(client, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    return client


def test_page_gives_the_full_address_and_the_pieces(mayor_client, submitted):
    html = mayor_client.get(reverse("mayors:acknowledgement", args=[submitted.pk])).text
    assert "12 avenue de l’Exemple<br>" in html and "46000 Cahors<br>" in html
    assert "Délibération du conseil municipal : piece.pdf" in html
    assert reverse("mayors:acknowledgement_pdf", args=[submitted.pk]) in html


def test_pdf_says_the_same(mayor_client, submitted):
    response = mayor_client.get(
        reverse("mayors:acknowledgement_pdf", args=[submitted.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    for expected in (
        submitted.reference,
        "12 avenue de l’Exemple",
        "46000 Cahors",
        "Délibération du conseil municipal : piece.pdf",
        "Accusé de réception électronique",
    ):
        assert expected in text


def pdf_text(response):
    return " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )


def settings_form(address):
    """The Paramètres form as staff submit it (Coordonnées tab, empty menu)."""
    return nested_form_data(
        {
            "organisation_name": "PETR Grand Quercy",
            "address": address,
            "rgaa_status": "partiel",
            "menu_items": inline_formset([]),
        }
    )


@pytest.fixture
def admin_client(client, site_root):
    admin = get_user_model().objects.create_superuser(
        email="parametres@grandquercy.test", password=PASSWORD
    )
    client.force_login(admin)
    return client, f"/admin/settings/cms/sitesettings/{site_root.get_site().pk}/"


def test_the_address_staff_give_in_parametres_is_the_one_on_the_are(
    admin_client, call, commune_a, mayor_a, measure
):
    client, url = admin_client
    address = "PETR Grand Quercy\r\n3 place Chapou\r\n46000 Cahors"
    response = client.post(url, settings_form(address))
    assert response.status_code == 302, response.text[:2000]
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    draft.submit(by=mayor_a)
    client.logout()
    client.login(email=mayor_a.email, password=PASSWORD)
    html = client.get(reverse("mayors:acknowledgement", args=[draft.pk])).text
    assert "Pôle des Politiques Contractuelles — PETR Grand Quercy<br>" in html.replace(
        "\n", ""
    ).replace("    ", "")
    assert "3 place Chapou<br>" in html and "46000 Cahors<br>" in html
    text = pdf_text(client.get(reverse("mayors:acknowledgement_pdf", args=[draft.pk])))
    assert "Pôle des Politiques Contractuelles" in text
    assert "3 place Chapou" in text and "46000 Cahors" in text


@pytest.mark.parametrize(
    "address",
    ["PETR Grand Quercy\r\n46000 Cahors", "PETR Grand Quercy\r\n3 place Chapou"],
)
def test_an_address_without_a_street_or_postcode_is_refused_in_parametres(
    admin_client, address
):
    client, url = admin_client
    assert "comme sur une enveloppe" in client.get(url).text
    response = client.post(url, settings_form(address))
    assert response.status_code == 200
    assert "Adresse incomplète" in response.text


def test_pdf_is_refused_to_another_commune(client, submitted, mayor_b):
    client.login(email=mayor_b.email, password=PASSWORD)
    response = client.get(reverse("mayors:acknowledgement_pdf", args=[submitted.pk]))
    assert response.status_code == 404


def test_a_message_carries_a_checked_and_scanned_file(
    mayor_client, submitted, staff, client
):
    url = reverse("mayors:message_create", args=[submitted.pk])
    response = mayor_client.post(
        url,
        {
            "body": "Voici le devis.",
            "file": SimpleUploadedFile("devis.pdf", pdf_bytes("devis")),
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(original_name="devis.pdf")
    assert attachment.message.body == "Voici le devis."
    # No scanner configured in tests: « non analysé », downloadable, like dossier files.
    assert attachment.scan_status == Attachment.Scan.UNSCANNED
    html = mayor_client.get(
        reverse("mayors:submission_detail", args=[submitted.pk])
    ).text
    assert reverse("mayors:attachment_download", args=[attachment.pk]) in html
    # The dossier's own pieces (and what the ARE lists) stay apart.
    assert not submitted.attachments.filter(message__isnull=True, pk=attachment.pk)


def test_a_message_file_that_is_not_a_document_is_refused(mayor_client, submitted):
    response = mayor_client.post(
        reverse("mayors:message_create", args=[submitted.pk]),
        {"body": "Un script", "file": SimpleUploadedFile("x.pdf", b"#!/bin/sh\n")},
        follow=True,
    )
    assert "n’est pas un PDF" in response.text
    assert not submitted.messages.filter(body="Un script").exists()


def test_infected_message_file_is_quarantined(
    clamscan, mayor_client, submitted, django_capture_on_commit_callbacks
):
    # EICAR as the tail of a PDF (the type check lets it through), signed like it.
    pdf_like = b"%PDF-1.4\n" + EICAR
    with open(clamscan["COMMAND"][-1], "a") as signatures:
        digest = md5(pdf_like, usedforsecurity=False).hexdigest()
        signatures.write(f"{digest}:{len(pdf_like)}:Eicar-In-Pdf-GQ\n")
    with django_capture_on_commit_callbacks(execute=True):
        mayor_client.post(
            reverse("mayors:message_create", args=[submitted.pk]),
            {"body": "Pièce", "file": SimpleUploadedFile("eicar.pdf", pdf_like)},
        )
    attachment = Attachment.objects.get(original_name="eicar.pdf")
    attachment.refresh_from_db()
    assert attachment.scan_status == Attachment.Scan.INFECTED
    assert (
        mayor_client.get(
            reverse("mayors:attachment_download", args=[attachment.pk])
        ).status_code
        == 403
    )


def test_a_private_note_file_stays_with_staff(client, submitted, staff, mayor_a):
    client.login(email=staff.email, password=PASSWORD)
    client.post(
        reverse("mayors_submission:message", args=[submitted.pk]),
        {
            "body": "Note : devis douteux",
            "is_private_note": "on",
            "file": SimpleUploadedFile("note.pdf", pdf_bytes("note")),
        },
    )
    attachment = Attachment.objects.get(original_name="note.pdf")
    assert (
        client.get(
            reverse("mayors:attachment_download", args=[attachment.pk])
        ).status_code
        == 200
    )
    client.logout()
    client.login(email=mayor_a.email, password=PASSWORD)
    assert (
        client.get(
            reverse("mayors:attachment_download", args=[attachment.pk])
        ).status_code
        == 404
    )
