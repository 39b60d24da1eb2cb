"""``/api/v1/communes/``."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema_view

from contrats.models import Commune

from .. import filters, serializers
from .base import ReadOnlyViewSet, detail_schema, list_schema


@extend_schema_view(
    list=list_schema(
        serializers.CommuneSerializer,
        filters.CommuneFilters,
        _("Communes"),
        _(
            "Les communes du Lot connues du site, avec leur EPCI, par ordre alphabétique."
        ),
    ),
    retrieve=detail_schema(
        serializers.CommuneSerializer,
        _("Une commune"),
        OpenApiParameter(
            "insee_code",
            {"type": "string", "pattern": serializers.INSEE_PATTERN},
            OpenApiParameter.PATH,
            description=_("Code INSEE de la commune."),
        ),
    ),
)
class CommuneViewSet(ReadOnlyViewSet):
    queryset = Commune.objects.none()  # the model, for the schema; see get_queryset
    serializer_class = serializers.CommuneSerializer
    filters_class = filters.CommuneFilters
    lookup_field = "insee_code"
    lookup_url_kwarg = "insee_code"

    def get_queryset(self):
        return (
            Commune.objects.select_related("epci")
            .defer("geometry", "epci__geometry")
            .order_by("name", "insee_code")
        )
