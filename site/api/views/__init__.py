"""The read-only JSON API: lists and details, paginated, filtered, throttled.

Every list reads its page in a fixed number of queries whatever the data size
(``tests/api/test_queries.py``). Responses are the same for every visitor, so they
go through the anonymous page cache like the site's pages (``cms.cache``).
"""

import datetime
import functools

from django.conf import settings
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers as drf_serializers
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from cms import cache_policy
from cms.decorators import cache_anonymous_view
from cms.sites import page_url_maker
from contrats.models import (
    Commune,
    FinancingLine,
    Mesure,
    ProgressNote,
    Project,
    ProjectStatusChange,
)
from participation.models import (
    Answer,
    Comment,
    ConsultationCategory,
    ConsultationPage,
    Proposal,
    Status,
)

from . import filters, serializers
from .messages import TooManyRequests, method_not_allowed
from .pagination import Pagination
from .schema import ApiSchemaGenerator
from .throttling import ClientRateThrottle


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


# --- consultations ------------------------------------------------------------------


def public_consultations():
    """Live consultations that nobody has to sign in to read."""
    return ConsultationPage.objects.live().public()


def _total(queryset, aggregate):
    rows = (
        queryset.order_by()
        .values("consultation")
        .annotate(total=aggregate)
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


@extend_schema_view(
    list=list_schema(
        serializers.ConsultationSerializer,
        filters.ConsultationFilters,
        _("Consultations"),
        _(
            "Les consultations publiées, les plus récentes d’abord, avec leur phase, "
            "leurs dates et le nombre de propositions, de soutiens et de commentaires "
            "publiés."
        ),
    ),
    retrieve=detail_schema(
        serializers.ConsultationSerializer,
        _("Une consultation"),
        id_parameter(_("Identifiant de la consultation.")),
    ),
)
class ConsultationViewSet(ReadOnlyViewSet):
    queryset = (
        ConsultationPage.objects.none()
    )  # the model, for the schema; see get_queryset
    serializer_class = serializers.ConsultationSerializer
    filters_class = filters.ConsultationFilters

    def get_queryset(self):
        published = Proposal.objects.filter(
            consultation=OuterRef("pk"), status=Status.PUBLISHED
        )
        own_comments = Comment.objects.filter(
            consultation=OuterRef("pk"),
            proposal__isnull=True,
            status=Status.PUBLISHED,
            deleted_at__isnull=True,
        )
        return (
            public_consultations()
            .only(
                "id",
                "title",
                "url_path",
                "summary",
                "theme",
                "opens_at",
                "closes_at",
                "results_published_at",
                "answers_promised_by",
            )
            .annotate(
                contract_short_name=F("contract__short_name"),
                proposals_count=_total(published, Count("pk")),
                supports_count=_total(published, Sum("support_count")),
                comments_count=_total(published, Sum("comment_count"))
                + _total(own_comments, Count("pk")),
            )
            .prefetch_related(
                Prefetch("communes", Commune.objects.only("pk", "insee_code")),
                Prefetch(
                    "categories",
                    ConsultationCategory.objects.order_by("sort_order", "pk").only(
                        "pk", "name", "page_id"
                    ),
                ),
            )
            .order_by("-opens_at", "-pk")
        )

    def url_for(self, consultation):
        if not hasattr(self, "_page_url"):
            self._page_url = page_url_maker()
        url = self._page_url(consultation.url_path)
        return self.absolute(url) if url is not None else None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            # A phase changes without any write: no cached copy may outlive it.
            cache_policy.valid_until(self.next_phase_change())
        return response

    def next_phase_change(self):
        now = timezone.now()
        window = (now, now + datetime.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT))
        moments = (
            ConsultationPage.objects.live()
            .filter(
                Q(opens_at__range=window)
                | Q(closes_at__range=window)
                | Q(results_published_at__range=window)
            )
            .values_list("opens_at", "closes_at", "results_published_at")
        )
        return cache_policy.next_moment(*(m for row in moments for m in row))


# --- proposals and answers ----------------------------------------------------------


