"""Compiling carries the commune's plan into the project; a plan above the cost is not
compiled; a project of a draft PO is shown as « proposé au PO », not as funded."""

from decimal import Decimal

import pytest
from django.urls import reverse

from contrats.models import FinancingLine
from mayors.models import FinancingPlanLine, Submission
from mayors.programme import compile_programme
from tests.contrats.factories import ProjectFactory

from .factories import make_complete_draft

pytestmark = pytest.mark.django_db
State = Submission.State


def retained(call, commune, mayor, measure, staff, **fields):
    draft = make_complete_draft(call, commune, mayor, measure, **fields)
    draft.submit(by=mayor)
    draft.start_review(by=staff)
    draft.decide(by=staff, outcome=State.RETAINED)
    return draft


def test_a_project_linked_before_compiling_receives_the_plan(
    call, commune_a, mayor_a, measure, staff
):
    submission = retained(call, commune_a, mayor_a, measure, staff)
    project = ProjectFactory(total_cost=Decimal("250000"))
    project.financing_lines.all().delete()
    Submission.objects.filter(pk=submission.pk).update(project=project)
    compile_programme(call)
    assert [
        (line.funder, line.amount, line.status)
        for line in FinancingLine.objects.filter(project=project)
    ] == [("etat", Decimal("70000.00"), FinancingLine.Status.ACQUIS)]


def funding(project):
    return [
        (line.funder, line.amount, line.year, line.status)
        for line in FinancingLine.objects.filter(project=project).order_by("sort_order")
    ]


def test_compiling_then_adopting_makes_every_line_of_the_plan(
    call, commune_a, mayor_a, measure, staff, django_capture_on_commit_callbacks
):
    """The plan (Région 80 000 € asked, État 70 000 € secured) becomes the project's
    lines: État at compiling, Région once the Région has voted the PO."""
    submission = retained(call, commune_a, mayor_a, measure, staff)
    compile_programme(call)
    submission.refresh_from_db()
    project = submission.project
    Status = FinancingLine.Status
    assert funding(project) == [("etat", Decimal("70000.00"), 2027, Status.ACQUIS)]
    entry = project.po_entries.get()
    assert entry.region_amount == Decimal("80000.00")
    with django_capture_on_commit_callbacks(execute=True):
        entry.version.adopt()
    assert funding(project) == [
        ("etat", Decimal("70000.00"), 2027, Status.ACQUIS),
        ("region", Decimal("80000.00"), 2027, Status.ACQUIS),
    ]
    # An avenant revising the Région's amount brings the line to it, once.
    avenant = entry.version.po.draft_version()
    avenant.entries.filter(project=project).update(region_amount=Decimal("90000"))
    with django_capture_on_commit_callbacks(execute=True):
        avenant.adopt()
    assert funding(project)[1] == ("region", Decimal("90000.00"), 2027, Status.ACQUIS)


def test_adopting_leaves_projects_not_compiled_from_a_priority_alone(
    cto, django_capture_on_commit_callbacks
):
    from contrats.models import ProgrammeOperationnel

    project = ProjectFactory(total_cost=Decimal("250000"))
    before = funding(project)
    version = ProgrammeOperationnel.objects.create(
        contract=cto, year=2027
    ).draft_version()
    version.add_project(project, Decimal("50000"))
    with django_capture_on_commit_callbacks(execute=True):
        version.adopt()
    assert funding(project) == before


def test_a_plan_above_the_cost_is_not_compiled(
    call, commune_a, mayor_a, measure, staff
):
    submission = retained(call, commune_a, mayor_a, measure, staff)
    # Retained before the rule existed: the compilation still refuses it, and says why.
    FinancingPlanLine.objects.create(
        submission=submission, funder="commune", amount=Decimal("150000")
    )
    report = compile_programme(call)
    assert report.created == []
    ((skipped, why),) = report.skipped
    assert skipped == submission and "dépasse le coût estimé HT" in str(why)


def test_a_project_of_a_draft_po_is_shown_as_proposed(
    client, call, commune_a, mayor_a, measure, staff
):
    submission = retained(call, commune_a, mayor_a, measure, staff)
    compile_programme(call)
    submission.refresh_from_db()
    html = client.get(submission.project.get_absolute_url()).text
    assert "Proposé au Programme Opérationnel 2027" in html
    assert "en attente de l’avis de la Conférence des Maires" in html
    assert "(—)" not in html
    version = submission.project.po_entries.get().version
    version.adopt()
    html = client.get(submission.project.get_absolute_url()).text
    assert "Proposé au Programme Opérationnel" not in html
    assert reverse("contrats:programme_detail", args=[call.contract.slug, 2027]) in html
