"""A contract's strategy tree: Orientation → Axe → Mesure, numbered 1, 1.2, 1.2.3."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

DEMO_HELP = _(
    "Contenu de démonstration : intitulé plausible à remplacer par celui du contrat signé."
)


class Orientation(ClusterableModel):
    contract = ParentalKey(
        "contrats.ContractPage",
        verbose_name=_("contrat"),
        on_delete=models.CASCADE,
        related_name="orientations",
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("intitulé"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("title")]),
        FieldPanel("description"),
        InlinePanel("axes", label=_("Axes")),
    ]

    class Meta:
        ordering = ["number"]
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "number"], name="unique_orientation_number"
            )
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"

    @property
    def code(self):
        return str(self.number)


class Axe(ClusterableModel):
    orientation = ParentalKey(
        Orientation,
        verbose_name=_("orientation"),
        on_delete=models.CASCADE,
        related_name="axes",
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("intitulé"), max_length=255)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("title")]),
        InlinePanel("measures", label=_("Mesures")),
    ]

    class Meta:
        ordering = ["orientation__number", "number"]
        verbose_name = _("axe")
        verbose_name_plural = _("axes")
        constraints = [
            models.UniqueConstraint(
                fields=["orientation", "number"], name="unique_axe_number"
            )
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"

    @property
    def code(self):
        return f"{self.orientation.number}.{self.number}"


class MesureQuerySet(models.QuerySet):
    def with_codes(self):
        return self.select_related("axe__orientation__contract")


class Mesure(models.Model):
    axe = ParentalKey(
        Axe, verbose_name=_("axe"), on_delete=models.CASCADE, related_name="measures"
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("intitulé"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    objects = MesureQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("title")]),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["axe__orientation__number", "axe__number", "number"]
        verbose_name = _("mesure")
        verbose_name_plural = _("mesures")
        constraints = [
            models.UniqueConstraint(
                fields=["axe", "number"], name="unique_mesure_number"
            )
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"

    @property
    def code(self):
        return f"{self.axe.orientation.number}.{self.axe.number}.{self.number}"

    @property
    def contract(self):
        return self.axe.orientation.contract

    def label_with_contract(self):
        return f"{self.contract.short_name} — {self}"
