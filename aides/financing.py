"""Financing plans and the minimum share of a local authority (CGCT L1111-10 III).

A commune or a group of communes (EPCI, syndicat) carrying an investment pays at least
20 % of the public funding of the project, its own share included: other public
funders together give at most 80 % of the public money. Private funding (mécénat,
fondations) is outside the count. Exceptions (a prefect's derogation for protected
monuments or public calamities, urban renewal, outre-mer…) are decided case by case
by the State: the plan says so and applies the rule unless told otherwise.
"""

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contrats.models import FinancingLine
from contrats.models.projects import format_euros

#: Carriers that are local authorities (``aides.models.Carrier`` values): when they
#: invest, CGCT L1111-10 III asks them for 20 % of the public funding.
LOCAL_AUTHORITIES = frozenset({"commune", "epci"})
MINIMUM_SHARE = Decimal("0.20")
EURO = Decimal("1")
#: The funders of a dossier's plan (contrats' vocabulary) that are public bodies;
#: « Autre » may be private (mécénat), so it is left out of the count.
PUBLIC_PLAN_FUNDERS = frozenset(FinancingLine.Funder.values) - {
    FinancingLine.Funder.AUTRE
}
SELF_FUNDING = "commune"
#: Catalogue funders (``aides.models.Funder``) a dossier's plan names by the same
#: code; the others (ARS, ADEME, private…) are « Autre » there.
PLAN_FUNDERS = frozenset(FinancingLine.Funder.values) - {FinancingLine.Funder.AUTRE}


def bound_by_minimum_share(carrier):
    """CGCT L1111-10 III binds communes and their groupings (EPCI, syndicats) carrying
    a project, not associations or private bodies."""
    return carrier in LOCAL_AUTHORITIES


def euros_down(amount):
    return Decimal(amount).quantize(EURO, rounding=ROUND_FLOOR)


def euros_up(amount):
    return Decimal(amount).quantize(EURO, rounding=ROUND_CEILING)


def percent(part, whole):
    return (Decimal(100) * part / whole).quantize(Decimal("0.1")) if whole else None


@dataclass
class PlanLine:
    scheme: object
    amount: Decimal
    notes: list = field(default_factory=list)


@dataclass
class Plan:
    cost: Decimal
    lines: list
    self_funding: Decimal
    public_funding: Decimal
    rule_applies: bool
    notes: list = field(default_factory=list)

    @property
    def aid_total(self):
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def self_share(self):
        """The carrier's share of the public funding, in %, when the rule applies."""
        if not self.rule_applies:
            return None
        return percent(self.self_funding, self.public_funding)


def wanted_amount(scheme, cost):
    """What a scheme gives at its maximum rate, within its ceiling, to the euro below."""
    amount = euros_down(cost * scheme.max_rate / 100)
    notes = []
    if scheme.ceiling is not None and amount > scheme.ceiling:
        amount = euros_down(scheme.ceiling)
        notes.append(_("plafonné à %(ceiling)s") % {"ceiling": format_euros(amount)})
    return amount, notes


def example_plan(cost, schemes, carrier, *, derogation=False):
    """An example plan for a project costing ``cost`` (€ excluding tax), carried by
    ``carrier`` (``aides.models.Carrier``), with ``schemes`` in the order given.

    Each scheme gives ``min(rate × cost, ceiling)``, rounded down to the euro; private
    funders come first, then public ones in order, none beyond the cost; a local
    authority keeps at least 20 % of the public funding unless ``derogation`` (a
    prefect's decision). The carrier pays the rest.
    """
    cost = Decimal(cost)
    rule_applies = bound_by_minimum_share(carrier)
    wanted = {id(scheme): wanted_amount(scheme, cost) for scheme in schemes}
    lines = {id(scheme): PlanLine(scheme, Decimal(0)) for scheme in schemes}
    room = cost
    for scheme in (s for s in schemes if not s.is_public):
        amount, notes = wanted[id(scheme)]
        line = lines[id(scheme)]
        line.amount, line.notes = min(amount, room), notes
        if line.amount < amount:
            line.notes.append(_("réduit : les aides ne dépassent pas le coût"))
        room -= line.amount
    public_room = room
    capped_by_rule = rule_applies and not derogation
    if capped_by_rule:
        public_room = euros_down(room * (1 - MINIMUM_SHARE))
    for scheme in (s for s in schemes if s.is_public):
        amount, notes = wanted[id(scheme)]
        line = lines[id(scheme)]
        line.amount, line.notes = min(amount, public_room), notes
        if line.amount < amount:
            line.notes.append(
                _("réduit pour garder la part minimale du porteur (20 %)")
                if capped_by_rule
                else _("réduit : les aides ne dépassent pas le coût")
            )
        public_room -= line.amount
    ordered = [lines[id(scheme)] for scheme in schemes]
    aid_total = sum((line.amount for line in ordered), Decimal(0))
    self_funding = cost - aid_total
    public_aid = sum((line.amount for line in ordered if line.scheme.is_public), 0)
    public_funding = public_aid + (self_funding if rule_applies else 0)
    plan = Plan(cost, ordered, self_funding, Decimal(public_funding), rule_applies)
    plan.notes = plan_notes(plan, derogation)
    return plan


