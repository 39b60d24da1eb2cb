"""The public yearly moderation figures (/participation/moderation/)."""

import datetime

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    Appeal,
    AppealOutcome,
    Comment,
    Proposal,
    Report,
    ReportReason,
    Status,
)


def year_bounds(year):
    """The first moments of ``year`` and of the next, in the site's time zone."""
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    return start, timezone.make_aware(datetime.datetime(year + 1, 1, 1))


def first_statistics_year():
    """The year of the first resident's contribution, or None (two queries)."""
    firsts = [
        Proposal.objects.filter(is_official=False).aggregate(first=Min("created_at"))[
            "first"
        ],
        Comment.objects.aggregate(first=Min("created_at"))["first"],
    ]
    found = [moment for moment in firsts if moment is not None]
    return timezone.localtime(min(found)).year if found else None


def _contribution_figures(queryset):
    hidden = Q(status=Status.HIDDEN)
    charter_codes = [reason.value for reason in ReportReason.charter()]
    return queryset.aggregate(
        total=Count("pk"),
        published=Count("pk", filter=Q(status=Status.PUBLISHED)),
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        hidden=Count("pk", filter=hidden),
        unspecified=Count(
            "pk", filter=hidden & ~Q(hidden_reason_code__in=charter_codes)
        ),
        **{
            f"hidden_{code}": Count("pk", filter=hidden & Q(hidden_reason_code=code))
            for code in charter_codes
        },
    )


def yearly_statistics(year):
    """The public moderation figures of a year, in four queries whatever the data.

    Contributions (residents' proposals and comments, not those their authors
    deleted) filed during the year, by their present state; reports and appeals
    filed during the year, appeals by their outcome.
    """
    start, end = year_bounds(year)
    during = {"created_at__gte": start, "created_at__lt": end}
    proposals = _contribution_figures(
        Proposal.objects.filter(is_official=False, **during)
    )
    comments = _contribution_figures(
        Comment.objects.filter(deleted_at__isnull=True, **during)
    )
    appeals = Appeal.objects.filter(**during).aggregate(
        filed=Count("pk"),
        upheld=Count("pk", filter=Q(outcome=AppealOutcome.UPHELD)),
        overturned=Count("pk", filter=Q(outcome=AppealOutcome.OVERTURNED)),
        pending=Count("pk", filter=Q(decided_at__isnull=True)),
    )
    columns = ("total", "published", "hidden", "pending")
    rows = [
        {"label": str(_("Propositions")), **{key: proposals[key] for key in columns}},
        {"label": str(_("Commentaires")), **{key: comments[key] for key in columns}},
        {
            "label": str(_("Total")),
            **{key: proposals[key] + comments[key] for key in columns},
        },
    ]
    by_reason = [
        {
            "code": reason.value,
            "label": str(reason.label),
            "proposals": proposals[f"hidden_{reason.value}"],
            "comments": comments[f"hidden_{reason.value}"],
        }
        for reason in ReportReason.charter()
    ]
    if proposals["unspecified"] or comments["unspecified"]:
        by_reason.append(
            {
                "code": "",
                "label": str(_("Motif non précisé (avant la liste de la charte)")),
                "proposals": proposals["unspecified"],
                "comments": comments["unspecified"],
            }
        )
    for row in by_reason:
        row["total"] = row["proposals"] + row["comments"]
    return {
        "year": year,
        "contributions": rows,
        "hidden": rows[2]["hidden"],
        "by_reason": by_reason,
        "reports": Report.objects.filter(**during).count(),
        "appeals": appeals,
    }
