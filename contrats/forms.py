"""The projects explorer's filters: one GET form shared by the list, the map and the open data.

The options of the long lists (300 communes, every measure) and the labels the list shows
for each project's measures and communes come from ``explorer_vocabulary()``: a few queries
once per content generation (``cms.cache.generation()``, bumped by every change of a
contracts object), then one cache read. Their ``<select>`` elements are written in Python
(``cms.widgets.FastSelect``) rather than through Django's per-option widget templates.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.widgets import FastSelect, option_html

from .caching import per_generation
from .models import Commune, ContractPage, Epci, FinancingLine, Mesure, Project


def _build_vocabulary():
    contracts = list(
        ContractPage.objects.live().order_by("path").values_list("pk", "short_name")
    )
    measures = {}
    measure_choices = []
    rows = Mesure.objects.order_by(
        "axe__orientation__contract__path",
        "axe__orientation__number",
        "axe__number",
        "number",
    ).values_list(
        "pk",
        "number",
        "title",
        "axe__number",
        "axe__orientation__number",
        "axe__orientation__contract__short_name",
    )
    for pk, number, title, axe, orientation, contract in rows:
        code = f"{orientation}.{axe}.{number}"
        measures[pk] = ((orientation, axe, number, pk), f"{contract} {code}")
        measure_choices.append((pk, f"{contract} {code}. {title}"))
    choices = {
        "contrat": contracts,
        "mesure": measure_choices,
        "epci": list(
            Epci.objects.petr_members().order_by("name").values_list("pk", "name")
        ),
        "commune": list(
            Commune.objects.in_petr().order_by("sort_name").values_list("pk", "name")
        ),
    }
    return {
        **choices,
        "options": {
            name: [option_html(*pair) for pair in pairs]
            for name, pairs in choices.items()
        },
        "measure_labels": measures,
        "commune_names": dict(Commune.objects.values_list("pk", "name")),
    }


VOCABULARY_VERSION = 2  # bump when the cached structure changes


def explorer_vocabulary():
    """Filter options and list labels, computed once per content generation."""
    return per_generation(
        f"explorer-vocabulary-v{VOCABULARY_VERSION}", _build_vocabulary
    )


class IdChoiceField(forms.TypedChoiceField):
    """A choice among database ids given as (id, label) pairs; cleans to an int or None."""

    widget = FastSelect

    def __init__(self, *, empty_label, **kwargs):
        self.empty_label = empty_label
        super().__init__(coerce=int, empty_value=None, required=False, **kwargs)

    def set_options(self, pairs, rendered=None):
        """The (id, label) pairs; ``rendered``: the same, already written as options."""
        self.choices = [("", self.empty_label), *pairs]
        if rendered is not None:
            self.widget.options = [option_html("", self.empty_label), *rendered]


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Mots-clés"), required=False, max_length=100)
    contrat = IdChoiceField(label=_("Contrat"), empty_label=_("Tous les contrats"))
    mesure = IdChoiceField(label=_("Mesure"), empty_label=_("Toutes les mesures"))
    epci = IdChoiceField(
        label=_("Intercommunalité"), empty_label=_("Toutes les intercommunalités")
    )
    commune = IdChoiceField(label=_("Commune"), empty_label=_("Toutes les communes"))
    financeur = forms.ChoiceField(
        label=_("Financeur"),
        choices=[("", _("Tous les financeurs")), *FinancingLine.Funder.choices],
        required=False,
        widget=FastSelect,
    )
    annee = forms.TypedChoiceField(
        label=_("Année"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=FastSelect,
    )
    etat = forms.ChoiceField(
        label=_("État"),
        choices=[("", _("Tous les états")), *Project.Status.choices],
        required=False,
        widget=FastSelect,
    )

    def __init__(self, *args, years=(), vocabulary=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.vocabulary = vocabulary or explorer_vocabulary()
        for name in ("contrat", "mesure", "epci", "commune"):
            self.fields[name].set_options(
                self.vocabulary[name], self.vocabulary["options"][name]
            )
        self.fields["annee"].choices = [
            ("", _("Toutes les années")),
            *[(y, str(y)) for y in years],
        ]

    def filter(self, queryset):
        """Filters with subqueries, never joins: each project appears once."""
        if not self.is_valid():
            for name in self.errors:
                if name in self.fields:
                    self.fields[name].widget.attrs["aria-describedby"] = (
                        f"{self[name].id_for_label}-erreurs"
                    )
            return queryset
        data = self.cleaned_data
        through_measures = Project.measures.through
        through_communes = Project.communes.through
        if data["q"]:
            queryset = queryset.matching(data["q"])
        if data["contrat"]:
            queryset = queryset.filter(
                pk__in=through_measures.objects.filter(
                    mesure__axe__orientation__contract_id=data["contrat"]
                ).values("project_id")
            )
        if data["mesure"]:
            queryset = queryset.filter(
                pk__in=through_measures.objects.filter(mesure_id=data["mesure"]).values(
                    "project_id"
                )
            )
        if data["epci"]:
            queryset = queryset.filter(
                pk__in=through_communes.objects.filter(
                    commune__epci_id=data["epci"]
                ).values("project_id")
            )
        if data["commune"]:
            queryset = queryset.filter(
                pk__in=through_communes.objects.filter(
                    commune_id=data["commune"]
                ).values("project_id")
            )
        if data["financeur"]:
            queryset = queryset.filter(
                pk__in=FinancingLine.objects.filter(funder=data["financeur"]).values(
                    "project_id"
                )
            )
        if data["annee"]:
            year = data["annee"]
            queryset = queryset.filter(start_year__lte=year).filter(
                Q(end_year__gte=year) | Q(end_year__isnull=True, start_year=year)
            )
        if data["etat"]:
            queryset = queryset.filter(status=data["etat"])
        return queryset
