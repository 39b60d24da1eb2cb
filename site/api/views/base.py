"""What every endpoint of the API shares: anonymous, JSON, throttled, paginated, filtered."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from .. import serializers
from ..messages import TooManyRequests, method_not_allowed
from ..pagination import Pagination
from ..throttling import ClientRateThrottle


class ErrorSerializer(drf_serializers.Serializer):
    detail = drf_serializers.CharField(help_text=_("Message d’erreur."))


VALIDATION_ERROR = {
    "type": "object",
    "description": str(_("Messages d’erreur par paramètre.")),
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
NOT_FOUND = OpenApiResponse(ErrorSerializer, description=_("Introuvable."))
THROTTLED = OpenApiResponse(
    ErrorSerializer,
    description=_("Trop de requêtes : réessayer après le délai indiqué (Retry-After)."),
)
INVALID = OpenApiResponse(VALIDATION_ERROR, description=_("Paramètre invalide."))


def list_schema(serializer, filters_class, summary, description):
    return extend_schema(
        summary=summary,
        description=description,
        parameters=[filters_class] if filters_class else None,
        responses={
            200: OpenApiResponse(serializer, description=_("Une page de résultats.")),
            400: INVALID,
            404: NOT_FOUND,
            429: THROTTLED,
        },
    )


def detail_schema(serializer, summary, parameter):
    return extend_schema(
        summary=summary,
        parameters=[parameter],
        responses={
            200: OpenApiResponse(serializer, description=_("L’objet demandé.")),
            404: NOT_FOUND,
            429: THROTTLED,
        },
    )


def id_parameter(description):
    return OpenApiParameter(
        "id",
        {"type": "integer", "minimum": 1, "maximum": serializers.MAX_ID},
        OpenApiParameter.PATH,
        description=description,
    )


def query_values(request):
    """The query string as a plain dict (the last value of each name): a present but
    empty parameter is then invalid, not taken for an absent one as in HTML forms."""
    return dict(request.query_params.items())


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Anonymous, JSON only, no session or CSRF: the same answer for everyone."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    parser_classes = []
    throttle_classes = [ClientRateThrottle]
    pagination_class = Pagination
    http_method_names = ["get", "head"]  # anything else is a 405
    schema = AutoSchema()
    filters_class = None
    lookup_url_kwarg = "id"

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise method_not_allowed(request.method)

    def throttled(self, request, wait):
        raise TooManyRequests(wait)

    def filter_queryset(self, queryset):
        if self.action == "list" and self.filters_class is not None:
            query = self.filters_class(data=query_values(self.request))
            query.is_valid(raise_exception=True)
            queryset = query.apply(queryset)
        return queryset

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg]
        if not (isinstance(value, int) and value > serializers.MAX_ID):
            queryset = self.filter_queryset(self.get_queryset())
            found = queryset.filter(**{self.lookup_field: value}).first()
            if found is not None:
                return found
        raise NotFound(_("Introuvable."))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "url_for": self.url_for}

    def url_for(self, instance):
        """The absolute URL of the object's public page (``url`` fields)."""
        return self.absolute(instance.get_absolute_url())

    def absolute(self, path):
        return self.request.build_absolute_uri(path)
