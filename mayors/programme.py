"""Compile the Programme Opérationnel: retained priorities become contrats projects and PO entries."""

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _

from contrats import signals as contrats_signals
from contrats.models import FinancingLine, ProgrammeOperationnel, Project

from .models import FinancingPlanLine, Submission
from .models.submissions import State

logger = logging.getLogger(__name__)


@dataclass
class CompileReport:
    version: object = None
    created: list = field(default_factory=list)
    existing: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created)


def project_from_submission(submission, year):
    """A contrats Project carrying the commune's priority, with its non-Région funding."""
    project = Project(
        title=submission.title,
        summary=submission.description or submission.title,
        holder_kind=Project.HolderKind.COMMUNE,
        holder_name=submission.commune.name,
        total_cost=submission.estimated_cost,
        status=Project.Status.PREPARATION,
        start_year=submission.planned_start.year if submission.planned_start else year,
        end_year=submission.planned_end.year if submission.planned_end else None,
    )
    if submission.latitude is not None:
        project.set_point(submission.latitude, submission.longitude)
    # Parental many-to-many relations are written by save().
    project.communes.set([submission.commune])
    if submission.measure is not None:
        project.measures.set([submission.measure])
    project.save()
    carry_plan(submission, project, year)
    return project


def programme_of(scheme):
    """The contrats programme of the scheme a plan line asks, by its short name
    (« DETR », « Fonds vert »); « Autre dispositif » for one the list lacks."""
    if scheme is None:
        return ""
    wanted = scheme.programme.strip().casefold()
    for value, label in FinancingLine.Programme.choices:
        if wanted in (value.casefold(), str(label).casefold()):
            return value
    return FinancingLine.Programme.AUTRE


def carry_plan(submission, project, year):
    """The commune's plan becomes the project's funding lines (once: a project that
    already has lines keeps them). Self-funding is what the lines leave of the cost;
    the Région's share lives in the PO entry until the PO is adopted, as a Région
    line needs an adopted PO (``region_lines_on_adoption``)."""
    if project.financing_lines.exists():
        return []
    status = {
        FinancingPlanLine.Status.REQUESTED: FinancingLine.Status.SOLLICITE,
        FinancingPlanLine.Status.SECURED: FinancingLine.Status.ACQUIS,
    }
    return FinancingLine.objects.bulk_create(
        FinancingLine(
            project=project,
            funder=line.funder,
            amount=line.amount,
            year=year,
            status=status[line.status],
            programme=programme_of(line.scheme),
            sort_order=index,
        )
        for index, line in enumerate(submission.financing_lines.all())
        if line.funder
        not in (FinancingPlanLine.SELF_FUNDING, FinancingLine.Funder.REGION)
    )


def region_amount(submission):
    return sum(
        (
            line.amount
            for line in submission.financing_lines.all()
            if line.funder == FinancingLine.Funder.REGION
        ),
        Decimal(0),
    )


@transaction.atomic
def compile_programme(call):
    """Idempotent: a priority already compiled keeps its project and entry."""
    if not call.feeds_programme:
        raise ValidationError(
            _("Cette démarche n’alimente pas de Programme Opérationnel.")
        )
    programme, _created = ProgrammeOperationnel.objects.get_or_create(
        contract_id=call.contract_id, year=call.year
    )
    version = programme.draft_version()
    in_version = set(version.entries.values_list("project_id", flat=True))
    report = CompileReport(version=version)
    retained = (
        Submission.objects.filter(call=call, state=State.RETAINED)
        .select_related("commune", "organisation", "project", "measure")
        .prefetch_related("financing_lines__scheme")
        .order_by("commune__name", "organisation__name", "rank")
    )
    for submission in retained:
        amount = region_amount(submission)
        if submission.project_id and submission.project_id in in_version:
            report.existing.append(submission)
            continue
        errors = submission.financing_errors(submission.financing_lines.all())
        if errors:
            report.skipped.append((submission, errors[0]))
            continue
        if amount <= 0:
            report.skipped.append(
                (submission, _("aucun montant sollicité auprès de la Région"))
            )
            continue
        if submission.project_id is None:
            submission.project = project_from_submission(submission, call.year)
            submission.save(update_fields=["project"])
        else:
            carry_plan(submission, submission.project, call.year)
        version.add_project(
            submission.project,
            amount,
            note=_("Priorité %(ref)s") % {"ref": submission.reference},
        )
        report.created.append(submission)
    return report


@receiver(contrats_signals.po_version_adopted)
def region_lines_on_adoption(sender, version, **kwargs):
    """Once the Région has voted the PO, each compiled priority's Région share (its
    plan's Région line, carried by the PO entry) becomes the project's Région funding
    line for the year, « acquis »; an avenant brings the line to the amount it adopts.
    Projects not compiled from a priority keep the lines staff enter by hand."""
    year = version.po.year
    entries = version.entries.filter(
        project__priority_submission__isnull=False
    ).select_related("project")
    for entry in entries:
        project = entry.project
        lines = list(project.financing_lines.all())
        region = next(
            (
                line
                for line in lines
                if line.funder == FinancingLine.Funder.REGION and line.year == year
            ),
            None,
        )
        if region is None:
            region = FinancingLine(
                project=project,
                funder=FinancingLine.Funder.REGION,
                programme=FinancingLine.Programme.CTO,
                year=year,
                sort_order=len(lines),
            )
            lines.append(region)
        elif (region.amount, region.status) == (
            entry.region_amount,
            FinancingLine.Status.ACQUIS,
        ):
            continue
        region.amount = entry.region_amount
        region.status = FinancingLine.Status.ACQUIS
        errors = project.financing_errors(lines)
        if errors:
            logger.warning(
                "Région line of project %s not written: %s", project.pk, errors[0]
            )
            continue
        region.save()
