"""Validation rules, Programme Opérationnel versions and the computed totals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from contrats.models import FinancingLine, POVersion, Project
from contrats.models.programmes import diff_entries

from .factories import FinancingLineFactory, ProjectFactory, make_contract, make_po

pytestmark = pytest.mark.django_db


@pytest.fixture
def cto(site_root):
    return make_contract(site_root, kind="CTO", short_name="CTO", tree=(1, 1, 2))


def test_amount_must_be_positive():
    line = FinancingLineFactory.build(project=ProjectFactory(), amount=Decimal("0"))
    with pytest.raises(ValidationError) as error:
        line.full_clean()
    assert error.value.message_dict["amount"] == [
        "Le montant doit être supérieur à 0 €."
    ]


def test_project_cost_must_be_positive():
    project = ProjectFactory.build(total_cost=Decimal("-5"), slug="x")
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert (
        "Le coût total doit être supérieur à 0 €."
        in error.value.message_dict["total_cost"]
    )


def test_financing_total_cannot_exceed_total_cost():
    project = ProjectFactory(total_cost=Decimal("1000"))
    FinancingLineFactory(project=project, amount=Decimal("800"))
    line = FinancingLineFactory.build(project=project, amount=Decimal("300"))
    with pytest.raises(ValidationError) as error:
        line.full_clean()
    assert "dépasse le coût total du projet" in error.value.message_dict["amount"][0]
    line.amount = Decimal("200")
    line.full_clean()


def test_region_line_requires_project_in_adopted_po(cto):
    project = ProjectFactory(total_cost=Decimal("100000"))
    line = FinancingLineFactory.build(
        project=project, funder=FinancingLine.Funder.REGION, year=2023, programme="CTO"
    )
    with pytest.raises(ValidationError) as error:
        line.full_clean()
    assert (
        "Programme Opérationnel adopté de 2023" in error.value.message_dict["funder"][0]
    )

    draft = make_po(cto, 2023).draft_version()
    draft.add_project(project, Decimal("20000"))
    with pytest.raises(ValidationError):
        line.full_clean()  # a draft is not enough
    draft.adopt()
    line.full_clean()
    line.year = 2024
    with pytest.raises(ValidationError):
        line.full_clean()


def test_po_versions_freeze_and_avenant_diff(cto):
    po = make_po(cto, 2023)
    a, b, c = ProjectFactory.create_batch(3)
    initial = po.draft_version()
    assert initial.kind == POVersion.Kind.INITIAL and initial.number == 1
    assert po.draft_version() == initial
    initial.add_project(a, Decimal("1000"))
    initial.add_project(a, Decimal("1500"))  # idempotent: updates the amount
    initial.add_project(b, Decimal("2000"))
    assert initial.entries.count() == 2
    initial.adopt(on=datetime.date(2023, 3, 1))
    assert initial.is_frozen

    with pytest.raises(ValidationError, match="adoptée"):
        initial.add_project(c, Decimal("10"))
    initial.note = "changed"
    with pytest.raises(ValidationError):
        initial.save()
    entry = initial.entries.get(project=a)
    entry.region_amount = Decimal("1")
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()

    avenant = po.draft_version()
    assert avenant.kind == POVersion.Kind.AVENANT and avenant.number == 2
    assert {e.project_id for e in avenant.entries.all()} == {a.pk, b.pk}
    avenant.add_project(c, Decimal("3000"))
    avenant.add_project(a, Decimal("1800"))
    avenant.remove_project(b)
    avenant.adopt()
    assert po.adopted_version() == avenant

    changes = diff_entries(initial.entries.all(), avenant.entries.all())
    assert [e.project for e in changes["added"]] == [c]
    assert [e.project for e in changes["removed"]] == [b]
    assert [
        (old.region_amount, new.region_amount) for old, new in changes["changed"]
    ] == [(Decimal("1500.00"), Decimal("1800.00"))]
    # the Région line follows the current adopted version: b is no longer in it
    assert a.in_adopted_po(2023) and c.in_adopted_po(2023)
    assert not b.in_adopted_po(2023)


def test_project_in_adopted_po_cannot_be_deleted(cto):
    project = ProjectFactory()
    free = ProjectFactory()
    version = make_po(cto, 2024).draft_version()
    version.add_project(project, Decimal("10"))
    version.adopt()
    with pytest.raises(ValidationError, match="ne peut pas être supprimé"):
        project.delete()
    assert Project.objects.filter(pk=project.pk).exists()
    free.delete()


def test_po_requires_a_cto(site_root):
    crte = make_contract(site_root, kind="CRTE", short_name="CRTE")
    po = make_po(crte, 2023)
    with pytest.raises(ValidationError):
        po.full_clean()


def test_measure_codes(site_root):
    crte = make_contract(site_root, tree=(2, 2, 3))
    measure = crte.orientations.get(number=2).axes.get(number=1).measures.get(number=3)
    assert measure.code == "2.1.3"
    assert measure.axe.code == "2.1"
    assert measure.axe.orientation.code == "2"


def test_contract_totals_are_aggregated(site_root):
    crte = make_contract(site_root, tree=(2, 1, 2))
    o1, o2 = crte.orientations.order_by("number")
    m11 = o1.axes.get().measures.get(number=1)
    m12 = o1.axes.get().measures.get(number=2)
    m21 = o2.axes.get().measures.get(number=1)
    p1 = ProjectFactory(measures=[m11, m12])  # counted once for its axis
    p2 = ProjectFactory(measures=[m21])
    ProjectFactory()  # outside the contract
    FinancingLineFactory(project=p1, amount=Decimal("100"), year=2021)
    FinancingLineFactory(project=p1, amount=Decimal("50"), year=2022, funder="europe")
    FinancingLineFactory(project=p2, amount=Decimal("30"), year=2022)
    figures = crte.figures
    assert figures.total == Decimal("180")
    assert figures.by_orientation == {o1.pk: Decimal("150"), o2.pk: Decimal("30")}
    assert figures.by_axe[o1.axes.get().pk] == Decimal("150")
    assert dict(figures.by_funder) == {"État": Decimal("130"), "Europe": Decimal("50")}
    assert dict(figures.by_year) == {"2021": Decimal("100"), "2022": Decimal("80")}
