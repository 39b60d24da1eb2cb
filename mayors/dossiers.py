"""A dossier as files: the acknowledgement of receipt in PDF, every piece in one ZIP.

ReportLab's standard Helvetica fonts use the WinAnsi encoding, which holds French
(accents, ’, « », €): no font file to embed (as the consultation poster).
"""

import io
import zipfile
from pathlib import PurePath
from xml.sax.saxutils import escape

from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .demarches import answers
from .models import Submission

UNPRINTABLE = {"\u202f": "\u00a0", "\u2011": "-", "\u2212": "-", "\u2009": " "}
TEXT = colors.HexColor("#1e1e1e")
STYLES = {
    "title": ParagraphStyle(
        "title", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=6 * mm
    ),
    "heading": ParagraphStyle(
        "heading",
        fontName="Helvetica-Bold",
        fontSize=12,
        leading=15,
        spaceBefore=5 * mm,
        spaceAfter=2 * mm,
    ),
    "body": ParagraphStyle(
        "body", fontName="Helvetica", fontSize=10, leading=13, textColor=TEXT
    ),
    "label": ParagraphStyle(
        "label", fontName="Helvetica-Bold", fontSize=10, leading=13, textColor=TEXT
    ),
}


def printable(text):
    text = str(text or "")
    for character, replacement in UNPRINTABLE.items():
        text = text.replace(character, replacement)
    return "<br/>".join(escape(line) for line in text.strip().splitlines())


def received_documents(submission):
    """The dossier's pieces received with the deposit (not the messages' files)."""
    return list(
        submission.attachments.filter(message__isnull=True).exclude(
            scan_status="infected"
        )
    )


def received_answers(submission, documents):
    """The dossier's answers as the acknowledgement lists them: page, PDF and e-mail."""
    return answers.answer_rows(
        submission,
        answers.typed_fields(submission.call),
        list(submission.financing_lines.all()),
        documents,
    )


def receipt(submission):
    return (
        submission.transitions.filter(to_state=Submission.State.SUBMITTED)
        .select_related("actor")
        .last()
    )


def acknowledgement_pdf(submission, service, documents, received, answers=()):
    """The accusé de réception électronique as an A4 PDF (bytes)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=_("Accusé de réception %(ref)s") % {"ref": submission.reference},
        author=service["name"],
        lang="fr-FR",
    )
    body = STYLES["body"]
    submitted = localtime(submission.submitted_at)
    facts = [
        (_("Référence"), submission.reference),
        (_("Dossier"), submission.title),
        (_("Déposé pour"), str(submission.holder)),
        (_("Appel"), str(submission.call)),
        (
            _("Reçu le"),
            _("%(date)s (heure de Paris)")
            % {"date": date_format(submitted, "l j F Y à H:i:s")},
        ),
    ]
    if received is not None and received.actor is not None:
        actor = received.actor
        facts.append((_("Déposé par"), actor.get_full_name() or actor.email))
    facts.append(
        (
            _("Service chargé du dossier"),
            "\n".join(
                [
                    service["name"],
                    *service["address_lines"],
                    _("Courriel : %(email)s") % {"email": service["email"]},
                    _("Téléphone : %(phone)s") % {"phone": service["phone"]},
                ]
            ),
        )
    )
    table = facts_table(facts)
    story = [
        Paragraph(printable(_("Accusé de réception électronique")), STYLES["title"]),
        table,
    ]
    if answers:
        story += [
            Paragraph(printable(_("Réponses au formulaire")), STYLES["heading"]),
            facts_table([(k, v) for k, v in answers]),
        ]
    story.append(Paragraph(printable(_("Pièces reçues")), STYLES["heading"]))
    requested = list(submission.call.documents.all())
    if requested:
        story.append(
            Paragraph(printable(_("Pièces demandées par la démarche :")), body)
        )
        story.extend(
            Paragraph(printable(f"• {requested_line(document)}"), body)
            for document in requested
        )
        story.append(Spacer(1, 3 * mm))
    if documents:
        for piece in documents:
            story.append(
                Paragraph(
                    printable(
                        f"• {piece.kind} : {piece.original_name} "
                        f"({filesizeformat(piece.size)})"
                    ),
                    body,
                )
            )
    else:
        story.append(Paragraph(printable(_("Aucune pièce jointe.")), body))
    story += [
        Spacer(1, 6 * mm),
        Paragraph(
            printable(
                _(
                    "Cet accusé de réception atteste que votre dossier a été reçu. Il ne préjuge pas de sa complétude ni de la décision ; le service vous informera de la suite donnée."
                )
            ),
            body,
        ),
    ]
    document.build(story)
    return buffer.getvalue()


def requested_line(document):
    """« Budget — obligatoire ; fichier PDF ou tableur (ODS, XLSX) », as on the page."""
    status = _("obligatoire") if document.required else _("facultative")
    return _("%(name)s — %(status)s ; fichier %(types)s") % {
        "name": document.name,
        "status": status,
        "types": document.allowed_label(),
    }


def facts_table(facts):
    """Label and value, one line each, as on the printed ARE."""
    table = Table(
        [
            [
                Paragraph(printable(k), STYLES["label"]),
                Paragraph(printable(v), STYLES["body"]),
            ]
            for k, v in facts
        ],
        colWidths=[45 * mm, None],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#b5ada3")),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def dossier_zip(submission):
    """Every downloadable piece, named by kind, in one ZIP (bytes, in memory: 10 Mo
    per file and a handful of files per dossier)."""
    buffer = io.BytesIO()
    used = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for attachment in submission.attachments.select_related("message"):
            if not attachment.is_downloadable:
                continue
            folder = "messages/" if attachment.message_id else ""
            download = PurePath(attachment.download_name)
            stem, suffix = download.stem, download.suffix
            name = f"{folder}{stem}{suffix}"
            counter = 2
            while name in used:
                name = f"{folder}{stem}-{counter}{suffix}"
                counter += 1
            used.add(name)
            with attachment.file.open("rb") as handle:
                archive.writestr(name, handle.read())
    return buffer.getvalue()
