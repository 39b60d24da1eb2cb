"""The A4 poster of a consultation, for mairie notice boards: its title, its dates, a
short text and a QR code to its page.

ReportLab draws the page and the QR code (its own widget): no external service, no
system binary. Its standard Helvetica fonts use the WinAnsi encoding, which holds
French (accents, ’, « », œ, €): no font file to embed.
"""

import io
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

MARGIN = 16 * mm
QR_SIZE = 80 * mm
PRIMARY = colors.HexColor("#6b2d3c")  # the site's colours (static/css/site.css)
ACCENT = colors.HexColor("#2f5d3a")
TEXT = colors.HexColor("#1e1e1e")
# Characters the WinAnsi encoding of the standard fonts lacks, and their print form.
UNPRINTABLE = {"\u202f": "\u00a0", "\u2011": "-", "\u2212": "-", "\u2009": " "}

STYLES = {
    "organisation": ParagraphStyle(
        "organisation",
        fontName="Helvetica-Bold",
        fontSize=15,
        leading=19,
        textColor=colors.white,
    ),
    "kicker": ParagraphStyle(
        "kicker",
        fontName="Helvetica-Bold",
        fontSize=16,
        leading=20,
        textColor=ACCENT,
        spaceAfter=4 * mm,
    ),
    "title": ParagraphStyle(
        "title",
        fontName="Helvetica-Bold",
        fontSize=30,
        leading=35,
        textColor=TEXT,
        spaceAfter=5 * mm,
    ),
    "dates": ParagraphStyle(
        "dates",
        fontName="Helvetica-Bold",
        fontSize=19,
        leading=24,
        textColor=PRIMARY,
        spaceAfter=6 * mm,
    ),
    "heading": ParagraphStyle(
        "heading",
        fontName="Helvetica-Bold",
        fontSize=15,
        leading=19,
        textColor=ACCENT,
        spaceAfter=2 * mm,
    ),
    "text": ParagraphStyle(
        "text", fontName="Helvetica", fontSize=15, leading=21, textColor=TEXT
    ),
    "caption": ParagraphStyle(
        "caption",
        fontName="Helvetica-Bold",
        fontSize=14,
        leading=18,
        alignment=TA_CENTER,
        textColor=TEXT,
        spaceBefore=3 * mm,
    ),
    "url": ParagraphStyle(
        "url",
        fontName="Helvetica",
        fontSize=12,
        leading=15,
        alignment=TA_CENTER,
        textColor=TEXT,
        splitLongWords=True,
        spaceBefore=1 * mm,
    ),
    "footer": ParagraphStyle(
        "footer",
        fontName="Helvetica",
        fontSize=13,
        leading=17,
        alignment=TA_CENTER,
        textColor=TEXT,
        spaceBefore=6 * mm,
    ),
}


def printable(text):
    """Escaped for ReportLab's paragraph markup, line breaks kept, in its font's encoding."""
    for character, replacement in UNPRINTABLE.items():
        text = text.replace(character, replacement)
    text = text.encode("cp1252", "replace").decode("cp1252")
    return "<br/>".join(escape(line) for line in text.strip().splitlines())


def french_day(moment):
    """« 3 mars », « 1er avril »: the French way of writing the first of the month."""
    day = moment.day
    return ("1er" if day == 1 else str(day)) + " " + date_format(moment, "F")


def date_range(opens_at, closes_at):
    """« du 3 mars au 14 avril 2027 », the year once when both dates share it."""
    start, end = localtime(opens_at), localtime(closes_at)
    first = french_day(start)
    if start.year != end.year:
        first += f" {start.year}"
    return _("du %(start)s au %(end)s") % {
        "start": first,
        "end": f"{french_day(end)} {end.year}",
    }


class QrCode(Flowable):
    """A square QR code of ``size`` points, centred in the frame."""

    def __init__(self, value, size):
        super().__init__()
        self.value, self.size = value, size

    def wrap(self, available_width, available_height):
        self.available_width = available_width
        return available_width, self.size

    def draw(self):
        widget = QrCodeWidget(self.value, barBorder=2, barFillColor=colors.black)
        left, bottom, right, top = widget.getBounds()
        scale_x = self.size / (right - left)
        scale_y = self.size / (top - bottom)
        drawing = Drawing(
            self.size, self.size, transform=[scale_x, 0, 0, scale_y, 0, 0]
        )
        drawing.add(widget)
        drawing.drawOn(self.canv, (self.available_width - self.size) / 2, 0)


def render(*, organisation, title, opens_at, closes_at, text, url):
    """The poster as PDF bytes: one A4 portrait page, whatever the length of the texts."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{title} — {_('affiche')}",
        author=organisation,
        subject=_("Consultation citoyenne"),
        creator=organisation,
        lang="fr-FR",
    )
    band = Table(
        [[Paragraph(printable(organisation), STYLES["organisation"])]],
        colWidths=[document.width],
    )
    band.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PRIMARY),
                ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    story = [
        band,
        Spacer(0, 8 * mm),
        Paragraph(
            printable(_("Consultation citoyenne : donnez votre avis")), STYLES["kicker"]
        ),
        Paragraph(printable(title), STYLES["title"]),
        Paragraph(
            printable(
                _("Participez %(dates)s") % {"dates": date_range(opens_at, closes_at)}
            ),
            STYLES["dates"],
        ),
    ]
    if text:
        box = Table(
            [
                [Paragraph(printable(_("En bref")), STYLES["heading"])],
                [Paragraph(printable(text), STYLES["text"])],
            ],
            colWidths=[document.width],
        )
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1.5, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 5 * mm),
                    ("TOPPADDING", (0, 0), (0, 0), 4 * mm),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 5 * mm),
                ]
            )
        )
        story.append(box)
    story += [
        Spacer(0, 8 * mm),
        QrCode(url, QR_SIZE),
        Paragraph(
            printable(
                _(
                    "Scannez ce code avec votre téléphone pour lire la consultation et participer :"
                )
            ),
            STYLES["caption"],
        ),
        Paragraph(printable(url), STYLES["url"]),
        Paragraph(
            printable(
                _(
                    "Sans internet ? Votre mairie peut enregistrer votre proposition "
                    "ou votre commentaire, sur place ou sur papier."
                )
            ),
            STYLES["footer"],
        ),
    ]
    # Long texts shrink to fit: the poster is always one page.
    document.build([KeepInFrame(document.width, document.height, story, mode="shrink")])
    return buffer.getvalue()
