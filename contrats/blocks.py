"""StreamField blocks of a contract: partners, governance and documents live in the page row,
so a contract page costs no extra query for them (documents are fetched in bulk)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class CommitteeMemberBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("nom ou fonction"), max_length=150)
    institution = blocks.CharBlock(label=_("institution"), max_length=150)
    role = blocks.CharBlock(label=_("rôle"), max_length=150, required=False)

    class Meta:
        icon = "user"
        label = _("membre du comité de pilotage")


class MeetingBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("date"))
    agenda = blocks.TextBlock(label=_("ordre du jour"))
    minutes = DocumentChooserBlock(label=_("compte rendu"), required=False)

    class Meta:
        icon = "date"
        label = _("réunion du comité de pilotage")


class ContractDocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("intitulé"),
        required=False,
        help_text=_("Laissez vide pour reprendre le titre du document."),
    )

    class Meta:
        icon = "doc-full"
        label = _("document")


PARTNER_BLOCKS = [("partner", blocks.CharBlock(label=_("partenaire"), max_length=150))]
COMMITTEE_BLOCKS = [("member", CommitteeMemberBlock())]
MEETING_BLOCKS = [("meeting", MeetingBlock())]
DOCUMENT_BLOCKS = [("document", ContractDocumentBlock())]
