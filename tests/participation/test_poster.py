"""The A4 poster of a consultation: a real one-page PDF whose text and QR code say what
the page says, for live public consultations only, at a constant cost."""

import datetime
import io

import pypdf
import pypdfium2
import pytest
import zxingcpp
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from . import factories

pytestmark = pytest.mark.django_db
A4 = (595.28, 841.89)  # points


def poster_url(consultation):
    return reverse("participation:consultation_poster", args=[consultation.pk])


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))


@pytest.fixture
def consultation(site_root):
    page = factories.consultation(
        site_root,
        "open",
        title="Œuvres et mémoire : le patrimoine des villages",
        easy_read="Le Grand Quercy veut protéger les églises et les lavoirs. "
        "Dites-nous ce qui compte pour vous, « avant l’été ».",
    )
    page.opens_at, page.closes_at = at(2027, 3, 3), at(2027, 4, 14)
    page.save_revision().publish()
    return page


def fetch(client, consultation):
    response = client.get(poster_url(consultation))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def text_of(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return reader, " ".join(reader.pages[0].extract_text().split())


def qr_codes(pdf):
    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=2).to_pil()
    return [code.text for code in zxingcpp.read_barcodes(image)]


def test_a_one_page_a4_pdf_with_title_dates_and_short_text(client, consultation):
    pdf = fetch(client, consultation)
    assert pdf.startswith(b"%PDF-")
    reader, text = text_of(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4
    assert "PETR Grand Quercy" in text
    assert "Œuvres et mémoire : le patrimoine des villages" in text
    assert "du 3 mars au 14 avril 2027" in text
    assert "Dites-nous ce qui compte pour vous, « avant l’été »." in text
    assert "En bref" in text


def test_the_qr_code_leads_to_the_consultation_page(client, consultation):
    pdf = fetch(client, consultation)
    url = "http://testserver" + consultation.url
    assert qr_codes(pdf) == [url]
    assert url in text_of(pdf)[1].replace(" ", "")


@override_settings(WAGTAILADMIN_BASE_URL="https://www.grandquercy.fr")
def test_the_url_is_the_sites_public_address(client, consultation):
    assert qr_codes(fetch(client, consultation)) == [
        "https://www.grandquercy.fr" + consultation.url
    ]


def test_the_summary_stands_in_for_a_missing_easy_read(client, site_root):
    page = factories.consultation(site_root, "open")
    page.summary = "Un résumé à afficher."
    page.opens_at, page.closes_at = at(2026, 12, 1), at(2027, 1, 15)
    page.save()
    _reader, text = text_of(fetch(client, page))
    assert "Un résumé à afficher." in text
    assert "du 1er décembre 2026 au 15 janvier 2027" in text


def test_long_texts_still_fit_one_page(client, site_root):
    page = factories.consultation(
        site_root,
        "open",
        title="Un titre très long " * 12,
        easy_read="Une phrase simple et longue. " * 20,
    )
    pdf = fetch(client, page)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1
    assert qr_codes(pdf) == ["http://testserver" + page.url]


def test_markup_in_texts_is_printed_as_text(client, site_root):
    page = factories.consultation(
        site_root, "open", title="Vélo <b>&</b> bus", easy_read="<font size=80>x</font>"
    )
    _reader, text = text_of(fetch(client, page))
    assert "Vélo <b>&</b> bus" in text
    assert "<font size=80>x</font>" in text


def test_drafts_and_restricted_consultations_have_no_poster(client, site_root):
    draft = factories.consultation(site_root, "open")
    draft.unpublish()
    private = factories.consultation(site_root, "open")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    for page in (draft, private):
        assert client.get(poster_url(page)).status_code == 404
    missing = reverse("participation:consultation_poster", args=[999999])
    assert client.get(missing).status_code == 404


def test_the_consultation_page_links_to_its_poster(client, consultation, site_root):
    assert poster_url(consultation) in client.get(consultation.url).content.decode()
    closed = factories.consultation(site_root, "closed")
    assert poster_url(closed) not in client.get(closed.url).content.decode()


@override_settings(PAGE_CACHE_ENABLED=False)
def test_queries_do_not_depend_on_the_data(client, consultation, site_root):
    def count(page):
        client.get(poster_url(page))  # warm the per-generation caches
        with CaptureQueriesContext(connection) as queries:
            fetch(client, page)
        return len(queries)

    small = count(consultation)
    busy = factories.consultation(site_root, "open", categories=["A", "B", "C"])
    for n in range(30):
        proposal = factories.ProposalFactory(consultation=busy, title=f"Idée {n}")
        factories.CommentFactory(consultation=busy, proposal=proposal)
    assert count(busy) == small
    assert small <= 4


def test_anonymous_visitors_get_the_cached_poster(client, consultation):
    first = client.get(poster_url(consultation))
    with CaptureQueriesContext(connection) as queries:
        second = client.get(poster_url(consultation))
    assert second.content == first.content
    assert len(queries) == 0
