"""The example plan and the 20 % rule (CGCT L1111-10 III), as pure functions."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from aides.financing import (
    dossier_share_error,
    example_plan,
    self_funding_error,
)
from aides.models import AidScheme, Carrier, Funder

D = Decimal


def scheme(name, rate, ceiling=None, funder=Funder.ETAT):
    return AidScheme(
        name=name,
        funder=funder,
        max_rate=D(rate),
        ceiling=None if ceiling is None else D(ceiling),
    )


def amounts(plan):
    return [(line.scheme.name, line.amount) for line in plan.lines]


def test_each_scheme_gives_its_rate_and_the_commune_the_rest():
    plan = example_plan(
        D("100000"),
        [scheme("DETR", 30), scheme("Région", 25, funder=Funder.REGION)],
        Carrier.COMMUNE,
    )
    assert amounts(plan) == [("DETR", D(30000)), ("Région", D(25000))]
    assert plan.self_funding == D(45000)
    assert plan.public_funding == D(100000)  # the commune's own share is public too
    assert plan.self_share == D("45.0")


def test_a_ceiling_caps_the_aid_and_says_so():
    plan = example_plan(D("200000"), [scheme("DSIL", 50, 30000)], Carrier.COMMUNE)
    assert amounts(plan) == [("DSIL", D(30000))]
    assert plan.lines[0].notes == ["plafonné à 30\u202f000\u00a0€"]
    assert plan.self_funding == D(170000)


def test_a_commune_keeps_twenty_percent_of_the_public_funding():
    plan = example_plan(
        D("100000"),
        [
            scheme("DETR", 40),
            scheme("Région", 30, funder=Funder.REGION),
            scheme("Département", 20, funder=Funder.DEPARTEMENT),
        ],
        Carrier.COMMUNE,
    )
    assert amounts(plan) == [
        ("DETR", D(40000)),
        ("Région", D(30000)),
        ("Département", D(10000)),
    ]
    assert plan.lines[2].notes == [
        "réduit pour garder la part minimale du porteur (20 %)"
    ]
    assert plan.self_funding == D(20000)
    assert plan.self_share == D("20.0")
    assert "20.0 % des financements publics" in plan.notes[0]
    assert "L1111-10" in plan.notes[0]


def test_an_epci_is_held_to_the_same_rule():
    plan = example_plan(D("50000"), [scheme("Fonds vert", 100)], Carrier.EPCI)
    assert amounts(plan) == [("Fonds vert", D(40000))]
    assert plan.self_funding == D(10000)


def test_private_funding_is_outside_the_public_count():
    plan = example_plan(
        D("100000"),
        [
            scheme("DETR", 80),
            scheme("Fondation", 30, funder=Funder.PRIVE),
        ],
        Carrier.COMMUNE,
    )
    # The foundation first (30 000), then at most 80 % of the 70 000 left.
    assert amounts(plan) == [("DETR", D(56000)), ("Fondation", D(30000))]
    assert plan.self_funding == D(14000)
    assert plan.public_funding == D(70000)
    assert plan.self_share == D("20.0")


def test_an_association_is_not_held_to_the_rule_but_aid_never_exceeds_the_cost():
    plan = example_plan(
        D("100000"),
        [
            scheme("LEADER", 60, funder=Funder.EUROPE),
            scheme("ARS", 50, funder=Funder.ARS),
        ],
        Carrier.ASSOCIATION,
    )
    assert amounts(plan) == [("LEADER", D(60000)), ("ARS", D(40000))]
    assert plan.lines[1].notes == ["réduit : les aides ne dépassent pas le coût"]
    assert plan.self_funding == 0
    assert plan.self_share is None
    assert "collectivités" in plan.notes[0]


def test_a_prefects_derogation_lifts_the_cap_and_the_plan_says_sous_reserve():
    plan = example_plan(
        D("100000"),
        [scheme("DETR", 90)],
        Carrier.COMMUNE,
        derogation=True,
    )
    assert amounts(plan) == [("DETR", D(90000))]
    assert plan.self_funding == D(10000)
    assert any("sous réserve de la dérogation" in note for note in plan.notes)


def test_amounts_are_rounded_down_to_the_euro_and_the_rule_still_holds():
    plan = example_plan(
        D("33333.33"),
        [
            scheme("DETR", 33),
            scheme("DSIL", 60),
            scheme("Région", 7, funder=Funder.REGION),
        ],
        Carrier.COMMUNE,
    )
    assert [line.amount for line in plan.lines] == [D(10999), D(15667), D(0)]
    assert all(line.amount == line.amount.to_integral_value() for line in plan.lines)
    public_aid = sum(line.amount for line in plan.lines)
    assert plan.self_funding == D("33333.33") - public_aid
    assert plan.self_funding * 4 >= public_aid


@pytest.mark.parametrize("cost", ["1", "999.99", "12345.67", "250000", "7654321.01"])
def test_the_rule_holds_whatever_the_cost(cost):
    plan = example_plan(
        D(cost),
        [scheme("A", 55), scheme("B", 45, funder=Funder.REGION), scheme("C", 35)],
        Carrier.COMMUNE,
    )
    public_aid = sum(line.amount for line in plan.lines)
    assert plan.self_funding * 4 >= public_aid
    assert public_aid + plan.self_funding == D(cost)


def test_no_scheme_leaves_everything_to_the_carrier():
    plan = example_plan(D("1000"), [], Carrier.COMMUNE)
    assert plan.lines == [] and plan.self_funding == D(1000)


def test_the_share_error_names_the_minimum_and_the_article():
    assert self_funding_error(D(20000), D(80000)) is None
    assert self_funding_error(D(0), D(0)) is None
    message = self_funding_error(D(19999), D(80000))
    assert "au moins 20 %" in message
    assert "20\u202f000\u00a0€" in message
    assert "L1111-10" in message
    assert "sauf dérogation accordée par le préfet" in message


def line(funder, amount):
    return SimpleNamespace(funder=funder, amount=D(amount))


def test_a_dossier_plan_counts_what_other_funders_leave_to_the_commune():
    assert (
        dossier_share_error([line("region", 80000), line("etat", 70000)], D(250000))
        is None
    )
    message = dossier_share_error(
        [line("region", 50000), line("etat", 40000)], D(100000)
    )
    assert "10\u202f000\u00a0€" in message and "22\u202f500\u00a0€" in message


def test_a_dossier_plan_leaves_funders_that_may_be_private_out_of_the_public_count():
    # « Autre » (mécénat…) is not public: 60 000 public against 10 000 of the commune.
    lines = [line("autre", 30000), line("etat", 60000)]
    assert "15\u202f000\u00a0€" in dossier_share_error(lines, D(100000))
    assert (
        dossier_share_error([line("autre", 30000), line("etat", 40000)], D(100000))
        is None
    )


def test_without_a_cost_nor_a_commune_line_nothing_is_judged():
    assert dossier_share_error([line("region", 50000)], None) is None


def test_without_a_cost_the_commune_lines_are_its_share():
    lines = [line("commune", 10000), line("region", 50000)]
    assert "12\u202f500\u00a0€" in dossier_share_error(lines, None)
    assert (
        dossier_share_error([line("commune", 15000), line("region", 50000)], None)
        is None
    )
