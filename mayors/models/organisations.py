from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    EPCI = "epci", _("EPCI")
    ASSOCIATION = "association", _("Association")
    OTHER = "autre", _("Autre organisation")


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Organisation(models.Model):
    """A holder of dossiers other than a commune: an EPCI, an association, another
    body invited to apply to the démarches open to its kind."""

    Kind = OrganisationKind

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(
        _("type d’organisation"), max_length=20, choices=OrganisationKind.choices
    )
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9]{14}$",
                _("Le SIRET compte exactement 14 chiffres, sans espace."),
            )
        ],
    )
    commune = models.ForeignKey(
        "contrats.Commune",
        verbose_name=_("commune du siège"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    epci = models.ForeignKey(
        "contrats.Epci",
        verbose_name=_("EPCI représenté"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Pour une organisation de type EPCI seulement."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.epci_id and self.kind != OrganisationKind.EPCI:
            raise ValidationError(
                {"epci": _("Seule une organisation de type EPCI représente un EPCI.")}
            )