@extend_schema_view(
    list=list_schema(
        serializers.ProposalSerializer,
        filters.ProposalFilters,
        _("Propositions"),
        _(
            "Les propositions publiées des consultations publiées, avec leur réponse "
            "officielle. Aucune donnée personnelle : ni auteur·rice, ni adresse "
            "électronique, ni nom affiché. Les propositions en attente de modération "
            "ou masquées n’y figurent pas."
        ),
    ),
    retrieve=detail_schema(
        serializers.ProposalSerializer,
        _("Une proposition"),
        id_parameter(_("Identifiant de la proposition.")),
    ),
)
class ProposalViewSet(ReadOnlyViewSet):
    queryset = Proposal.objects.none()  # the model, for the schema; see get_queryset
    serializer_class = serializers.ProposalSerializer
    filters_class = filters.ProposalFilters

    def get_queryset(self):
        return (
            Proposal.objects.published()
            .filter(consultation__in=public_consultations().values("pk"))
            .select_related("category", "commune", "answer")
            .only(
                "id",
                "consultation_id",
                "title",
                "body",
                "category__id",
                "category__name",
                "commune__id",
                "commune__insee_code",
                "is_official",
                "created_at",
                "support_count",
                "comment_count",
                "project_id",
                "answer__id",
                "answer__proposal_id",
                "answer__status",
                "answer__explanation",
                "answer__created_at",
                "answer__updated_at",
            )
            .order_by("-created_at", "-pk")
        )


@extend_schema_view(
    list=list_schema(
        serializers.AnswerSerializer,
        filters.AnswerFilters,
        _("Réponses officielles"),
        _(
            "Les réponses officielles aux propositions publiées, les plus récentes "
            "d’abord."
        ),
    ),
)
class AnswerViewSet(ReadOnlyViewSet):
    queryset = Answer.objects.none()  # the model, for the schema; see get_queryset
    serializer_class = serializers.AnswerSerializer
    filters_class = filters.AnswerFilters

    def get_queryset(self):
        return (
            Answer.objects.filter(
                proposal__status=Status.PUBLISHED,
                proposal__consultation__in=public_consultations().values("pk"),
            )
            .select_related("proposal")
            .only(
                "id",
                "proposal__id",
                "proposal__consultation_id",
                "proposal__title",
                "status",
                "explanation",
                "created_at",
                "updated_at",
            )
            .order_by("-created_at", "-pk")
        )

    def url_for(self, answer):
        return self.absolute(
            reverse("participation:proposal", args=[answer.proposal_id])
        )


# --- projects and communes ----------------------------------------------------------


@extend_schema_view(
    list=list_schema(
        serializers.ProjectSerializer,
        filters.ProjectFilters,
        _("Projets"),
        _(
            "Les projets des contrats, par ordre alphabétique, avec leurs communes, "
            "leurs mesures et leurs lignes de financement."
        ),
    ),
    retrieve=detail_schema(
        serializers.ProjectDetailSerializer,
        _("Un projet"),
        id_parameter(_("Identifiant du projet.")),
    ),
)
class ProjectViewSet(ReadOnlyViewSet):
    queryset = Project.objects.none()  # the model, for the schema; see get_queryset
    serializer_class = serializers.ProjectSerializer
    filters_class = filters.ProjectFilters

    def get_queryset(self):
        measures = (
            Mesure.objects.select_related("axe__orientation")
            .annotate(contract_short_name=F("axe__orientation__contract__short_name"))
            .only(
                "id",
                "number",
                "title",
                "axe__id",
                "axe__number",
                "axe__orientation__id",
                "axe__orientation__number",
            )
            .order_by("axe__orientation__number", "axe__number", "number")
        )
        lines = FinancingLine.objects.only(
            "id",
            "project_id",
            "funder",
            "programme",
            "amount",
            "year",
            "status",
        ).order_by("sort_order", "pk")
        projects = (
            Project.objects.defer("location", "created_at", "updated_at")
            .prefetch_related(
                Prefetch("communes", Commune.objects.only("pk", "insee_code")),
                Prefetch("measures", measures),
                Prefetch("financing_lines", lines),
            )
            .order_by("title", "pk")
        )
        if self.action == "retrieve":
            projects = projects.prefetch_related(
                Prefetch(
                    "status_changes",
                    ProjectStatusChange.objects.only(
                        "id",
                        "project_id",
                        "previous_status",
                        "new_status",
                        "changed_at",
                    ).order_by("changed_at", "pk"),
                ),
                Prefetch(
                    "progress_notes",
                    ProgressNote.objects.only(
                        "id", "project_id", "date", "title", "text"
                    ).order_by("date", "pk"),
                ),
            )
        return projects

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ProjectDetailSerializer
        return self.serializer_class


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


