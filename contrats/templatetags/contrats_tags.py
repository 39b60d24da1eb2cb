"""Amounts in French, bar charts drawn on the server as inline SVG (each with its data
table), and a project's progress for other apps' pages."""

import itertools
from decimal import Decimal

from django import template
from django.db.models import prefetch_related_objects

from ..models.progress import progress_prefetches, progress_timeline

register = template.Library()
_chart_ids = itertools.count(1)


@register.filter
def euros(value):
    """12345.6 → « 12 346 € » with narrow no-break spaces, as French typography wants."""
    if value in (None, ""):
        return "—"
    amount = Decimal(value).quantize(Decimal(1))
    return f"{amount:,}".replace(",", "\u202f") + "\u00a0€"


@register.filter
def percent_of(value, total):
    if not total:
        return "—"
    return f"{Decimal(value or 0) * 100 / Decimal(total):.0f}\u00a0%"


@register.inclusion_tag("contrats/includes/bar_chart.html")
def bar_chart(rows, title, label_header, value_header):
    """Horizontal bars: one row per (label, amount); the table below carries the same figures."""
    rows = [(str(label), Decimal(value or 0)) for label, value in rows]
    top = max((value for _label, value in rows), default=Decimal(0)) or Decimal(1)
    bar_height, gap, label_width, width = 22, 10, 0, 640
    bars = []
    for index, (label, value) in enumerate(rows):
        y = index * (bar_height * 2 + gap)
        bars.append(
            {
                "label": label,
                "value": value,
                "y_label": y + 15,
                "y_bar": y + 20,
                "width": max(1, float(value / top) * (width - 160)),
                "y_text": y + 20 + 16,
            }
        )
    for bar in bars:
        bar["x_text"] = bar["width"] + 8
    return {
        "chart_id": f"graphique-{next(_chart_ids)}",
        "title": title,
        "rows": rows,
        "bars": bars,
        "label_x": label_width,
        "width": width,
        "height": max(1, len(rows) * (bar_height * 2 + gap)),
        "bar_height": bar_height,
        "label_header": label_header,
        "value_header": value_header,
        "total": sum((value for _label, value in rows), Decimal(0)),
    }


@register.inclusion_tag("contrats/includes/project_progress.html")
def project_progress(project, latest=None):
    """A project's status and its latest progress, for pages of other apps (the
    intranet's priorities): contrats' own queries, four at most whatever the data."""
    if project is None:
        return {"project": None}
    prefetch_related_objects([project], *progress_prefetches())
    entries = progress_timeline(project)
    shown = entries[-latest:] if latest else entries
    return {"project": project, "entries": shown, "more": len(entries) > len(shown)}
