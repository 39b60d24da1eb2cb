"""The projects and their financing as open data: CSV, JSON and GeoJSON, filtered
like the explorer."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cms import opendata
from cms.decorators import cache_anonymous_view

from ..models import FinancingLine
from .projects import communes_prefetch, filtered_projects, measures_prefetch

PROJECT_FIELDS = [
    "identifiant",
    "intitule",
    "resume",
    "porteur_type",
    "porteur",
    "etat",
    "annee_debut",
    "annee_fin",
    "cout_total_eur",
    "financements_eur",
    "communes_insee",
    "mesures",
    "latitude",
    "longitude",
    "url",
]


def project_records(request):
    _form, projects = filtered_projects(request)
    projects = (
        projects.with_financing()
        .defer("search_document")
        .prefetch_related(measures_prefetch(), communes_prefetch())
        .order_by("pk")
    )
    for project in projects:
        yield (
            project,
            {
                "identifiant": project.slug,
                "intitule": project.title,
                "resume": project.summary,
                "porteur_type": project.get_holder_kind_display(),
                "porteur": project.holder_name,
                "etat": project.get_status_display(),
                "annee_debut": project.start_year,
                "annee_fin": project.end_year,
                "cout_total_eur": project.total_cost,
                "financements_eur": project.financed_amount or 0,
                "communes_insee": " ".join(
                    c.insee_code for c in project.communes.all()
                ),
                "mesures": " ".join(
                    f"{m.axe.orientation.contract.short_name}:{m.code}"
                    for m in project.measures.all()
                ),
                "latitude": project.latitude,
                "longitude": project.longitude,
                "url": request.build_absolute_uri(project.get_absolute_url()),
            },
        )


@require_safe
@cache_anonymous_view
def projects_csv(request):
    return opendata.csv_response(
        "projets.csv",
        PROJECT_FIELDS,
        (
            [record[f] for f in PROJECT_FIELDS]
            for _p, record in project_records(request)
        ),
    )


@require_safe
@cache_anonymous_view
def projects_json(request):
    return opendata.json_response(
        "projets.json",
        (record for _p, record in project_records(request)),
        _("Projets des contrats du Grand Quercy"),
        request,
    )


@require_safe
@cache_anonymous_view
def projects_geojson(request):
    return opendata.geojson_response(
        "projets.geojson",
        (
            opendata.feature(project.longitude, project.latitude, record)
            for project, record in project_records(request)
            if project.latitude is not None
        ),
        _("Projets des contrats du Grand Quercy"),
        request,
    )


FINANCING_FIELDS = [
    "projet",
    "financeur",
    "dispositif",
    "annee",
    "montant_eur",
    "etat",
]


def financing_records(request):
    _form, projects = filtered_projects(request)
    lines = (
        FinancingLine.objects.filter(project__in=projects.values("pk"))
        .select_related("project")
        .order_by("project_id", "year", "pk")
    )
    for line in lines:
        yield {
            "projet": line.project.slug,
            "financeur": line.get_funder_display(),
            "dispositif": line.get_programme_display() if line.programme else "",
            "annee": line.year,
            "montant_eur": line.amount,
            "etat": line.get_status_display(),
        }


@require_safe
@cache_anonymous_view
def financing_csv(request):
    return opendata.csv_response(
        "financements.csv",
        FINANCING_FIELDS,
        ([r[f] for f in FINANCING_FIELDS] for r in financing_records(request)),
    )


@require_safe
@cache_anonymous_view
def financing_json(request):
    return opendata.json_response(
        "financements.json",
        financing_records(request),
        _("Financements des projets des contrats du Grand Quercy"),
        request,
    )
