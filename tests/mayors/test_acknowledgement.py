"""The acknowledgement of receipt (page and PDF) and files attached to messages."""

import io
from hashlib import md5

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

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
