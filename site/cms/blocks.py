"""StreamField blocks shared by every editorial page (and reusable by the other apps)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
]


class HeadingBlock(blocks.StructBlock):
    """A section title; the level keeps the page's heading outline in order."""

    text = blocks.CharBlock(label=_("titre"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Niveau 2")), ("h3", _("Niveau 3")), ("h4", _("Niveau 4"))],
        default="h2",
        label=_("niveau"),
    )

    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "blocks/heading_block.html"


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image whose alternative text is required unless it is marked decorative."""

    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(required=False, label=_("légende"))
    credit = blocks.CharBlock(required=False, label=_("crédit"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        required=False,
        label=_("intitulé"),
        help_text=_("Laisser vide pour reprendre le titre du document."),
    )


class DocumentsBlock(blocks.StructBlock):
    """Downloads, each shown with its format and size as the RGAA asks."""

    heading = blocks.CharBlock(required=False, label=_("titre de la liste"))
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("documents"))

    class Meta:
        icon = "doc-full"
        label = _("Documents à télécharger")
        template = "blocks/documents_block.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.TextBlock(required=False, label=_("texte"))
    label = blocks.CharBlock(label=_("libellé du bouton"))
    page = blocks.PageChooserBlock(required=False, label=_("page"))
    url = blocks.CharBlock(
        required=False,
        label=_("ou adresse"),
        help_text=_("Adresse complète (https://…) ou chemin du site (/espace-elus/)."),
    )

    class Meta:
        icon = "link"
        label = _("Appel à l’action")
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        url = value.get("url") or ""
        if bool(value.get("page")) == bool(url):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _(
                            "Choisissez soit une page, soit une adresse (l’une des deux)."
                        )
                    )
                }
            )
        if url and not url.startswith(("/", "https://", "http://", "mailto:")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _(
                            "L’adresse doit commencer par « / », « https:// » ou « mailto: »."
                        )
                    )
                }
            )
        return value


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("question ou titre"))
    content = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("réponse"))


class AccordionBlock(blocks.StructBlock):
    """Questions and answers in native <details>: keyboard and screen-reader ready, no JS."""

    heading = blocks.CharBlock(required=False, label=_("titre"))
    items = blocks.ListBlock(AccordionItemBlock(), label=_("éléments"))

    class Meta:
        icon = "list-ul"
        label = _("Accordéon / FAQ")
        template = "blocks/accordion_block.html"


class TableBlock(TypedTableBlock):
    """A data table with column headers and a caption."""

    text = blocks.CharBlock(label=_("texte"))
    numeric = blocks.DecimalBlock(label=_("nombre"))
    rich_text = blocks.RichTextBlock(
        features=["bold", "italic", "link"], label=_("texte riche")
    )

    class Meta:
        icon = "table"
        label = _("Tableau")
        template = "blocks/table_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citation"))
    attribution = blocks.CharBlock(required=False, label=_("auteur ou source"))

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "blocks/quote_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Texte"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
    )
    image = ImageWithCaptionBlock()
    documents = DocumentsBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    table = TableBlock()
    quote = QuoteBlock()
