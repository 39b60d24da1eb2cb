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
