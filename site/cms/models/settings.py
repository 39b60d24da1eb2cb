import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


def page_field(label):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class RgaaStatus(models.TextChoices):
    NON_CONFORME = "non", _("non conforme")
    PARTIELLEMENT = "partiel", _("partiellement conforme")
    TOTALEMENT = "total", _("totalement conforme")


POSTCODE_LINE = re.compile(r"^\d{5}\s+\S")


def validate_postal_address(value):
    """The address printed on acknowledgements of receipt must reach the service by
    post: a name, a street (or a boîte postale), then the postcode and town."""
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    if len(lines) < 3 or not POSTCODE_LINE.match(lines[-1]):
        raise ValidationError(
            _(
                "Adresse incomplète : écrivez une ligne par ligne d’adresse, le nom "
                "du service, le numéro et la rue (ou la boîte postale), puis le code "
                "postal et la commune."
            )
        )


LEGAL_PAGES = [
    "legal_notice_page",
    "accessibility_page",
    "personal_data_page",
    "cookies_page",
    "sitemap_page",
    "contact_page",
    "privacy_page",
]


@register_setting(icon="cog")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Contact details, legal information, the main menu and the legal pages of a site."""

    organisation_name = models.CharField(
        _("nom de l’organisme"), max_length=200, default="PETR Grand Quercy"
    )
    address = models.TextField(
        _("adresse postale"),
        blank=True,
        validators=[validate_postal_address],
        help_text=_(
            "Une ligne par ligne d’adresse, comme sur une enveloppe : nom du service, "
            "numéro et rue, code postal et commune. Elle figure sur les accusés de "
            "réception des dossiers des communes."
        ),
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("adresse électronique"), blank=True)
    facebook_url = models.URLField(_("page Facebook"), blank=True)
    linkedin_url = models.URLField(_("page LinkedIn"), blank=True)
    youtube_url = models.URLField(_("chaîne YouTube"), blank=True)

    publication_director = models.CharField(
        _("directeur·rice de la publication"),
        max_length=200,
        blank=True,
        help_text=_("Le président ou la présidente du PETR."),
    )
    host_name = models.CharField(_("hébergeur"), max_length=200, blank=True)
    host_address = models.TextField(_("adresse de l’hébergeur"), blank=True)
    host_phone = models.CharField(
        _("téléphone de l’hébergeur"), max_length=30, blank=True
    )
    dpo_name = models.CharField(
        _("délégué·e à la protection des données"), max_length=200, blank=True
    )
    dpo_email = models.EmailField(_("adresse électronique du DPO"), blank=True)
    dpo_address = models.TextField(_("adresse postale du DPO"), blank=True)
    rgaa_status = models.CharField(
        _("état de conformité RGAA"),
        max_length=10,
        choices=RgaaStatus.choices,
        default=RgaaStatus.NON_CONFORME,
    )

    legal_notice_page = page_field(_("mentions légales"))
    accessibility_page = page_field(_("déclaration d’accessibilité"))
    personal_data_page = page_field(_("données personnelles"))
    cookies_page = page_field(_("cookies"))
    sitemap_page = page_field(_("plan du site"))
    contact_page = page_field(_("contact"))
    privacy_page = page_field(_("confidentialité des participant·es"))

    select_related = LEGAL_PAGES

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("organisation_name"),
                    FieldPanel("address"),
                    FieldPanel("phone"),
                    FieldPanel("email"),
                    MultiFieldPanel(
                        [
                            FieldPanel("facebook_url"),
                            FieldPanel("linkedin_url"),
                            FieldPanel("youtube_url"),
                        ],
                        heading=_("Réseaux sociaux"),
                    ),
                ],
                heading=_("Coordonnées"),
            ),
            ObjectList(
                [InlinePanel("menu_items", label=_("Liens du menu"))],
                heading=_("Menu principal"),
            ),
            ObjectList(
                [
                    FieldPanel("publication_director"),
                    FieldPanel("host_name"),
                    FieldPanel("host_address"),
                    FieldPanel("host_phone"),
                    FieldPanel("dpo_name"),
                    FieldPanel("dpo_email"),
                    FieldPanel("dpo_address"),
                    FieldPanel("rgaa_status"),
                ],
                heading=_("Informations légales"),
            ),
            ObjectList(
                [PageChooserPanel(name) for name in LEGAL_PAGES],
                heading=_("Pages de référence"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("paramètres du site")

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]


class MainMenuItem(Orderable):
    """An entry of the main menu: a page of the site or an address (e.g. /espace-elus/)."""

    settings = ParentalKey(
        SiteSettings, related_name="menu_items", on_delete=models.CASCADE
    )
    label = models.CharField(
        _("libellé"),
        max_length=60,
        blank=True,
        help_text=_("Laisser vide pour reprendre le titre de la page."),
    )
    link_page = page_field(_("page"))
    link_url = models.CharField(
        _("ou adresse"),
        max_length=300,
        blank=True,
        help_text=_("Chemin du site (/espace-elus/) ou adresse complète (https://…)."),
    )

    panels = [
        FieldPanel("label"),
        PageChooserPanel("link_page"),
        FieldPanel("link_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("lien du menu")
        verbose_name_plural = _("liens du menu")

    def __str__(self):
        return self.text

    def clean(self):
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(
                _("Choisissez soit une page, soit une adresse (l’une des deux).")
            )
        if self.link_url and not self.link_url.startswith(("/", "https://", "http://")):
            raise ValidationError(
                {"link_url": _("L’adresse doit commencer par « / » ou « https:// ».")}
            )
        if self.link_url and not self.label:
            raise ValidationError({"label": _("Donnez un libellé à ce lien.")})

    @property
    def text(self):
        return self.label or (self.link_page.title if self.link_page else self.link_url)

    def get_url(self, request=None):
        if self.link_page is not None:
            return self.link_page.get_url(request)
        return self.link_url
