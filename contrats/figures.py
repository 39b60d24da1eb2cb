"""Figures computed from financing lines with aggregate queries: never typed twice."""

from django.db.models import Q, Sum
from django.utils.functional import cached_property

from .models import Axe, FinancingLine, Mesure, Orientation, Project


def contract_project_ids(contract_ids):
    return Project.measures.through.objects.filter(
        mesure__axe__orientation__contract_id__in=contract_ids
    ).values("project_id")


def committed_by_contract(contract_ids):
    """Acquired or paid financing per contract, one query; a project counts once per contract."""
    if not contract_ids:
        return {}
    through = Project.measures.through
    committed = Q(status__in=[FinancingLine.Status.ACQUIS, FinancingLine.Status.VERSE])
    aggregates = {
        f"c{pk}": Sum(
            "amount",
            filter=committed
            & Q(
                project__in=through.objects.filter(
                    mesure__axe__orientation__contract_id=pk
                ).values("project_id")
            ),
        )
        for pk in contract_ids
    }
    totals = FinancingLine.objects.aggregate(**aggregates)
    return {pk: totals[f"c{pk}"] or 0 for pk in contract_ids}


class ContractFigures:
    """Totals of one contract per orientation, axis, funder and year."""

    def __init__(self, contract):
        self.contract = contract

    @cached_property
    def lines(self):
        return FinancingLine.objects.filter(
            project__in=contract_project_ids([self.contract.pk])
        )

    @cached_property
    def total(self):
        return self.lines.aggregate(total=Sum("amount"))["total"] or 0

    @cached_property
    def total_cost(self):
        return (
            Project.objects.in_contract(self.contract).aggregate(t=Sum("total_cost"))[
                "t"
            ]
            or 0
        )

    def _per_group(self, model, lookup, through_lookup):
        """One aggregate query: for each group, lines of projects having a measure in it."""
        through = Project.measures.through
        groups = list(
            model.objects.filter(**{lookup: self.contract}).values_list("pk", flat=True)
        )
        if not groups:
            return {}
        aggregates = {
            f"g{pk}": Sum(
                "amount",
                filter=Q(
                    project__in=through.objects.filter(**{through_lookup: pk}).values(
                        "project_id"
                    )
                ),
            )
            for pk in groups
        }
        totals = self.lines.aggregate(**aggregates)
        return {pk: totals[f"g{pk}"] or 0 for pk in groups}

    @cached_property
    def by_orientation(self):
        return self._per_group(Orientation, "contract", "mesure__axe__orientation_id")

    @cached_property
    def by_axe(self):
        return self._per_group(Axe, "orientation__contract", "mesure__axe_id")

    @cached_property
    def by_funder(self):
        labels = dict(FinancingLine.Funder.choices)
        rows = (
            self.lines.values("funder").annotate(total=Sum("amount")).order_by("funder")
        )
        return [(labels[row["funder"]], row["total"]) for row in rows]

    @cached_property
    def by_year(self):
        rows = self.lines.values("year").annotate(total=Sum("amount")).order_by("year")
        return [(str(row["year"]), row["total"]) for row in rows]

    @cached_property
    def by_axe_rows(self):
        axes = Axe.objects.filter(orientation__contract=self.contract).select_related(
            "orientation"
        )
        return [
            (f"{axe.code}. {axe.title}", self.by_axe.get(axe.pk, 0)) for axe in axes
        ]


def measure_choices():
    return Mesure.objects.with_codes()


def key_figure_projects():
    """Home page figure: how many projects the contracts carry."""
    from django.utils.translation import gettext as _

    count = Project.objects.exclude(status=Project.Status.ABANDONNE).count()
    if not count:
        return None
    return f"{count:,}".replace(",", "\u202f"), _("projets portés par les contrats")


def key_figure_funding():
    """Home page figure: financing acquired or paid, all funders together."""
    from django.utils.translation import gettext as _

    from .templatetags.contrats_tags import euros

    total = FinancingLine.objects.filter(
        status__in=[FinancingLine.Status.ACQUIS, FinancingLine.Status.VERSE]
    ).aggregate(total=Sum("amount"))["total"]
    if not total:
        return None
    return euros(total), _("de financements acquis pour les projets du territoire")
