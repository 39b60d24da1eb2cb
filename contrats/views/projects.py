"""The projects explorer (list and map) and a project's page."""

import json

from django.conf import settings
from django.db.models import Count, Prefetch, Q, Sum, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cms.decorators import cache_anonymous_view
from cms.models import NewsPage
from cms.pagination import paginate
from cms.sites import page_url_maker

from ..caching import per_generation
from ..forms import ProjectFilterForm, explorer_vocabulary
from ..models import (
    Commune,
    FinancingLine,
    Mesure,
    Project,
    ProjectDocument,
    ProjectImage,
)
from ..models.progress import progress_prefetches, progress_timeline

PER_PAGE = 20
FIRST_YEAR = 2018


def year_choices():
    return range(timezone.localdate().year + 5, FIRST_YEAR - 1, -1)


def map_settings():
    return {
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def filtered_projects(request, vocabulary=None):
    form = ProjectFilterForm(
        request.GET or None, years=year_choices(), vocabulary=vocabulary
    )
    projects = (
        form.filter(Project.objects.all()) if form.is_bound else Project.objects.all()
    )
    return form, projects


def measures_prefetch():
    return Prefetch(
        "measures",
        queryset=Mesure.objects.with_codes().order_by(
            "axe__orientation__number", "axe__number", "number"
        ),
    )


def communes_prefetch():
    """Commune names for lists: their outlines weigh far more than a page needs."""
    return Prefetch(
        "communes", queryset=Commune.objects.only("pk", "name", "insee_code", "epci_id")
    )


def projects_crumbs():
    return [(_("Projets"), reverse("contrats:project_list"))]


def filter_querystring(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


LIST_FIELDS = (
    "pk",
    "title",
    "slug",
    "summary",
    "holder_name",
    "status",
    "start_year",
    "end_year",
    "total_cost",
)


def label_projects(projects, vocabulary):
    """Attach URL, financing, communes and measures to one page of projects: three queries.

    Amounts are summed for the page's rows only (an annotation on the paginated query
    would be computed for every skipped row of a far page too).

    Labels come from the cached explorer vocabulary, so only the link tables are read.
    """
    by_pk = {project.pk: project for project in projects}
    prefix = reverse("contrats:project_list")
    measure_labels = vocabulary["measure_labels"]
    commune_names = vocabulary["commune_names"]
    financed = dict(
        FinancingLine.objects.filter(project_id__in=by_pk)
        .order_by()
        .values("project_id")
        .annotate(total=Sum("amount"))
        .values_list("project_id", "total")
    )
    measures = {pk: [] for pk in by_pk}
    communes = {pk: [] for pk in by_pk}
    for project_id, mesure_id in Project.measures.through.objects.filter(
        project_id__in=by_pk
    ).values_list("project_id", "mesure_id"):
        if mesure_id in measure_labels:
            measures[project_id].append(measure_labels[mesure_id])
    for project_id, commune_id in Project.communes.through.objects.filter(
        project_id__in=by_pk
    ).values_list("project_id", "commune_id"):
        if commune_id in commune_names:
            communes[project_id].append(commune_names[commune_id])
    for project in projects:
        project.url = f"{prefix}{project.slug}/"
        project.financed_amount = financed.get(project.pk)
        project.measure_codes = [label for _key, label in sorted(measures[project.pk])]
        project.commune_names = sorted(communes[project.pk])
    return projects


def explorer_order(projects):
    """By title; the best keyword matches first when there is a full-text rank."""
    if "keyword_rank" in projects.query.annotations:
        return ("-keyword_rank", "title", "pk")
    return ("title", "pk")


@require_safe
@cache_anonymous_view
def project_list(request):
    vocabulary = explorer_vocabulary()
    form, projects = filtered_projects(request, vocabulary)
    page = paginate(
        request,
        projects.only(*LIST_FIELDS).order_by(*explorer_order(projects)),
        per_page=PER_PAGE,
    )
    page.object_list = label_projects(list(page.object_list), vocabulary)
    return render(
        request,
        "contrats/project_list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring": filter_querystring(request),
            "view": "liste",
        },
    )


@require_safe
@cache_anonymous_view
def project_map(request):
    """The map page: counts and filters here, the points from ``project_points``."""
    form, projects = filtered_projects(request)
    counts = projects.aggregate(
        located=Count("pk", filter=Q(latitude__isnull=False, longitude__isnull=False)),
        total=Count("pk"),
    )
    querystring = filter_querystring(request)
    points_url = reverse("contrats:project_points")
    return render(
        request,
        "contrats/project_map.html",
        {
            "form": form,
            "total": counts["located"],
            "unlocated": counts["total"] - counts["located"],
            "points_url": f"{points_url}?{querystring}" if querystring else points_url,
            "querystring": querystring,
            "view": "carte",
            "crumbs": projects_crumbs(),
            **map_settings(),
        },
    )


@require_safe
@cache_anonymous_view
def project_points(request):
    """The filtered, located projects as GeoJSON points for the map: title and link each."""
    _form, projects = filtered_projects(request)
    list_url = reverse("contrats:project_list")
    # Written as text: thousands of small dicts for json.dumps cost several times more.
    encode = json.JSONEncoder(ensure_ascii=False).encode
    features = ",".join(
        '{"type":"Feature","geometry":{"type":"Point","coordinates":'
        f'[{float(lng)!r},{float(lat)!r}]}},"properties":{{"title":{encode(title)},'
        f'"url":{encode(f"{list_url}{slug}/")}}}}}'
        for title, slug, lat, lng in projects.located()
        .order_by("title", "pk")
        .values_list("title", "slug", "latitude", "longitude")
    )
    return HttpResponse(
        f'{{"type":"FeatureCollection","features":[{features}]}}',
        content_type="application/geo+json",
    )


@require_safe
@cache_anonymous_view
def project_detail(request, slug):
    project = get_object_or_404(
        Project.objects.prefetch_related(
            measures_prefetch(),
            "communes__epci",
            Prefetch(
                "financing_lines",
                queryset=FinancingLine.objects.order_by("year", "funder", "pk"),
            ),
            Prefetch("images", queryset=project_images()),
            Prefetch("documents", queryset=project_documents()),
        ),
        slug=slug,
    )
    lines = project.financing_lines.all()
    financed = sum(line.amount for line in lines)
    po_entries = project.current_po_entries()
    # Compiled from a draft PO: said so, not shown as funded by the Région.
    proposed_entries = list(project.proposed_po_entries())
    point = (
        [{"lat": project.latitude, "lng": project.longitude, "title": project.title}]
        if project.latitude is not None
        else []
    )
    return render(
        request,
        "contrats/project_detail.html",
        {
            "project": project,
            "lines": lines,
            "financed": financed,
            "remaining": project.total_cost - financed,
            "po_entries": po_entries,
            "proposed_entries": proposed_entries,
            **project_sections(project),
            "point": point,
            "crumbs": projects_crumbs(),
            **map_settings(),
        },
    )


def project_images():
    return ProjectImage.objects.select_related("image")


def project_documents():
    return ProjectDocument.objects.select_related("document")


def related_news(project):
    """Live news that link to one of the project's contracts or name the project, one query."""
    contract_ids = {m.axe.orientation.contract_id for m in project.measures.all()}
    url = page_url_maker()
    return [
        {"title": title, "url": url(url_path), "date": date}
        for title, url_path, date in NewsPage.objects.live()
        .public()
        .filter(
            Q(related_pages__page_id__in=contract_ids)
            | Q(summary__icontains=project.title)
            | Q(tags__name__iexact=project.slug)
        )
        .distinct()
        .order_by("-date")
        .values_list("title", "url_path", "date")[:5]
    ]


def project_sections(project):
    """The progress timeline (rendered) and the related news of a project's page: they
    change only with content, so they are read once per content generation — a
    project with a hundred notes costs its page no query and no rendering."""

    def compute():
        prefetch_related_objects([project], *progress_prefetches())
        return {
            "progress_html": render_to_string(
                "contrats/includes/progress_section.html",
                {"progress": progress_timeline(project)},
            ),
            "related_news": related_news(project),
        }

    return per_generation(f"project-sections:{project.pk}", compute)
