"""« Ma commune » : the communes of the PETR, each with its contracts, projects and
their news, Programme Opérationnel entries, and what other apps add to it
(``CommuneSection``: participation's consultations and residents' proposals).

The communes index lists every PETR commune by EPCI, with a search box (name or INSEE
code, accents, case and hyphens ignored) and a map of their centres. A commune page is
addressed by its INSEE code, a stable identifier (``/communes/46042/`` is Cahors).

Every list is read in one query, amounts are summed in SQL and the page of projects is
labelled with one more query, so both pages issue the same number of queries whatever
the number of projects or proposals.
"""

from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    Sum,
)
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail import hooks

from cms import restrictions
from cms.decorators import cache_anonymous_view
from cms.pagination import paginate
from cms.sites import page_url_maker

from ..caching import per_generation
from ..models import (
    Commune,
    ContractPage,
    FinancingLine,
    POEntry,
    POVersion,
    ProgressNote,
    Project,
    ProjectStatusChange,
)
from ..models.territory import fold
from .projects import map_settings

PROJECTS_PER_PAGE = 20
PROJECT_NEWS = 5
COMMUNE_COLOUR = "#1d5a8c"


def thousands(number):
    """12 345 with a narrow no-break space, as the French number format writes it."""
    return f"{number:,}".replace(",", "\u202f")


def communes_crumbs():
    return [(_("Ma commune"), reverse("contrats:commune_list"))]


# --- index -----------------------------------------------------------------------


def petr_communes():
    """Every PETR commune with what the index shows: one query."""
    return list(
        Commune.objects.in_petr()
        .order_by("epci__name", "sort_name", "insee_code")
        .values(
            "insee_code",
            "name",
            "population",
            "latitude",
            "longitude",
            "epci_id",
            epci_name=F("epci__name"),
        )
    )


def search(communes, query):
    """Communes whose name or INSEE code matches ``query``, and the exact matches among them."""
    folded = fold(query)
    code = query.strip()
    if not folded:
        return communes, []
    found, exact = [], []
    for commune in communes:
        name = fold(commune["name"])
        if folded in name or (
            code.isdigit() and commune["insee_code"].startswith(code)
        ):
            found.append(commune)
            if name == folded or commune["insee_code"] == code:
                exact.append(commune)
    return found, exact


def group_by_epci(communes):
    groups = []
    for commune in communes:
        if not groups or groups[-1]["epci_id"] != commune["epci_id"]:
            groups.append(
                {
                    "epci_id": commune["epci_id"],
                    "name": commune["epci_name"],
                    "communes": [],
                    "population": 0,
                }
            )
        groups[-1]["communes"].append(commune)
        groups[-1]["population"] += commune["population"] or 0
    return groups


@require_safe
@cache_anonymous_view
def commune_list(request):
    query = request.GET.get("q", "").strip()[:100]
    communes = petr_communes()
    prefix = reverse("contrats:commune_list")
    for commune in communes:
        commune["url"] = f"{prefix}{commune['insee_code']}/"
        commune["population_label"] = thousands(commune["population"] or 0)
    found, exact = search(communes, query) if query else (communes, [])
    if len(exact) == 1:
        return redirect(exact[0]["url"])
    points = [
        {
            "lat": commune["latitude"],
            "lng": commune["longitude"],
            "title": commune["name"],
            "url": commune["url"],
            "text": commune["epci_name"],
        }
        for commune in found
        if commune["latitude"] is not None and commune["longitude"] is not None
    ]
    return render(
        request,
        "contrats/commune_list.html",
        {
            "query": query,
            "groups": group_by_epci(found),
            "found": len(found),
            "total": len(communes),
            "population": sum(c["population"] or 0 for c in communes),
            "points": points,
            **map_settings(),
        },
    )


# --- one commune -----------------------------------------------------------------


@dataclass(frozen=True)
class CommuneSection:
    """What another app adds to a commune's page.

    Apps register a callable ``(request, commune, private_q) -> CommuneSection`` with
    ``@hooks.register("register_commune_section")`` (participation: its
    consultations and what residents proposed), so contrats knows none of them. It
    must use a fixed number of queries. ``key_figures`` are ``(number, label)`` pairs
    shown beside the page's own; ``never_cache`` says something shown changes at a
    moment before a cached copy would expire.
    """

    html: str
    key_figures: tuple = ()
    never_cache: bool = False


COMMUNE_SECTIONS_HOOK = "register_commune_section"


def other_sections(request, commune, private_q):
    return [
        build(request, commune, private_q)
        for build in hooks.get_hooks(COMMUNE_SECTIONS_HOOK)
    ]


def commune_or_404(insee):
    commune = (
        Commune.objects.in_petr()
        .select_related("epci")
        .defer("epci__geometry")
        .filter(insee_code=insee)
        .first()
    )
    if commune is None:
        raise Http404(_("Cette commune ne fait pas partie du PETR Grand Quercy."))
    return commune


def covering_contracts(commune, private_q):
    url = page_url_maker()
    kinds = dict(ContractPage.Kind.choices)
    statuses = dict(ContractPage.Status.choices)
    contracts = list(
        ContractPage.objects.live()
        .filter(zoning=commune)
        .exclude(private_q)
        .order_by("path")
        .values(
            "title",
            "short_name",
            "url_path",
            "kind",
            "status",
            "start_year",
            "end_year",
        )
    )
    for contract in contracts:
        contract["url"] = url(contract["url_path"])
        contract["kind_label"] = str(kinds.get(contract["kind"], contract["kind"]))
        contract["status_label"] = str(
            statuses.get(contract["status"], contract["status"])
        )
    return contracts


