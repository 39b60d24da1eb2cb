"""ClamAV's daemon over TCP (CLAMD_ADDRESS): every node and the worker scan through one
clamd. A real clamd runs on a free loopback port with the local EICAR database."""

import io
import os
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deploy.services import Clamd
from mayors import scanning
from mayors.models import Attachment, Submission
from mayors.tasks import rescan_pending

from .factories import EICAR, PASSWORD, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def clamd(tmp_path, settings):
    daemon = Clamd(tmp_path / "clamd").start()
    settings.MAYORS_VIRUS_SCANNER = {"BACKEND": "clamd", "ADDRESS": daemon.address}
    yield daemon
    daemon.stop()


@pytest.fixture
def mayor_client(client, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    return client


@pytest.fixture
def draft(call, commune_a, mayor_a):
    return Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="École"
    )


def upload(client, draft, name, content):
    return client.post(
        reverse("mayors:attachment_upload", args=[draft.pk]),
        {"kind": "Autre pièce", "file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_clamd_over_tcp_finds_eicar_alone_and_inside_a_file(clamd):
    verdict = scanning.scan(io.BytesIO(EICAR))
    assert verdict.infected
    assert verdict.signature.startswith("Eicar-")
    assert scanning.scan(io.BytesIO(b"%PDF-1.4\n" + EICAR)).infected
    assert not scanning.scan(io.BytesIO(pdf_bytes())).infected


def test_an_upload_is_scanned_through_tcp_eicar_quarantined_clean_released(
    clamd, mayor_client, draft
):
    upload(mayor_client, draft, "facture.pdf", b"%PDF-1.4\n" + EICAR)
    upload(mayor_client, draft, "deliberation.pdf", pdf_bytes())
    infected, clean = draft.attachments.order_by("pk")
    assert infected.scan_status == Attachment.Scan.INFECTED
    assert infected.file.name.startswith("quarantine/")
    assert clean.scan_status == Attachment.Scan.CLEAN
    download = reverse("mayors:attachment_download", args=[clean.pk])
    assert mayor_client.get(download).status_code == 200
    refused = reverse("mayors:attachment_download", args=[infected.pk])
    assert mayor_client.get(refused).status_code == 403


def test_clamd_stopped_keeps_the_file_locked_until_it_is_back(
    clamd, mayor_client, draft
):
    clamd.stop()
    response = upload(mayor_client, draft, "deliberation.pdf", pdf_bytes())
    attachment = draft.attachments.get()
    assert attachment.scan_status == Attachment.Scan.ERROR
    assert "analyse impossible" in response.content.decode()
    download = reverse("mayors:attachment_download", args=[attachment.pk])
    assert mayor_client.get(download).status_code == 403
    clamd.start()
    rescan_pending()
    attachment.refresh_from_db()
    assert attachment.scan_status == Attachment.Scan.CLEAN


def test_clamd_address_comes_from_the_environment():
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 50,
        "CLAMD_ADDRESS": "10.0.0.5:3310",
        "MAYORS_CLAMD_SOCKET": "/run/clamav/clamd.ctl",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.MAYORS_VIRUS_SCANNER)"
    )
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**environ, "PYTHONPATH": "site"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "'ADDRESS': '10.0.0.5:3310'" in output