def plan_notes(plan, derogation):
    if not plan.rule_applies:
        return [
            _(
                "La règle des 20 % d’autofinancement ne s’applique qu’aux collectivités "
                "et à leurs groupements : pour un autre porteur, chaque financeur fixe "
                "sa propre part minimale."
            )
        ]
    share = plan.self_share
    if share is None:
        return []
    notes = [
        _(
            "Part du porteur : %(amount)s, soit %(share)s %% des financements publics "
            "(au moins 20 %% demandés par l’article L1111-10 du code général des "
            "collectivités territoriales)."
        )
        % {"amount": format_euros(plan.self_funding), "share": share}
    ]
    if derogation:
        notes.append(
            _(
                "Plan calculé sans la part minimale de 20 %, sous réserve de la "
                "dérogation accordée par le préfet."
            )
        )
    return notes


def self_funding_error(own_share, other_public, carrier="commune"):
    """The French reason why a local authority's ``own_share`` is below 20 % of the
    public funding (``own_share + other_public``), or None when it is not."""
    own_share, other_public = Decimal(own_share), Decimal(other_public)
    if other_public <= 0 or own_share * 4 >= other_public:
        return None
    return (
        _(
            "La part de l’EPCI (%(own)s) doit atteindre au moins 20 %% des financements "
            "publics du projet, soit %(minimum)s ici (article L1111-10 du code général "
            "des collectivités territoriales), sauf dérogation accordée par le préfet."
        )
        if carrier == "epci"
        else _(
            "La part de la commune (%(own)s) doit atteindre au moins 20 %% des "
            "financements publics du projet, soit %(minimum)s ici (article L1111-10 du "
            "code général des collectivités territoriales), sauf dérogation accordée "
            "par le préfet."
        )
    ) % {
        "own": format_euros(max(own_share, Decimal(0))),
        "minimum": format_euros(euros_up(other_public / 4)),
    }


def dossier_share_error(lines, cost=None, carrier="commune"):
    """The 20 % rule on a dossier's plan (lines with ``funder`` and ``amount``): the
    commune pays what other funders do not, so its share is the cost minus their
    lines when the cost is known, its « Autofinancement » lines otherwise; with
    neither (a démarche that asks no cost), nothing says the commune's share."""
    others = [line for line in lines if line.funder != SELF_FUNDING]
    public = sum(
        (line.amount or 0 for line in others if line.funder in PUBLIC_PLAN_FUNDERS),
        Decimal(0),
    )
    if cost is None:
        own_lines = [line for line in lines if line.funder == SELF_FUNDING]
        if not own_lines:
            return None
        own = sum((line.amount or 0 for line in own_lines), Decimal(0))
    else:
        own = cost - sum((line.amount or 0 for line in others), Decimal(0))
    return self_funding_error(own, public, carrier)


def plan_funder(scheme):
    """The funder a dossier's plan line asking ``scheme`` names."""
    if scheme.funder in PLAN_FUNDERS:
        return scheme.funder
    return FinancingLine.Funder.AUTRE


def scheme_funder_error(scheme, funder):
    """Why a plan line of ``funder`` cannot ask ``scheme``, or None."""
    expected = plan_funder(scheme)
    if funder == expected:
        return None
    labels = dict([(SELF_FUNDING, _("Autofinancement")), *FinancingLine.Funder.choices])
    return _(
        "Le dispositif %(scheme)s relève du financeur « %(expected)s » : la ligne le "
        "demande à « %(funder)s »."
    ) % {
        "scheme": scheme_name(scheme),
        "expected": labels[expected],
        "funder": labels.get(funder, funder),
    }


def scheme_name(scheme):
    return scheme.programme or scheme.name


def scheme_amount_error(scheme, asked, cost, lines=1):
    """Why asking ``asked`` of ``scheme`` for a project costing ``cost`` (€ HT, None
    when the démarche asks no cost) exceeds its rate or ceiling, or None: the same
    amount as the aid finder's example plan (``wanted_amount``)."""
    if cost is None:
        if scheme.ceiling is None or asked <= scheme.ceiling:
            return None
        allowed, capped = euros_down(scheme.ceiling), True
    else:
        allowed, notes = wanted_amount(scheme, cost)
        capped = bool(notes)
        if asked <= allowed:
            return None
    figures = {
        "scheme": scheme_name(scheme),
        "allowed": format_euros(allowed),
        "asked": format_euros(asked),
        "rate": floatformat(scheme.max_rate, -2),
        "count": lines,
    }
    if capped:
        text = ngettext(
            "Le dispositif %(scheme)s est plafonné à %(allowed)s : la ligne en "
            "demande %(asked)s.",
            "Le dispositif %(scheme)s est plafonné à %(allowed)s : les %(count)s "
            "lignes en demandent %(asked)s.",
            lines,
        )
    else:
        text = ngettext(
            "Le dispositif %(scheme)s finance au plus %(rate)s %% du coût HT, soit "
            "%(allowed)s pour ce projet : la ligne en demande %(asked)s.",
            "Le dispositif %(scheme)s finance au plus %(rate)s %% du coût HT, soit "
            "%(allowed)s pour ce projet : les %(count)s lignes en demandent %(asked)s.",
            lines,
        )
    return text % figures


def dossier_scheme_errors(lines, cost=None):
    """The aid schemes a dossier's plan names (``scheme`` on its lines): each asked
    through its own funder, within its rate of the cost HT and its ceiling, all the
    lines asking one scheme counted together."""
    errors, asked = [], {}
    for line in lines:
        if line.scheme_id is None:
            continue
        error = scheme_funder_error(line.scheme, line.funder)
        if error:
            errors.append(error)
        scheme, total, count = asked.get(line.scheme_id, (line.scheme, 0, 0))
        asked[line.scheme_id] = (scheme, total + (line.amount or 0), count + 1)
    for scheme, total, count in asked.values():
        error = scheme_amount_error(scheme, Decimal(total), cost, count)
        if error:
            errors.append(error)
    return errors
