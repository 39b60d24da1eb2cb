"""The typed fields staff put on a démarche's form, and the pieces it asks for, in
order.

A dossier's answers live in ``Submission.answers`` under each field's ``key``; the key
never changes once dossiers have answered (see the admin form's version rule).
"""

from django import forms
from django.db import models
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .. import sniffing


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


class DocumentFamily(models.TextChoices):
    """File types as a clerk names them, each a set of formats ``sniffing`` recognises
    by content (CSV has no signature to recognise: not offered)."""

    PDF = "pdf", _("PDF")
    IMAGE = "image", _("image (JPEG, PNG)")
    TEXT = "text", _("texte (ODT, DOCX)")
    SPREADSHEET = "spreadsheet", _("tableur (ODS, XLSX)")


FAMILY_TYPES = {
    DocumentFamily.PDF: {sniffing.PDF},
    DocumentFamily.IMAGE: {sniffing.JPEG, sniffing.PNG},
    DocumentFamily.TEXT: {sniffing.ODT, sniffing.DOCX},
    DocumentFamily.SPREADSHEET: {sniffing.ODS, sniffing.XLSX},
}


def every_family():
    """What a piece accepted before documents were typed: every recognised format."""
    return list(DocumentFamily.values)


class FamiliesField(models.JSONField):
    """A list of ``DocumentFamily`` values (JSON: the same on SQLite and PostgreSQL),
    edited as check boxes."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            choices=DocumentFamily.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            initial=self.default if self.has_default() else None,
            error_messages={"required": _("Cochez au moins un type de fichier.")},
        )


class DemarcheDocument(Orderable):
    """A piece a démarche asks for: its name, the file types it may be, and whether
    the deposit waits for it."""

    call = ParentalKey(
        "mayors.CallForPriorities",
        verbose_name=_("démarche"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    name = models.CharField(
        _("nom de la pièce"),
        max_length=200,
        help_text=_("Par exemple « Délibération du conseil »."),
    )
    allowed_types = FamiliesField(
        _("types de fichier acceptés"),
        default=every_family,
        help_text=_("Vérifiés d’après le contenu du fichier, pas son nom."),
    )
    required = models.BooleanField(_("obligatoire au dépôt"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("required")]),
        FieldPanel("allowed_types"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("pièce demandée")
        verbose_name_plural = _("pièces demandées")

    def __str__(self):
        return self.name

    @property
    def families(self):
        return [f for f in DocumentFamily if f.value in (self.allowed_types or ())]

    @property
    def content_types(self):
        return set().union(*(FAMILY_TYPES[f] for f in self.families))

    def allowed_label(self):
        """« PDF ou tableur (ODS, XLSX) »."""
        labels = [str(f.label) for f in self.families]
        if len(labels) < 2:
            return "".join(labels)
        return _("%(first)s ou %(last)s") % {
            "first": ", ".join(labels[:-1]),
            "last": labels[-1],
        }

    def refusal(self, content_type):
        """Why a file of this (sniffed) type cannot be this piece, or None."""
        if content_type in self.content_types:
            return None
        return _(
            "« %(name)s » doit être un fichier %(allowed)s ; ce fichier n’en est pas "
            "un (son contenu a été vérifié, pas seulement son nom)."
        ) % {"name": self.name, "allowed": self.allowed_label()}
