"""The figures a consultation shows once its results are published."""

from django.db import models
from django.db.models import Count, Exists, F, Func, OuterRef, Subquery
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from ..models.choices import AnswerStatus, Stance, Status
from ..models.comments import Comment
from ..models.proposals import Proposal
from ..models.supports import Support

CHART_ROW, CHART_LABEL, CHART_BAR = 28, 220, 340


def compute(page):
    """Figures shown once results are published; every count ignores hidden content."""
    proposals = Proposal.objects.filter(consultation=page, status=Status.PUBLISHED)
    comments = Comment.objects.filter(
        consultation=page, status=Status.PUBLISHED, deleted_at__isnull=True
    )
    supports = Support.objects.filter(
        proposal__consultation=page, proposal__status=Status.PUBLISHED
    )

    def count(queryset):
        """COUNT(*) as a scalar subquery: always one row, no GROUP BY."""
        rows = queryset.order_by().values(n=Func(F("pk"), function="COUNT"))
        return Subquery(rows, output_field=models.IntegerField())

    participants = User.objects.filter(
        Exists(proposals.filter(author=OuterRef("pk")))
        | Exists(comments.filter(author=OuterRef("pk")))
        | Exists(supports.filter(user=OuterRef("pk")))
    )
    # Residents who took part at their mairie have no account: one per name and
    # mairie (UNION removes the repeats).
    deposited = [
        queryset.filter(deposit_commune__isnull=False)
        .order_by()
        .values_list("deposit_commune_id", Lower("resident_name"))
        for queryset in (proposals, comments)
    ]
    residents_at_mairies = len(deposited[0].union(deposited[1]))
    stances = {
        f"n_{stance.value}": count(comments.filter(stance=stance.value))
        for stance in Stance
    }
    totals = (
        type(page)
        .objects.filter(pk=page.pk)
        .annotate(
            n_participants=count(participants),
            n_comments=count(comments),
            n_supports=count(supports),
            **stances,
        )
        .values("n_participants", "n_comments", "n_supports", *stances)
        .get()
    )
    # One query for both tables: proposals per (commune, answer), names in the
    # database's order (no commune last); totals per commune sorted stably after.
    by_commune, by_answer = {}, {}
    rows = (
        proposals.values_list("commune__name", "answer__status")
        .annotate(total=Count("pk"))
        .order_by(F("commune__name").asc(nulls_last=True), "answer__status")
    )
    for name, status, total in rows:
        by_commune[name] = by_commune.get(name, 0) + total
        if status:
            by_answer[status] = by_answer.get(status, 0) + total
    by_commune = sorted(
        ({"commune__name": name, "total": total} for name, total in by_commune.items()),
        key=lambda row: -row["total"],
    )
    top = max((row["total"] for row in by_commune), default=0)
    for position, row in enumerate(by_commune):
        row["y"] = position * CHART_ROW
        row["width"] = round(CHART_BAR * row["total"] / top) if top else 0
        row["value_x"] = CHART_LABEL + row["width"] + 6
    return {
        "participants": totals["n_participants"] + residents_at_mairies,
        "comments": totals["n_comments"],
        "supports": totals["n_supports"],
        "proposals": sum(row["total"] for row in by_commune),
        "by_commune": by_commune,
        "chart_height": len(by_commune) * CHART_ROW,
        "by_answer": [
            (str(status.label), by_answer.get(status.value, 0))
            for status in AnswerStatus
        ],
        # Comments per stance (replies included), then those without one.
        "by_stance": [
            (str(stance.label), totals[f"n_{stance.value}"]) for stance in Stance
        ]
        + [
            (
                str(_("Sans étiquette")),
                totals["n_comments"]
                - sum(totals[f"n_{stance.value}"] for stance in Stance),
            )
        ],
    }
