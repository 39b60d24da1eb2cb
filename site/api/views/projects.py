"""``/api/v1/projects/``."""

from django.db.models import F, Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view

from contrats.models import (
    Commune,
    FinancingLine,
    Mesure,
    ProgressNote,
    Project,
    ProjectStatusChange,
)

from .. import filters, serializers
from .base import ReadOnlyViewSet, detail_schema, id_parameter, list_schema


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
                        "at",
                    ).order_by("at", "pk"),
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