def not_found(request, rest=""):
    """Anything else under ``/api/v1/``: a JSON 404, or the address with its slash."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return JsonResponse({"detail": str(_("Introuvable."))}, status=404)


# --- the schema and its documentation page ------------------------------------------


@functools.cache
def openapi_schema():
    """The OpenAPI document of ``/api/v1/``, generated once per process."""
    return ApiSchemaGenerator().get_schema(request=None, public=True)


class SchemaView(SpectacularAPIView):
    """``/api/v1/schema/``: JSON by default, YAML with ``?format=yaml``."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
    http_method_names = ["get", "head"]

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise method_not_allowed(request.method)

    def _get_schema_response(self, request):
        suffix = self.perform_content_negotiation(request, force=True)[0].format
        return Response(
            data=openapi_schema(),
            headers={
                "Content-Disposition": f'inline; filename="api-grand-quercy.{suffix}"'
            },
        )


def _type_label(schema, components):
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    if "allOf" in schema:
        return _type_label(schema["allOf"][0], components)
    if "oneOf" in schema:
        labels = (_type_label(option, components) for option in schema["oneOf"])
        return " ou ".join(label for label in labels if label)
    if "enum" in schema:
        values = [value for value in schema["enum"] if value not in ("", None)]
        return "texte : " + ", ".join(values) if values else "chaîne vide"
    kind = schema.get("type", "object")
    if kind == "array":
        return f"liste [{_type_label(schema.get('items', {}), components)}]"
    if kind == "object" and schema.get("properties"):
        return f"objet ({', '.join(schema['properties'])})"
    if kind == "string" and schema.get("format") in STRING_FORMATS:
        return STRING_FORMATS[schema["format"]]
    return {
        "integer": "entier",
        "number": "nombre",
        "string": "texte",
        "boolean": "booléen",
        "object": "objet",
    }.get(kind, kind)


STRING_FORMATS = {
    "date-time": "date et heure (ISO 8601)",
    "date": "date (ISO 8601)",
    "uri": "adresse web",
}


def _description(spec):
    """The description without the list of values drf-spectacular appends to enums."""
    return spec.get("description", "").split("\n\n* `")[0]


def documentation_context(schema):
    components = schema.get("components", {}).get("schemas", {})
    endpoints = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            response = operation["responses"]["200"]["content"]["application/json"]
            ref = response["schema"].get("$ref", "")
            name = ref.rsplit("/", 1)[-1]
            is_list = name.startswith("Paginated")
            item_name = components.get(name, {})
            if is_list:
                results = item_name["properties"]["results"]["items"]["$ref"]
                item_name = components[results.rsplit("/", 1)[-1]]
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": operation["operationId"],
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "is_list": is_list,
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "location": parameter["in"],
                            "type": _type_label(
                                parameter.get("schema", {}), components
                            ),
                            "description": _description(parameter),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "fields": [
                        {
                            "name": field,
                            "type": _type_label(spec, components),
                            "nullable": spec.get("nullable", False),
                            "description": _description(spec),
                        }
                        for field, spec in item_name.get("properties", {}).items()
                    ],
                }
            )
    return {"schema_info": schema["info"], "endpoints": endpoints}


@require_safe
@cache_anonymous_view
def documentation(request):
    return render(
        request, "api/documentation.html", documentation_context(openapi_schema())
    )
