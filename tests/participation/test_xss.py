"""Resident text is inert everywhere it is shown: pages, admin, e-mails, exports."""

import csv
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from participation.models import Answer, Comment, Proposal

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(2)>",
    "javascript:alert(3)",
    '<a href="javascript:alert(4)">clic</a>',
    "'';!--\"<XSS>=&{()}",
]
CORPUS = " ".join(PAYLOADS)
DANGEROUS = [
    "<script>alert",
    "<img src=x",
    "<svg/onload",
    'href="javascript:',
    "<XSS>",
]


def assert_inert(html):
    for fragment in DANGEROUS:
        assert fragment not in html, fragment


@pytest.fixture
def hostile(client, open_consultation, resident, other_resident):
    client.force_login(resident)
    client.post(
        reverse("participation:proposal_create", args=[open_consultation.pk]),
        {"title": PAYLOADS[0][:140], "body": CORPUS},
    )
    proposal = Proposal.objects.get()
    parent = Comment.objects.create(
        consultation=open_consultation,
        proposal=proposal,
        author=other_resident,
        body="Hé",
    )
    client.post(
        reverse("participation:proposal_comment", args=[proposal.pk]),
        {"body": CORPUS, "parent": parent.pk},
    )
    proposal.report(other_resident, "spam", details=CORPUS)
    return proposal


def test_public_pages(client, hostile):
    client.logout()
    for url in (hostile.consultation.url, hostile.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "&lt;script&gt;" in html
        assert_inert(html)


def test_admin_screens(client, hostile, moderator):
    client.force_login(moderator)
    urls = [
        reverse("participation_moderation:queue"),
        reverse("participation_moderation:decide", args=["proposition", hostile.pk]),
        reverse("participation_proposals:index"),
        reverse("participation_comments:index"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode())


def test_emails_are_plain_text(hostile, client, moderator):
    answer = Answer.objects.create(
        proposal=hostile, status="rejected", explanation=CORPUS
    )
    answer.notify_followers()
    call_command("send_digests")
    assert mail.outbox
    for message in mail.outbox:
        assert message.content_subtype == "plain"
        assert not getattr(message, "alternatives", None)
        assert (
            "<script>alert('xss')</script>" in message.body
        )  # shown as text, never run


def test_exports(client, hostile, moderator):
    Proposal.objects.filter(pk=hostile.pk).update(title='=HYPERLINK("http://x","y")')
    response = client.get(
        reverse("participation:open_data_csv", args=[hostile.consultation.pk])
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["titre"].startswith("'=")
    data = client.get(
        reverse("participation:open_data_json", args=[hostile.consultation.pk])
    )
    assert data["Content-Type"].startswith("application/json")
    assert json.loads(data.content)["donnees"][0]["texte"] == CORPUS
    client.force_login(moderator)
    response = client.get(reverse("participation_proposals:index"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert ",'=HYPERLINK" in content or "\"'=HYPERLINK" in content


def test_dashboard_section(client, hostile, resident):
    client.force_login(resident)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mes contributions" in html
    assert_inert(html)
