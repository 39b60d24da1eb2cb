"""The typed fields staff put on a démarche's form, in order.

A dossier's answers live in ``Submission.answers`` under each field's ``key``; the key
never changes once dossiers have answered (see the admin form's version rule).
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class FieldKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Texte court")
    LONG_TEXT = "long_text", _("Texte long")
    NUMBER = "number", _("Nombre")
    AMOUNT = "amount", _("Montant en euros")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choix dans une liste")
    YES_NO = "yes_no", _("Oui ou non")
    COMMUNES = "communes", _("Communes")
    MEASURE = "measure", _("Mesure de la stratégie du contrat")
    POINT = "point", _("Point sur la carte")
    FINANCING = "financing", _("Plan de financement")
    FILE = "file", _("Fichier")


# Kinds whose answer is not in ``answers``: the financing lines and the attachments.
OUTSIDE_ANSWERS = {FieldKind.FINANCING, FieldKind.FILE}


class DemarcheField(Orderable):
    """One question of a démarche's form."""

    Kind = FieldKind

    call = ParentalKey(
        "mayors.CallForPriorities",
        verbose_name=_("démarche"),
        on_delete=models.CASCADE,
        related_name="form_fields",
    )
    label = models.CharField(_("libellé"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=FieldKind.choices)
    key = models.SlugField(
        _("identifiant"),
        max_length=50,
        blank=True,
        help_text=_(
            "Rempli d’après le libellé ; nomme la réponse dans les dossiers et les "
            "exports."
        ),
    )
    help_text = models.CharField(_("aide"), max_length=255, blank=True)
    required = models.BooleanField(_("obligatoire au dépôt"), default=False)
    choices = models.TextField(
        _("options"),
        blank=True,
        help_text=_("Pour un choix dans une liste : une option par ligne."),
    )

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("key"), FieldPanel("required")]),
        FieldPanel("help_text"),
        FieldPanel("choices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("champ du formulaire")
        verbose_name_plural = _("champs du formulaire")
        # Keys are distinct per démarche: the admin form fills and checks them (a
        # database constraint would make the inline formset refuse blank keys).

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = default_key(self.label)
        super().save(*args, **kwargs)

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def in_answers(self):
        return self.kind not in OUTSIDE_ANSWERS


def default_key(label, taken=()):
    """A short slug of the label, distinct from the ``taken`` keys."""
    base = slugify(label)[:40].strip("-") or "champ"
    key, counter = base, 2
    while key in taken:
        key = f"{base}-{counter}"
        counter += 1
    return key