def project_figures(commune):
    """Number, total cost and financing per funder of the commune's projects: two queries."""
    figures = Project.objects.filter(communes=commune).aggregate(
        count=Count("pk"), cost=Sum("total_cost")
    )
    labels = dict(FinancingLine.Funder.choices)
    funders = [
        {"funder": str(labels.get(funder, funder)), "total": total}
        for funder, total in FinancingLine.objects.filter(project__communes=commune)
        .order_by()
        .values("funder")
        .annotate(total=Sum("amount"))
        .order_by("-total", "funder")
        .values_list("funder", "total")
    ]
    figures["funders"] = funders
    figures["financed"] = sum((row["total"] for row in funders), 0)
    figures["cost"] = figures["cost"] or 0
    return figures


def projects_page(request, commune, count):
    """One page of the commune's projects with their financing total: two queries."""
    projects = (
        Project.objects.filter(communes=commune)
        .order_by("title", "pk")
        .only("pk", "title", "slug", "status", "start_year", "end_year", "total_cost")
    )
    page = paginate(request, projects, per_page=PROJECTS_PER_PAGE, count=count)
    rows = list(page.object_list)
    financed = dict(
        FinancingLine.objects.filter(project_id__in=[p.pk for p in rows])
        .order_by()
        .values("project_id")
        .annotate(total=Sum("amount"))
        .values_list("project_id", "total")
    )
    prefix = reverse("contrats:project_list")
    for project in rows:
        project.url = f"{prefix}{project.slug}/"
        project.financed_amount = financed.get(project.pk) or 0
    page.object_list = rows
    return page


def po_entries(commune):
    """The commune's projects in the current adopted Programmes Opérationnels: one query."""
    entries = list(
        POEntry.objects.filter(
            project__communes=commune,
            version__in=POVersion.objects.current_adopted(),
        )
        .order_by("-version__po__year", "project__title", "pk")
        .values(
            "region_amount",
            "note",
            title=F("project__title"),
            slug=F("project__slug"),
            year=F("version__po__year"),
            contract_slug=F("version__po__contract__slug"),
            contract_name=F("version__po__contract__short_name"),
        )
    )
    prefix = reverse("contrats:project_list")
    for entry in entries:
        entry["project_url"] = f"{prefix}{entry['slug']}/"
        entry["po_url"] = reverse(
            "contrats:programme_detail",
            kwargs={"contract": entry["contract_slug"], "year": entry["year"]},
        )
    return entries


def commune_geojson(commune):
    if not commune.geometry:
        return None
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": commune.geometry,
                "properties": {"title": commune.name, "color": COMMUNE_COLOUR},
            }
        ],
    }


def project_news(commune):
    """The latest progress notes and status changes of the commune's projects (the
    first status of a new project is not news): two queries."""
    notes = (
        ProgressNote.objects.filter(project__communes=commune)
        .select_related("project")
        .only("pk", "date", "title", "text", "project__title", "project__slug")
        .order_by("-date", "-pk")[:PROJECT_NEWS]
    )
    changes = (
        ProjectStatusChange.objects.filter(project__communes=commune)
        .exclude(previous_status="")
        .select_related("project")
        .only(
            "pk",
            "at",
            "previous_status",
            "new_status",
            "project__title",
            "project__slug",
        )
        .order_by("-at", "-pk")[:PROJECT_NEWS]
    )
    news = [
        {"date": note.date, "note": note, "project": note.project} for note in notes
    ] + [
        {"date": change.date, "change": change, "project": change.project}
        for change in changes
    ]
    news.sort(key=lambda item: item["date"], reverse=True)
    prefix = reverse("contrats:project_list")
    for item in news:
        item["url"] = f"{prefix}{item['project'].slug}/#avancement"
    return news[:PROJECT_NEWS]


def contrats_sections(commune, private_q):
    """Contracts, project figures, PO entries and project news of the commune: six
    queries, once per content generation."""
    return per_generation(
        f"commune-sections-v2:{commune.pk}",
        lambda: {
            "contracts": covering_contracts(commune, private_q),
            "figures": project_figures(commune),
            "po_entries": po_entries(commune),
            "project_news": project_news(commune),
        },
    )


@require_safe
@cache_anonymous_view
def commune_detail(request, insee):
    commune = commune_or_404(insee)
    private_q = restrictions.private_q(request)
    sections = contrats_sections(commune, private_q)
    figures = sections["figures"]
    others = other_sections(request, commune, private_q)
    located = commune.latitude is not None and commune.longitude is not None
    response = render(
        request,
        "contrats/commune_detail.html",
        {
            "commune": commune,
            **sections,
            "projects": projects_page(request, commune, figures["count"]),
            "other_sections": others,
            "outline": commune_geojson(commune),
            "has_map": located or bool(commune.geometry),
            "points_url": f"{reverse('contrats:project_points')}?commune={commune.pk}",
            "explorer_url": f"{reverse('contrats:project_list')}?commune={commune.pk}",
            "crumbs": communes_crumbs(),
            **map_settings(),
        },
    )
    if any(section.never_cache for section in others):
        # something shown changes at a moment before a cached copy would expire
        add_never_cache_headers(response)
    return response
