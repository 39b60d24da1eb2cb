"""The projects explorer's filters: one GET form shared by the list, the map and the open data."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Commune, ContractPage, Epci, FinancingLine, Mesure, Project


class MeasureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.axe.orientation.contract.short_name} {obj.code}. {obj.title}"


class ContractChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.short_name


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Mots-clés"), required=False, max_length=100)
    contrat = ContractChoiceField(
        label=_("Contrat"),
        queryset=ContractPage.objects.live().order_by("path"),
        required=False,
        empty_label=_("Tous les contrats"),
    )
    mesure = MeasureChoiceField(
        label=_("Mesure"),
        queryset=Mesure.objects.with_codes().order_by(
            "axe__orientation__contract__path",
            "axe__orientation__number",
            "axe__number",
            "number",
        ),
        required=False,
        empty_label=_("Toutes les mesures"),
    )
    epci = forms.ModelChoiceField(
        label=_("Intercommunalité"),
        queryset=Epci.objects.petr_members(),
        required=False,
        empty_label=_("Toutes les intercommunalités"),
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.in_petr().only("pk", "name"),
        required=False,
        empty_label=_("Toutes les communes"),
    )
    financeur = forms.ChoiceField(
        label=_("Financeur"),
        choices=[("", _("Tous les financeurs")), *FinancingLine.Funder.choices],
        required=False,
    )
    annee = forms.TypedChoiceField(
        label=_("Année"),
        coerce=int,
        empty_value=None,
        required=False,
    )
    etat = forms.ChoiceField(
        label=_("État"),
        choices=[("", _("Tous les états")), *Project.Status.choices],
        required=False,
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
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
            words = data["q"].split()
            for word in words:
                queryset = queryset.filter(
                    Q(title__icontains=word)
                    | Q(summary__icontains=word)
                    | Q(holder_name__icontains=word)
                )
        if data["contrat"]:
            queryset = queryset.filter(
                pk__in=through_measures.objects.filter(
                    mesure__axe__orientation__contract=data["contrat"]
                ).values("project_id")
            )
        if data["mesure"]:
            queryset = queryset.filter(
                pk__in=through_measures.objects.filter(mesure=data["mesure"]).values(
                    "project_id"
                )
            )
        if data["epci"]:
            queryset = queryset.filter(
                pk__in=through_communes.objects.filter(
                    commune__epci=data["epci"]
                ).values("project_id")
            )
        if data["commune"]:
            queryset = queryset.filter(
                pk__in=through_communes.objects.filter(commune=data["commune"]).values(
                    "project_id"
                )
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
