"""Tell a file's type from its bytes, never from its name.

Only the formats the intranet accepts are recognised. ZIP-based office files are opened
(with the standard library) and identified by what they hold: an OpenDocument file
names its type in its ``mimetype`` member, an Office Open XML file declares its main
part in ``[Content_Types].xml``. Header-only matchers (such as the ``filetype`` package)
only peek at the first bytes and would take any ZIP whose first member is well named
for a document.
"""

import re
import zipfile

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXTENSIONS = {
    PDF: ".pdf",
    JPEG: ".jpg",
    PNG: ".png",
    ODT: ".odt",
    ODS: ".ods",
    DOCX: ".docx",
    XLSX: ".xlsx",
}
ACCEPTED = frozenset(EXTENSIONS)
OOXML_MAIN_PARTS = {
    "word/document.xml": DOCX,
    "xl/workbook.xml": XLSX,
}
OOXML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}


# What would make a browser or a reader run code: markup, scripts, PDF actions. A file
# holding any of it alongside an accepted format is a polyglot and is refused.
ACTIVE_CONTENT = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|script|iframe|frame|svg|object|embed"
    rb"|meta|form|hta:application|\?php)\b|javascript:|/JavaScript\b|/JS\s*[(<]"
    rb"|/Launch\b",
    re.IGNORECASE,
)
CHUNK = 1 << 20


def holds_active_content(fileobj):
    """True when the raw bytes hold markup or script (read in overlapping chunks)."""
    fileobj.seek(0)
    tail = b""
    try:
        while chunk := fileobj.read(CHUNK):
            if ACTIVE_CONTENT.search(tail + chunk):
                return True
            tail = chunk[-64:]
        return False
    finally:
        fileobj.seek(0)


def sniff(fileobj):
    """Return the MIME type of an accepted format, or None."""
    fileobj.seek(0)
    head = fileobj.read(16)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        try:
            return _sniff_zip(fileobj)
        finally:
            fileobj.seek(0)
    return None


def _sniff_zip(fileobj):
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    with archive:
        names = set(archive.namelist())
        if "mimetype" in names:
            declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
            return declared if declared in (ODT, ODS) else None
        if "[Content_Types].xml" in names:
            types = archive.read("[Content_Types].xml")[:200_000].decode(
                "utf-8", "replace"
            )
            for content_type, mime in OOXML_MAIN_TYPES.items():
                if f'ContentType="{content_type}"' in types:
                    part = next(p for p, m in OOXML_MAIN_PARTS.items() if m == mime)
                    return mime if part in names else None
    return None
