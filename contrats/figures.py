"""Figures computed from financing lines with aggregate queries: never typed twice."""

from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from .models.projects import FinancingLine, Project
from .models.strategy import Axe, Orientation
from .templatetags.contrats_tags import euros


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
    """Totals of one contract per orientation, axis, funder and year: one aggregate query.

    A project having measures in two axes counts in both axes but once in the contract.
    """

    def __init__(self, contract, orientations=None, axes=None):
        self.contract = contract
        self._orientations = orientations
        self._axes = axes

    @cached_property
    def orientations(self):
        if self._orientations is not None:
            return self._orientations
        return list(Orientation.objects.filter(contract=self.contract))

    @cached_property
    def axes(self):
        if self._axes is not None:
            return self._axes
        return list(
            Axe.objects.filter(orientation__contract=self.contract)
            .select_related("orientation")
            .order_by("orientation__number", "number")
        )

    @cached_property
    def years(self):
        return list(range(self.contract.start_year, self.contract.end_year + 1))

    @cached_property
    def lines(self):
        return FinancingLine.objects.filter(
            project__in=contract_project_ids([self.contract.pk])
        )

    @cached_property
    def sums(self):
        through = Project.measures.through

        def lines_of(**lookup):
            return Q(project__in=through.objects.filter(**lookup).values("project_id"))

        aggregates = {"total": Sum("amount")}
        for orientation in self.orientations:
            aggregates[f"o{orientation.pk}"] = Sum(
                "amount", filter=lines_of(mesure__axe__orientation_id=orientation.pk)
            )
        for axe in self.axes:
            aggregates[f"a{axe.pk}"] = Sum(
                "amount", filter=lines_of(mesure__axe_id=axe.pk)
            )
        for funder in FinancingLine.Funder.values:
            aggregates[f"f_{funder}"] = Sum("amount", filter=Q(funder=funder))
        for year in self.years:
            aggregates[f"y{year}"] = Sum("amount", filter=Q(year=year))
        return {
            key: value or Decimal(0)
            for key, value in self.lines.aggregate(**aggregates).items()
        }

    @property
    def total(self):
        return self.sums["total"]

    @property
    def by_orientation(self):
        return {o.pk: self.sums[f"o{o.pk}"] for o in self.orientations}

    @property
    def by_axe(self):
        return {a.pk: self.sums[f"a{a.pk}"] for a in self.axes}

    @property
    def by_axe_rows(self):
        return [
            (f"{axe.code}. {axe.title}", self.sums[f"a{axe.pk}"]) for axe in self.axes
        ]

    @property
    def by_funder(self):
        return [
            (str(label), self.sums[f"f_{value}"])
            for value, label in FinancingLine.Funder.choices
            if self.sums[f"f_{value}"]
        ]

    @property
    def by_year(self):
        rows = [(str(y), self.sums[f"y{y}"]) for y in self.years if self.sums[f"y{y}"]]
        outside = self.total - sum((v for _y, v in rows), Decimal(0))
        if outside:
            rows.append((_("Hors période du contrat"), outside))
        return rows


def key_figure_projects():
    """Home page figure: how many projects the contracts carry."""
    from django.utils.translation import gettext as _

    count = Project.objects.exclude(status=Project.Status.ABANDONNE).count()
    if not count:
        return None
    return f"{count:,}".replace(",", "\u202f"), _("projets portés par les contrats")


def key_figure_funding():
    """Home page figure: financing acquired or paid, all funders together."""
    total = FinancingLine.objects.filter(
        status__in=[FinancingLine.Status.ACQUIS, FinancingLine.Status.VERSE]
    ).aggregate(total=Sum("amount"))["total"]
    if not total:
        return None
    return euros(total), _("de financements acquis pour les projets du territoire")
