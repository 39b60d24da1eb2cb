"""The dossier's form, built from the démarche's typed fields.

Every field is optional while drafting (a draft saves at any time); what the
definition requires is checked at the deposit (``Submission.missing_items``).
"""

import datetime
from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from cms.typography import of
from cms.widgets import FastSelect, LeanFields
from contrats.models import Commune, Mesure

from ..forms import DATE_INPUT
from ..models import FieldKind, Submission

YES, NO = "oui", "non"
REQUIRED_HELP = _("Obligatoire pour déposer.")
POINT_HELP = _(
    "Latitude et longitude en degrés décimaux, séparées par un point-virgule, "
    "par exemple 44,45 ; 1,52."
)


class PointField(forms.CharField):
    """« latitude ; longitude » typed as French people write decimals."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        parts = [part.strip().replace(",", ".") for part in value.split(";")]
        try:
            lat, lng = (float(part) for part in parts)
        except ValueError:
            raise forms.ValidationError(
                _("Écrivez la latitude et la longitude séparées par « ; ».")
            ) from None
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            raise forms.ValidationError(_("Ces coordonnées n’existent pas."))
        return [lat, lng]


class FrenchDecimalField(forms.DecimalField):
    """« 1 250,50 » as people type it: spaces between thousands, a decimal comma."""

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split())
        return super().to_python(value)


def point_text(point):
    lat, lng = point
    return f"{number_format(lat)} ; {number_format(lng)}"


def form_field(field, call):
    """The Django form field of one typed field (never required: drafts)."""
    help_text = field.help_text
    if field.required:
        help_text = f"{help_text} {REQUIRED_HELP}".strip()
    common = {"label": field.label, "required": False, "help_text": help_text}
    kind = field.kind
    if kind == FieldKind.SHORT_TEXT:
        return forms.CharField(max_length=500, **common)
    if kind == FieldKind.LONG_TEXT:
        return forms.CharField(
            max_length=10000, widget=forms.Textarea(attrs={"rows": 4}), **common
        )
    if kind in (FieldKind.NUMBER, FieldKind.AMOUNT):
        amount = kind == FieldKind.AMOUNT
        if amount:
            common["label"] = f"{field.label} (€)"
        return FrenchDecimalField(
            max_digits=14,
            decimal_places=2 if amount else 4,
            min_value=0 if amount else None,
            localize=True,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            error_messages={"min_value": _("Le montant ne peut pas être négatif.")},
            **common,
        )
    if kind == FieldKind.DATE:
        return forms.DateField(widget=DATE_INPUT, **common)
    if kind == FieldKind.CHOICE:
        options = [(option, option) for option in field.choice_list]
        return forms.ChoiceField(
            choices=[("", _("— Choisir —")), *options], widget=FastSelect, **common
        )
    if kind == FieldKind.YES_NO:
        return forms.ChoiceField(
            choices=[(YES, _("Oui")), (NO, _("Non"))],
            widget=forms.RadioSelect,
            **common,
        )
    if kind == FieldKind.COMMUNES:
        return forms.ModelMultipleChoiceField(
            queryset=Commune.objects.in_petr().only("name").order_by("name"),
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if kind == FieldKind.MEASURE:
        measures = Mesure.objects.select_related("axe__orientation").filter(
            axe__orientation__contract_id=call.contract_id
        )
        measure = forms.ModelChoiceField(
            queryset=measures, widget=FastSelect, empty_label=_("— Choisir —"), **common
        )
        measure.label_from_instance = lambda m: f"{m.code}. {m.title}"
        return measure
    if kind == FieldKind.POINT:
        common["help_text"] = f"{POINT_HELP} {common['help_text']}".strip()
        return PointField(**common)
    raise ValueError(kind)


def to_answer(field, value):
    """A cleaned value as stored in ``Submission.answers`` (JSON)."""
    if value in (None, "", []):
        return None
    kind = field.kind
    if kind == FieldKind.YES_NO:
        return value == YES
    if kind == FieldKind.COMMUNES:
        return sorted(commune.pk for commune in value)
    if kind == FieldKind.MEASURE:
        return value.pk
    if kind in (FieldKind.NUMBER, FieldKind.AMOUNT):
        return str(value)
    if kind == FieldKind.DATE:
        return value.isoformat()
    return value


def from_answer(field, raw):
    """A stored answer as the form's initial value."""
    if raw in (None, "", []):
        return None
    kind = field.kind
    if kind == FieldKind.YES_NO:
        return YES if raw else NO
    if kind in (FieldKind.NUMBER, FieldKind.AMOUNT):
        return Decimal(raw)
    if kind == FieldKind.DATE:
        return datetime.date.fromisoformat(raw)
    if kind == FieldKind.POINT:
        return point_text(raw)
    return raw


class DossierForm(LeanFields, forms.ModelForm):
    """The title, then the démarche's fields in their order."""

    PREFIX = "champ_"

    class Meta:
        model = Submission
        fields = ["title"]
        help_texts = {"title": _("Une phrase courte qui nomme le projet.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        call = self.instance.call
        self.demarche_fields = [
            field for field in call.form_fields.all() if field.in_answers
        ]
        answers = self.instance.answers or {}
        for field in self.demarche_fields:
            name = self.PREFIX + field.key
            self.fields[name] = form_field(field, call)
            self.initial[name] = from_answer(field, answers.get(field.key))

    def typed_fields(self):
        """The bound fields of the définition, in order (for the template)."""
        return [self[self.PREFIX + field.key] for field in self.demarche_fields]

    def clean(self):
        data = super().clean()
        commune = self.instance.commune
        for field in self.demarche_fields:
            name = self.PREFIX + field.key
            point = data.get(name)
            outside = (
                field.kind == FieldKind.POINT
                and point
                and commune is not None
                and not commune.contains_point(point[1], point[0])
            )
            if outside:
                self.add_error(
                    name,
                    _("Le point doit se trouver dans la commune %(of_commune)s.")
                    % {"of_commune": of(commune.name)},
                )
        return data

    def answers(self):
        answers = dict(self.instance.answers or {})
        for field in self.demarche_fields:
            answers[field.key] = to_answer(
                field, self.cleaned_data.get(self.PREFIX + field.key)
            )
        return answers

    def draft_fields(self):
        """What ``Submission.create_draft`` takes."""
        return {"title": self.cleaned_data["title"], "answers": self.answers()}

    def save(self, commit=True):
        self.instance.answers = self.answers()
        return super().save(commit)
