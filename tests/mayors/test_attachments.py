"""Uploads through the intranet: type from content, size limit, and the real ClamAV."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mayors.models import Attachment
from mayors.tasks import rescan_pending

from .factories import EICAR, PASSWORD, pdf_bytes, zip_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(call, commune_a, mayor_a):
    from mayors.models import Submission

    return Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="École"
    )


@pytest.fixture
def mayor_client(client, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    return client


def upload(client, draft, name, content, kind="Autre pièce"):
    return client.post(
        reverse("mayors:attachment_upload", args=[draft.pk]),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_pdf_is_accepted_and_stored_privately_as_unscanned_in_development(
    mayor_client, draft
):
    response = upload(
        mayor_client,
        draft,
        "deliberation.pdf",
        pdf_bytes(),
        kind="Délibération du conseil municipal",
    )
    assert response.status_code == 200
    attachment = draft.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.scan_status == Attachment.Scan.UNSCANNED
    assert attachment.kind == "Délibération du conseil municipal"
    assert "non analysé" in response.content.decode()
    download = mayor_client.get(
        reverse("mayors:attachment_download", args=[attachment.pk])
    )
    assert download.status_code == 200


def test_executable_renamed_pdf_is_refused(mayor_client, draft):
    response = upload(mayor_client, draft, "devis.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    assert not draft.attachments.exists()
    assert "son contenu a été vérifié" in response.content.decode()


def test_zip_renamed_docx_is_refused(mayor_client, draft):
    upload(mayor_client, draft, "plan.docx", zip_bytes({"virus.exe": b"MZ"}))
    assert not draft.attachments.exists()


def test_eleven_megabytes_are_refused(mayor_client, draft):
    big = pdf_bytes() + b"0" * (11 * 1024 * 1024)
    response = upload(mayor_client, draft, "gros.pdf", big)
    assert not draft.attachments.exists()
    assert "la limite est de 10" in response.content.decode()


def test_the_stored_name_follows_the_detected_type(mayor_client, draft):
    upload(mayor_client, draft, "photo.png.exe", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    attachment = draft.attachments.get()
    assert attachment.file.name.endswith(".png")
    assert attachment.content_type == "image/png"


def test_upload_refused_after_the_deadline(mayor_client, draft, call):
    from datetime import timedelta

    from django.utils import timezone

    type(call).objects.filter(pk=call.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    response = upload(mayor_client, draft, "deliberation.pdf", pdf_bytes())
    assert response.status_code == 403
    assert not draft.attachments.exists()


def test_clean_file_becomes_downloadable_after_a_real_clamav_scan(
    mayor_client, draft, clamscan
):
    upload(mayor_client, draft, "deliberation.pdf", pdf_bytes())
    attachment = draft.attachments.get()
    assert attachment.scan_status == Attachment.Scan.CLEAN
    assert attachment.scanned_at is not None
    assert (
        mayor_client.get(
            reverse("mayors:attachment_download", args=[attachment.pk])
        ).status_code
        == 200
    )


def test_eicar_is_quarantined_and_the_commune_told(
    mayor_client, draft, clamscan, settings
):
    mail.outbox.clear()
    # EICAR is plain text: wrap it as the tail of a PDF so the type check lets it through.
    content = EICAR
    pdf_like = b"%PDF-1.4\n" + content
    from hashlib import md5

    db = clamscan["COMMAND"][-1]
    with open(db, "a") as signatures:
        signatures.write(
            f"{md5(pdf_like, usedforsecurity=False).hexdigest()}:{len(pdf_like)}:Eicar-In-Pdf-GQ\n"
        )
    response = upload(mayor_client, draft, "facture.pdf", pdf_like)
    attachment = draft.attachments.get()
    assert attachment.scan_status == Attachment.Scan.INFECTED
    assert "Eicar-In-Pdf-GQ" in attachment.scan_signature
    assert attachment.file.name.startswith("quarantine/")
    assert "infecté" in response.content.decode()
    assert (
        mayor_client.get(
            reverse("mayors:attachment_download", args=[attachment.pk])
        ).status_code
        == 403
    )
    assert any(
        "virus" in m.subject for m in mail.outbox if m.to == ["maire@arcambal.fr"]
    )


def test_plain_eicar_string_is_found_by_clamscan(signature_db, clamscan):
    import io

    from mayors import scanning

    verdict = scanning.scan(io.BytesIO(EICAR))
    assert verdict.infected
    assert verdict.signature.startswith("Eicar-Test-Signature-GQ")
    assert not scanning.scan(io.BytesIO(pdf_bytes())).infected


def test_scanner_failure_keeps_the_file_locked_and_is_retried(
    mayor_client, draft, settings, clamscan
):
    settings.MAYORS_VIRUS_SCANNER = {
        "BACKEND": "clamscan",
        "COMMAND": ["clamscan", "-d", "/nonexistent.hdb"],
    }
    upload(mayor_client, draft, "deliberation.pdf", pdf_bytes())
    attachment = draft.attachments.get()
    assert attachment.scan_status == Attachment.Scan.ERROR
    assert (
        mayor_client.get(
            reverse("mayors:attachment_download", args=[attachment.pk])
        ).status_code
        == 403
    )
    settings.MAYORS_VIRUS_SCANNER = clamscan
    rescan_pending()
    attachment.refresh_from_db()
    assert attachment.scan_status == Attachment.Scan.CLEAN


def test_stored_eicar_file_is_quarantined_by_the_scan_task(draft, mayor_a, clamscan):
    from mayors.tasks import scan_attachment

    from .factories import add_attachment

    mail.outbox.clear()
    attachment = add_attachment(
        draft, mayor_a, content=EICAR, name="eicar.pdf", status=Attachment.Scan.PENDING
    )
    scan_attachment.enqueue(attachment.pk)
    attachment.refresh_from_db()
    assert attachment.scan_status == Attachment.Scan.INFECTED
    assert attachment.scan_signature.startswith("Eicar-Test-Signature-GQ")
    assert not attachment.is_downloadable
    assert attachment.file.storage.exists(attachment.file.name)
    assert attachment.file.name.startswith("quarantine/")
    assert len([m for m in mail.outbox if "virus" in m.subject]) == 1
