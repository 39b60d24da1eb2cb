"""The StreamField blocks render accessible HTML and refuse incomplete content."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.blocks import BodyBlock, CallToActionBlock, ImageWithCaptionBlock
from tests.cms.factories import StandardPageFactory, image_with_renditions

pytestmark = pytest.mark.django_db


def test_every_block_renders(client, site_root):
    image = image_with_renditions()
    document = get_document_model()(title="Contrat CRTE signé")
    document.file.save("crte.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2048), save=False)
    document._set_document_file_metadata()  # as the admin's upload form does
    document.save()
    body = [
        {"type": "heading", "value": {"text": "Le contrat", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Un texte <b>riche</b>.</p>"},
        {
            "type": "image",
            "value": {
                "image": {
                    "image": image.pk,
                    "alt_text": "La vallée du Lot",
                    "decorative": False,
                },
                "caption": "Vue depuis Luzech",
                "credit": "PETR",
            },
        },
        {
            "type": "documents",
            "value": {
                "heading": "Documents",
                "documents": [{"document": document.pk, "title": ""}],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "text": "Venez",
                "label": "Nous écrire",
                "page": None,
                "url": "/contact/",
            },
        },
        {
            "type": "accordion",
            "value": {
                "heading": "FAQ",
                "items": [{"title": "Qui ?", "content": "<p>Le PETR.</p>"}],
            },
        },
        {
            "type": "table",
            "value": {
                "caption": "Financements",
                "columns": [
                    {"type": "text", "heading": "Financeur"},
                    {"type": "numeric", "heading": "Montant"},
                ],
                "rows": [{"values": ["État", "9717373"]}],
            },
        },
        {
            "type": "quote",
            "value": {"quote": "Un projet durable.", "attribution": "Le Président"},
        },
    ]
    page = StandardPageFactory(parent=site_root, title="Tous les blocs", body=body)
    html = client.get(page.url).content.decode()
    assert "<h2>Le contrat</h2>" in html
    assert "<b>riche</b>" in html
    assert 'alt="La vallée du Lot"' in html and "<figcaption>Vue depuis Luzech" in html
    assert "Contrat CRTE signé</a>" in html and "(PDF, 2,0\xa0Kio)" in html
    assert '<a class="button" href="/contact/">Nous écrire</a>' in html
    assert "<details" in html and "<summary>Qui ?</summary>" in html
    assert "<caption>Financements</caption>" in html
    assert (
        '<th scope="col">Financeur</th>' in html and '<th scope="row">État</th>' in html
    )
    assert "<blockquote><p>Un projet durable.</p></blockquote>" in html


def test_decorative_image_has_empty_alt(client, site_root):
    image = image_with_renditions()
    body = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "", "decorative": True},
                "caption": "",
            },
        }
    ]
    page = StandardPageFactory(parent=site_root, body=body)
    assert 'alt=""' in client.get(page.url).content.decode()


def test_image_needs_alt_text_unless_decorative():
    image = image_with_renditions()
    block = ImageWithCaptionBlock()
    value = block.to_python(
        {
            "image": {"image": image.pk, "alt_text": "", "decorative": False},
            "caption": "",
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)
    decorative = block.to_python(
        {
            "image": {"image": image.pk, "alt_text": "", "decorative": True},
            "caption": "",
        }
    )
    block.clean(decorative)


def test_call_to_action_needs_one_target():
    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "Aller", "page": None, "url": ""}))
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python(
                {"label": "Aller", "page": None, "url": "javascript:alert(1)"}
            )
        )
    block.clean(
        block.to_python({"label": "Aller", "page": None, "url": "/espace-elus/"})
    )


def test_body_block_offers_the_editorial_blocks():
    names = set(BodyBlock().child_blocks)
    assert {
        "paragraph",
        "image",
        "documents",
        "call_to_action",
        "accordion",
        "table",
        "quote",
    } <= names
