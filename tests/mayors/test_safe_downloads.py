"""Safe downloads (issue 14): a file downloads under the type its bytes have, as an
attachment that no browser renders, and polyglots are refused at upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mayors.models import Attachment, Submission

from .factories import PASSWORD, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(call, commune_a, mayor_a):
    return Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="École"
    )


@pytest.fixture
def mayor_client(client, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    return client


def upload(client, draft, name, content):
    return client.post(
        reverse("mayors:attachment_upload", args=[draft.pk]),
        {"kind": "Autre pièce", "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


@pytest.mark.parametrize(
    "name", ["x.html", "rapport.hta", "plan.svg", "a\\b/c.pdf.exe"]
)
def test_a_pdf_downloads_as_a_pdf_whatever_its_name(mayor_client, draft, name):
    upload(mayor_client, draft, name, pdf_bytes())
    attachment = Attachment.objects.get()
    response = mayor_client.get(
        reverse("mayors:attachment_download", args=[attachment.pk])
    )
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert ".pdf" in disposition
    for bad in (".html", ".hta", ".svg", ".exe", "/", "\\\\"):
        assert bad not in disposition, disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "content",
    [
        pdf_bytes() + b"<html><script>alert(document.cookie)</script></html>",
        b"%PDF-1.4\n<HTML><body onload=alert(1)>",
        pdf_bytes() + b"<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 32 + b"<svg onload=alert(1)>",
    ],
)
def test_polyglots_are_refused(mayor_client, draft, content):
    response = upload(mayor_client, draft, "x.pdf", content)
    assert "contient du code" in response.content.decode()
    assert not Attachment.objects.exists()
