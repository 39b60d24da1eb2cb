"""``/api/v1/aid-schemes/``: the published catalogue of aid schemes (``aides``)."""

from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers

from aides.models import AidScheme, Carrier, Funder, Theme
from contrats.models import Commune, Mesure

from ..filters import choice_field, insee_field
from ..messages import french
from ..serializers import INSEE_PATTERN, MeasureSerializer
from .base import ReadOnlyViewSet, detail_schema, id_parameter, list_schema


class AidSchemeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text=_("Identifiant."))
    name = serializers.CharField(read_only=True, help_text=_("Nom."))
    programme = serializers.CharField(
        read_only=True, help_text=_("Sigle du dispositif (DETR, LEADER…), ou vide.")
    )
    funder = serializers.ChoiceField(
        choices=Funder.choices, read_only=True, help_text=_("Financeur.")
    )
    funder_label = serializers.CharField(
        read_only=True, help_text=_("Financeur, en toutes lettres.")
    )
    public_funder = serializers.BooleanField(
        source="is_public",
        read_only=True,
        help_text=_("Financeur public (compté dans la règle des 20 %)."),
    )
    applicants = serializers.ListField(
        child=serializers.ChoiceField(choices=Carrier.choices),
        read_only=True,
        help_text=_("Porteurs éligibles."),
    )
    themes = serializers.ListField(
        child=serializers.ChoiceField(choices=Theme.choices),
        read_only=True,
        help_text=_("Thèmes ; vide : tous les thèmes."),
    )
    measures = MeasureSerializer(
        many=True, read_only=True, help_text=_("Mesures de la stratégie visées.")
    )
    communes = serializers.ListField(
        child=serializers.RegexField(INSEE_PATTERN),
        source="commune_codes",
        read_only=True,
        help_text=_("Codes INSEE des communes éligibles ; vide : tout le territoire."),
    )
    max_rate = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        coerce_to_string=False,
        read_only=True,
        help_text=_("Taux maximal, en %."),
    )
    ceiling = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        coerce_to_string=False,
        read_only=True,
        allow_null=True,
        help_text=_("Plafond de l’aide en euros, ou null."),
    )
    min_eligible_cost = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        coerce_to_string=False,
        read_only=True,
        allow_null=True,
        help_text=_("Dépense éligible minimale en euros, ou null."),
    )
    opens_on = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("Ouverture, ou null.")
    )
    closes_on = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("Clôture, ou null.")
    )
    rolling = serializers.BooleanField(
        source="is_rolling",
        read_only=True,
        help_text=_("Dossiers reçus au fil de l’eau."),
    )
    procedure_url = serializers.CharField(
        source="procedure_link",
        read_only=True,
        help_text=_("Adresse de la démarche en ligne, ou vide."),
    )
    funder_url = serializers.CharField(
        read_only=True, help_text=_("Page du financeur, ou vide.")
    )
    contact = serializers.CharField(read_only=True, help_text=_("Service à joindre."))
    contact_email = serializers.CharField(
        read_only=True, help_text=_("Adresse électronique du service, ou vide.")
    )
    description = serializers.CharField(read_only=True, help_text=_("Description."))


class AidSchemeFilters(serializers.Serializer):
    applicant = choice_field(
        Carrier.choices,
        _("Seulement les dispositifs ouverts à ce porteur."),
        required=False,
    )
    theme = choice_field(
        Theme.choices,
        _("Seulement les dispositifs de ce thème (et ceux ouverts à tous)."),
        required=False,
    )
    funder = choice_field(
        Funder.choices, _("Seulement les dispositifs de ce financeur."), required=False
    )
    commune = insee_field(_("Seulement les dispositifs où cette commune est éligible."))
    open = serializers.BooleanField(
        required=False,
        error_messages=french(serializers.BooleanField),
        help_text=_("true : seulement les dispositifs ouverts aujourd’hui."),
    )

    def apply(self, queryset):
        data = self.validated_data
        if "applicant" in data:
            queryset = queryset.for_carrier(data["applicant"])
        if "theme" in data:
            queryset = queryset.about([data["theme"]])
        if "funder" in data:
            queryset = queryset.filter(funder=data["funder"])
        if "commune" in data:
            commune = Commune.objects.filter(insee_code=data["commune"]).first()
            queryset = queryset.in_commune(commune) if commune else queryset.none()
        if data.get("open") is True:
            queryset = queryset.open_on(timezone.localdate())
        elif data.get("open") is False:
            queryset = queryset.exclude(
                pk__in=AidScheme.objects.open_on(timezone.localdate()).values("pk")
            )
        return queryset


@extend_schema_view(
    list=list_schema(
        AidSchemeSerializer,
        AidSchemeFilters,
        _("Aides et financements"),
        _(
            "Le catalogue publié des dispositifs d’aide (État, Région, Département, "
            "Europe…) : porteurs éligibles, thèmes, taux, plafond, calendrier, contact."
        ),
    ),
    retrieve=detail_schema(
        AidSchemeSerializer,
        _("Un dispositif d’aide"),
        id_parameter(_("Identifiant du dispositif.")),
    ),
)
class AidSchemeViewSet(ReadOnlyViewSet):
    queryset = AidScheme.objects.none()  # the model, for the schema; see get_queryset
    serializer_class = AidSchemeSerializer
    filters_class = AidSchemeFilters

    def get_queryset(self):
        measures = (
            Mesure.objects.select_related("axe__orientation")
            .annotate(contract_short_name=F("axe__orientation__contract__short_name"))
            .order_by("axe__orientation__number", "axe__number", "number")
        )
        return (
            AidScheme.objects.published()
            .with_procedures()
            .prefetch_related(
                Prefetch("measures", queryset=measures),
                Prefetch("communes", queryset=Commune.objects.only("insee_code")),
            )
            .order_by("name", "pk")
        )
