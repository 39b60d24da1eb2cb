"""Bench data for the trace of a proposal: the demo's "Retenue" proposal became a project
that now has 300 progress notes and 300 status changes, and 50 more proposals became
the same project. Bulk inserts (no signal, no e-mail); runs after seed_participation.
"""

import datetime

from django.db import connection, transaction
from django.utils import timezone

from contrats.models import ProgressNote, Project, ProjectStatusChange
from demo import participation as participation_demo
from participation.models import Proposal

from .seed_participation import PREFIX

NOTES = 100
STATUS_CHANGES = 40
LINKED_PROPOSALS = 50


def traced_proposal():
    return Proposal.objects.get(title=participation_demo.LINKED_PROPOSAL)


def seed():
    proposal = traced_proposal()
    project = Project.objects.get(slug=participation_demo.LINKED_PROJECT)
    if ProgressNote.objects.filter(project=project).count() >= NOTES:
        return
    start = timezone.now() - datetime.timedelta(days=NOTES + 10)
    statuses = [Project.Status.PREPARATION, Project.Status.ENGAGE]
    with transaction.atomic():
        ProgressNote.objects.bulk_create(
            ProgressNote(
                project=project,
                date=(start + datetime.timedelta(days=n)).date(),
                title=f"Point d’étape n° {n}",
                text="Le chantier avance comme prévu ; prochaine réunion de suivi.",
            )
            for n in range(NOTES)
        )
        ProjectStatusChange.objects.bulk_create(
            ProjectStatusChange(
                project=project,
                previous_status=statuses[n % 2],
                new_status=statuses[(n + 1) % 2],
                at=start + datetime.timedelta(days=n, hours=1),
            )
            for n in range(STATUS_CHANGES)
        )
        linked = Proposal.objects.filter(title__startswith=PREFIX).order_by("pk")[
            1 : LINKED_PROPOSALS + 1
        ]
        Proposal.objects.filter(pk__in=[p.pk for p in linked]).update(
            project=project, project_linked_at=timezone.now()
        )
        if proposal.project_id is None:
            proposal.link_project(project)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE contrats_progressnote, contrats_projectstatuschange, "
                "participation_proposal"
            )


def pages():
    proposal = traced_proposal()
    project = Project.objects.get(slug=participation_demo.LINKED_PROJECT)
    return [
        (
            f"proposal page with its trace ({NOTES} notes, {STATUS_CHANGES} changes)",
            proposal.get_absolute_url(),
        ),
        (f"project page ({NOTES} notes)", project.get_absolute_url()),
    ]
