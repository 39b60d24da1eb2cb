"""The zoning map of the contracts and the adopted Programmes Opérationnels."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cms import opendata
from cms.decorators import cache_anonymous_view

from ..models import (
    Commune,
    ContractPage,
    POEntry,
    POVersion,
    ProgrammeOperationnel,
)
from ..models.contracts import ZONING_PALETTE
from ..models.programmes import diff_entries
from .projects import map_settings


@require_safe
@cache_anonymous_view
def zoning_map(request):
    contracts = list(
        ContractPage.objects.live()
        .public()
        .order_by("path")
        .only("pk", "title", "short_name", "url_path", "kind", "status")
    )
    colours = {
        c.pk: ZONING_PALETTE[i % len(ZONING_PALETTE)] for i, c in enumerate(contracts)
    }
    for contract in contracts:
        contract.colour = colours[contract.pk]
    communes = list(
        Commune.objects.in_petr()
        .select_related("epci")
        .prefetch_related(
            Prefetch(
                "contracts",
                queryset=ContractPage.objects.live()
                .public()
                .order_by("path")
                .only("pk", "short_name", "title"),
            )
        )
        .order_by("sort_name")
    )
    for commune in communes:
        commune.covered = list(commune.contracts.all())
    sizes = {c.pk: 0 for c in contracts}
    for commune in communes:
        for contract in commune.covered:
            sizes[contract.pk] += 1
    features = []
    for commune in communes:
        # the most specific contract (fewest communes) gives the colour
        specific = min(commune.covered, key=lambda c: sizes[c.pk], default=None)
        features.append(
            {
                "type": "Feature",
                "geometry": commune.geometry,
                "properties": {
                    "title": commune.name,
                    "text": ", ".join(c.short_name for c in commune.covered)
                    or _("Aucun contrat"),
                    "color": colours[specific.pk] if specific else "#9e9e9e",
                },
            }
        )
    by_contract = [
        (contract, [commune for commune in communes if contract in commune.covered])
        for contract in contracts
    ]
    return render(
        request,
        "contrats/zoning_map.html",
        {
            "contracts": contracts,
            "communes": communes,
            "by_contract": by_contract,
            "geojson": {"type": "FeatureCollection", "features": features},
            **map_settings(),
        },
    )


def programme_or_404(contract_slug, year):
    return get_object_or_404(
        ProgrammeOperationnel.objects.select_related("contract"),
        contract__slug=contract_slug,
        contract__live=True,
        year=year,
    )


@require_safe
@cache_anonymous_view
def programme_detail(request, contract, year):
    po = programme_or_404(contract, year)
    versions = list(
        po.versions.filter(status=POVersion.Status.ADOPTE)
        .order_by("number")
        .prefetch_related(
            Prefetch("entries", queryset=POEntry.objects.select_related("project"))
        )
    )
    if not versions:
        raise Http404
    history = []
    previous = []
    for version in versions:
        entries = list(version.entries.all())
        history.append(
            {
                "version": version,
                "total": sum(e.region_amount for e in entries),
                **diff_entries(previous, entries),
            }
        )
        previous = entries
    current = versions[-1]
    entries = list(current.entries.all())
    return render(
        request,
        "contrats/programme_detail.html",
        {
            "crumbs": [(po.contract.title, po.contract.url)],
            "po": po,
            "current": current,
            "entries": entries,
            "total": sum(e.region_amount for e in entries),
            "history": list(reversed(history)),
            "other_programmes": ProgrammeOperationnel.objects.filter(
                contract=po.contract,
                versions__status=POVersion.Status.ADOPTE,
            )
            .exclude(pk=po.pk)
            .distinct()
            .order_by("year"),
        },
    )


@require_safe
@cache_anonymous_view
def programme_csv(request, contract, year):
    po = programme_or_404(contract, year)
    current = po.adopted_version()
    if current is None:
        raise Http404
    rows = (
        (e.project.title, e.project.holder_name, e.region_amount, e.note)
        for e in current.entries.select_related("project")
    )
    return opendata.csv_response(
        f"programme-operationnel-{po.contract.slug}-{po.year}-v{current.number}.csv",
        [_("projet"), _("porteur"), _("montant_region_eur"), _("note")],
        rows,
    )
