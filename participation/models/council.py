"""The Conseil Participatif Citoyen: who sits on it, when it meets, what it said."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms import images
from cms.models import BasePage


class College(models.TextChoices):
    RESIDENTS = "residents", _("Habitant·es")
    ASSOCIATIONS = "associations", _("Associations")
    ECONOMIC = "economic", _("Acteurs économiques")
    QUALIFIED = "qualified", _("Personnalités qualifiées")


class CouncilPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("présentation"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel("members", label=_("Membres")),
        InlinePanel("meetings", label=_("Réunions")),
        InlinePanel("opinions", label=_("Avis")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["participation.ConsultationIndexPage", "cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("page du Conseil Participatif Citoyen")

    def rendition_requirements(self):
        """The body is rich text, not a stream: only the share image."""
        if self.search_image_id:
            yield self.search_image, [images.SOCIAL]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["members"] = self.members.select_related("commune")
        context["meetings"] = self.meetings.select_related("minutes").order_by("-date")
        context["opinions"] = self.opinions.select_related("document").order_by("-date")
        return context


class CouncilMember(Orderable):
    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("nom"), max_length=120)
    college = models.CharField(_("collège"), max_length=20, choices=College.choices)
    commune = models.ForeignKey(
        "contrats.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("fonction au conseil"), max_length=120, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("college"),
        FieldPanel("commune"),
        FieldPanel("role"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("membre")
        verbose_name_plural = _("membres")

    def __str__(self):
        return self.name


class CouncilMeeting(Orderable):
    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateTimeField(_("date"))
    place = models.CharField(_("lieu"), max_length=200)
    agenda = models.TextField(_("ordre du jour"), blank=True)
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("compte rendu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("date"),
        FieldPanel("place"),
        FieldPanel("agenda"),
        FieldPanel("minutes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("réunion")
        verbose_name_plural = _("réunions")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.place}"


class CouncilOpinion(Orderable):
    page = ParentalKey(CouncilPage, on_delete=models.CASCADE, related_name="opinions")
    title = models.CharField(_("titre"), max_length=200)
    date = models.DateField(_("date"))
    summary = models.TextField(_("résumé"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("avis")
        verbose_name_plural = _("avis")

    def __str__(self):
        return self.title
