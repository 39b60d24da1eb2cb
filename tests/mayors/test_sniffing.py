"""The type of an upload comes from its bytes, never from its name."""

import io

import pytest

from mayors import sniffing

from .factories import pdf_bytes, zip_bytes

ODT = zip_bytes({"mimetype": sniffing.ODT, "content.xml": "<office:document/>"})
ODS = zip_bytes({"mimetype": sniffing.ODS, "content.xml": "<office:document/>"})
DOCX = zip_bytes(
    {
        "[Content_Types].xml": '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": "<w:document/>",
    }
)
XLSX = zip_bytes(
    {
        "[Content_Types].xml": '<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        "xl/workbook.xml": "<workbook/>",
    }
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (pdf_bytes(), sniffing.PDF),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32, sniffing.JPEG),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, sniffing.PNG),
        (ODT, sniffing.ODT),
        (ODS, sniffing.ODS),
        (DOCX, sniffing.DOCX),
        (XLSX, sniffing.XLSX),
    ],
)
def test_accepted_formats_are_recognised(content, expected):
    assert sniffing.sniff(io.BytesIO(content)) == expected


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00",  # a Windows executable
        b"\x7fELF\x02\x01\x01\x00",  # a Linux executable
        b"#!/bin/sh\nrm -rf /\n",
        b"<html><script>alert(1)</script></html>",
        zip_bytes({"payload.exe": b"MZ"}),  # a plain archive
        zip_bytes({"mimetype": "application/vnd.oasis.opendocument.presentation"}),
        zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "x"}),
        # Declares a Word document but lacks its main part.
        zip_bytes(
            {
                "[Content_Types].xml": DOCX
                and '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
            }
        ),
        b"PK\x03\x04 this is not really a zip",
        b"",
    ],
)
def test_anything_else_is_refused(content):
    assert sniffing.sniff(io.BytesIO(content)) is None


def test_reading_leaves_the_file_at_its_start():
    handle = io.BytesIO(DOCX)
    sniffing.sniff(handle)
    assert handle.tell() == 0
