"""The four questions of « Quelles aides pour mon projet ? », asked by GET so that the
answers stay in the address and can be shared."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.widgets import FastSelect, LeanFields
from contrats.models import Commune

from .models.schemes import Carrier, Theme

CARRIER_CHOICES = [
    (Carrier.COMMUNE, _("Une commune")),
    (Carrier.EPCI, _("Une communauté de communes ou d’agglomération (EPCI)")),
    (Carrier.ASSOCIATION, _("Une association")),
    (Carrier.AUTRE, _("Un autre organisme")),
]
MAX_COST = Decimal("1000000000")


class PlanChoiceField(forms.Field):
    """The schemes ticked for the example plan: their numbers, repeated in the URL."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "invalid": _(
            "Le choix des dispositifs du plan est illisible : relancez la recherche."
        )
    }

    def to_python(self, value):
        try:
            return sorted({int(item) for item in value or []})
        except (TypeError, ValueError):
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None


class FinderForm(LeanFields, forms.Form):
    porteur = forms.ChoiceField(
        label=_("Qui porte le projet ?"),
        choices=CARRIER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Dites qui porte le projet."),
            "invalid_choice": _("Choisissez qui porte le projet dans la liste."),
        },
    )
    commune = forms.ModelChoiceField(
        label=_("Dans quelle commune ?"),
        queryset=Commune.objects.none(),  # the territory's, see __init__
        widget=FastSelect,
        to_field_name="insee_code",
        required=False,
        empty_label=_("— Choisir une commune —"),
        help_text=_("Obligatoire pour une commune ; facultatif sinon."),
        error_messages={
            "invalid_choice": _(
                "Commune inconnue : choisissez une commune du Grand Quercy dans la liste."
            )
        },
    )
    theme = forms.MultipleChoiceField(
        label=_("De quoi s’agit-il ?"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez un ou plusieurs thèmes ; aucun : tous les dispositifs."),
        error_messages={
            "invalid_choice": _("Thème inconnu : cochez les thèmes de la liste.")
        },
    )
    cout = forms.CharField(
        label=_("Combien coûte-t-il, hors taxes (en euros) ?"),
        max_length=20,
        help_text=_("Le montant total des dépenses HT, par exemple 250000."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"required": _("Indiquez le coût du projet hors taxes.")},
    )
    plan = PlanChoiceField(required=False)
    plan_choisi = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.in_petr().only(
            "insee_code", "name"
        )

    def clean_cout(self):
        text = self.cleaned_data["cout"]
        for space in (" ", "\u00a0", "\u202f", "€"):
            text = text.replace(space, "")
        try:
            cost = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise forms.ValidationError(
                _("Indiquez le coût en chiffres, en euros (par exemple 250000).")
            ) from None
        if not cost.is_finite() or cost <= 0:
            raise forms.ValidationError(_("Le coût doit être supérieur à 0 €."))
        if cost >= MAX_COST:
            raise forms.ValidationError(
                _("Le coût doit rester inférieur à un milliard d’euros.")
            )
        return cost.quantize(Decimal("0.01"))

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("porteur") == Carrier.COMMUNE
            and not cleaned.get("commune")
            and "commune" not in self.errors
        ):
            self.add_error("commune", _("Choisissez la commune qui porte le projet."))
        return cleaned
