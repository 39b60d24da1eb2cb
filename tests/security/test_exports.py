"""One safe export path: every admin listing and every public CSV, with a payload corpus."""

import csv
import io

import pytest
from django.db import models
from django.urls import reverse
from wagtail.admin.viewsets import viewsets

from cms.exports import NUMBER, SafeSpreadsheetExportMixin, spreadsheet_safe

PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    " =1+1",
    "\n=1+1",
    "\t=1+1",
    "\r=1+1",
    "  +1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\u00a0=1",
]


def dangerous(cell):
    """True when a spreadsheet would run this cell as a formula."""
    if cell.startswith("'") or NUMBER.fullmatch(cell):
        return False
    return cell.lstrip(" \t\r\n\u00a0\u3000")[:1] in ("=", "+", "-", "@")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_helper_neutralises_each_payload(payload):
    assert dangerous(payload)
    assert not dangerous(spreadsheet_safe(payload))


@pytest.mark.parametrize("number", ["-12", "-12,5", "+3.5", "1e3", 42, -7])
def test_numbers_stay_numbers(number):
    assert spreadsheet_safe(number) == number


def exported_listings():
    return [
        viewset
        for viewset in viewsets.viewsets
        if isinstance(getattr(viewset, "list_export", None), list | tuple)
        and viewset.list_export
    ]


def poison(model):
    """Every free-text field of every row starts with a payload (unique ones stay so)."""
    text_fields = [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.EmailField)
        and not field.choices
    ]
    for number, row in enumerate(model.objects.all()):
        payload = PAYLOADS[number % len(PAYLOADS)]
        values = {}
        for field in text_fields:
            size = field.max_length or 10_000
            if field.unique and size < 16:
                continue  # an identifier (SIREN, INSEE code): never free text
            suffix = f"{row.pk:06d}" if field.unique else ""
            values[field.attname] = payload[: size - len(suffix)] + suffix
        model.objects.filter(pk=row.pk).update(**values)
    return text_fields


def superuser():
    from accounts.models import User

    return User.objects.create_superuser(email="admin-export@exemple.fr", password="x")


def rows_of(response):
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_every_admin_listing_with_exports_uses_the_safe_path():
    listings = exported_listings()
    assert len(listings) >= 11
    for viewset in listings:
        assert issubclass(viewset.index_view_class, SafeSpreadsheetExportMixin), (
            viewset.name
        )


@pytest.mark.django_db
def test_every_admin_export_with_the_payload_corpus(whole_site, client):
    from contrats.models import Commune
    from mayors.models import ConferenceSession, Opinion
    from participation.models import Proposal

    admin = superuser()
    # The site has no moderation log nor opinion yet: one of each, typed by people.
    Proposal.objects.published().first().moderate(admin, "hide", PAYLOADS[0])
    Opinion.objects.create(
        session=ConferenceSession.objects.first(),
        commune=Commune.objects.first(),
        verdict=Opinion.Verdict.values[0],
        comment=PAYLOADS[0],
    )
    client.force_login(admin)
    checked = 0
    for viewset in exported_listings():
        poison(viewset.model)
        response = client.get(
            reverse(f"{viewset.url_namespace}:index"), {"export": "csv"}
        )
        assert response.status_code == 200, viewset.name
        rows = rows_of(response)
        assert len(rows) > 1, f"{viewset.name}: the demo gives it no rows"
        for row in rows[1:]:
            for cell in row:
                assert not dangerous(cell), (viewset.name, cell)
        checked += 1
    assert checked >= 11


@pytest.mark.django_db
def test_contact_form_submissions_export_safely(whole_site, client):
    from wagtail.contrib.forms.models import FormSubmission

    from cms.models import ContactPage

    page = ContactPage.objects.get()
    fields = [field.clean_name for field in page.get_form_fields()]
    for payload in PAYLOADS:
        FormSubmission.objects.create(
            page=page, form_data=dict.fromkeys(fields, payload)
        )
    client.force_login(superuser())
    response = client.get(
        reverse("wagtailforms:list_submissions", args=[page.pk]), {"export": "csv"}
    )
    rows = rows_of(response)
    assert len(rows) > len(PAYLOADS)
    for row in rows[1:]:
        for cell in row:
            assert not dangerous(cell), cell


PUBLIC_CSV = [
    ("contrats:projects_csv", {}),
    ("contrats:financing_csv", {}),
    ("aides:catalogue_csv", {}),
]


@pytest.mark.django_db
def test_every_public_csv_with_the_payload_corpus(whole_site, client):
    from aides.models import AidScheme
    from contrats.models import ContractPage, FinancingLine, Project
    from participation.models import Comment, ConsultationPage, Proposal

    for model in (Project, FinancingLine, Proposal, Comment, AidScheme):
        poison(model)
    urls = [reverse(name, kwargs=kwargs) for name, kwargs in PUBLIC_CSV]
    for consultation in ConsultationPage.objects.live():
        urls.append(reverse("participation:open_data_csv", args=[consultation.pk]))
        urls.append(
            reverse("participation:open_data_comments_csv", args=[consultation.pk])
        )
    assert ContractPage.objects.exists()
    checked = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        for row in rows_of(response)[1:]:
            for cell in row:
                assert not dangerous(cell), (url, cell)
                checked += 1
    assert checked > 50
