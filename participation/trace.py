"""What became of a proposal: the dated steps shown on its page (and reused by e-mails
and the commune page).

``proposal_trace(proposal)`` (or ``proposal.trace()``) gives, for a published proposal:
first its own steps — submitted, answered, became a project — then the project's
steps merged in date order: its place in each current adopted Programme Opérationnel,
its status changes and its progress notes. A pending or hidden proposal has no
public trace. Five queries at most, whatever the amount of data: the PO entries, the
status changes, the notes, their photos and the photos' renditions. ``trace_html()``
keeps the rendered section once per content generation: none on a warm site.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cms import cache_policy, generational
from contrats.models.progress import (
    ProgressEntry,
    progress_prefetches,
    progress_timeline,
)

SUBMITTED = "submitted"
ANSWERED = "answered"
PROJECT = "project"
PROGRAMME = "programme"
STATUS = "status"
NOTE = "note"

#: The proposal's own steps; the others are its project's, which may predate the link.
PROPOSAL_KINDS = {SUBMITTED, ANSWERED, PROJECT}
# Order of the project's steps that fall on the same day.
SAME_DAY_ORDER = {PROGRAMME: 0, STATUS: 1, NOTE: 2}


@dataclass(frozen=True)
class Step:
    """One step: ``kind`` (the constants above), its ``date``, a French ``label`` and
    the ``data`` a template or an e-mail needs (see each builder below)."""

    kind: str
    date: datetime.date
    label: str
    data: dict = field(default_factory=dict)


def local_date(value):
    return timezone.localdate(value) if isinstance(value, datetime.datetime) else value


def submitted_step(proposal):
    return Step(SUBMITTED, local_date(proposal.created_at), _("Proposition déposée"))


def answer_step(answer):
    """data: ``status``, ``status_label``, ``explanation``, ``answer``."""
    label = answer.get_status_display()
    return Step(
        ANSWERED,
        local_date(answer.created_at),
        _("Réponse du Grand Quercy : %(status)s") % {"status": label},
        {
            "status": answer.status,
            "status_label": label,
            "explanation": answer.explanation,
            "answer": answer,
        },
    )


def project_step(proposal, project):
    """data: ``project``, ``title``, ``url`` (its public page), ``status_label``."""
    return Step(
        PROJECT,
        local_date(proposal.project_linked_at or proposal.created_at),
        _("Devenue un projet : %(title)s") % {"title": project.title},
        {
            "project": project,
            "title": project.title,
            "url": project.get_absolute_url(),
            "status_label": project.get_status_display(),
        },
    )


def programme_step(entry):
    """data: ``year``, ``region_amount``, ``adopted_on``, ``url`` (the PO page), ``programme``."""
    version = entry.version
    programme = version.po
    return Step(
        PROGRAMME,
        version.adopted_on,
        _("Au Programme Opérationnel %(year)s") % {"year": programme.year},
        {
            "year": programme.year,
            "region_amount": entry.region_amount,
            "adopted_on": version.adopted_on,
            "url": programme.get_absolute_url(),
            "programme": programme,
        },
    )


def progress_step(entry):
    """A status change (data: ``change``, ``previous_label``, ``new_label``, ``is_initial``)
    or a progress note (data: ``note``, ``title``, ``text``, ``photos``)."""
    if entry.kind == ProgressEntry.STATUS:
        change = entry.item
        new_label = change.get_new_status_display()
        if change.is_initial:
            label = _("Projet enregistré : « %(status)s »") % {"status": new_label}
        else:
            label = _("Nouvel état du projet : « %(status)s »") % {"status": new_label}
        return Step(
            STATUS,
            entry.date,
            label,
            {
                "change": change,
                "previous_label": change.get_previous_status_display(),
                "new_label": new_label,
                "is_initial": change.is_initial,
            },
        )
    note = entry.item
    return Step(
        NOTE,
        entry.date,
        note.title,
        {
            "note": note,
            "title": note.title,
            "text": note.text,
            "photos": list(note.photos.all()),
        },
    )


def proposal_trace(proposal):
    """The ordered steps of a published proposal; [] for a pending or hidden one."""
    if not proposal.is_published:
        return []
    steps = [submitted_step(proposal)]
    answer = getattr(proposal, "answer", None)
    if answer is not None:
        steps.append(answer_step(answer))
    project = proposal.project if proposal.project_id else None
    if project is None:
        return steps
    steps.append(project_step(proposal, project))
    prefetch_related_objects([project], *progress_prefetches())
    later = [programme_step(entry) for entry in project.current_po_entries()]
    later += [progress_step(entry) for entry in progress_timeline(project)]
    # Stable: within a day and a kind, each source keeps its own order.
    later.sort(key=lambda step: (step.date, SAME_DAY_ORDER[step.kind]))
    return steps + later


def trace_html(proposal):
    """The page's "Ce que devient cette proposition" section, or "" without a trace.

    The project's steps are listed inside the step where the proposal became that
    project: a project often began before the proposal, and its history reads as its
    own timeline rather than as steps out of date order.

    Everything it shows is content: any write bumps the generation (cms.cache) and
    the section is rendered again.
    """
    if not proposal.is_published:
        return ""

    def render():
        trace = proposal_trace(proposal)
        return render_to_string(
            "participation/includes/trace.html",
            {
                "proposal_steps": [s for s in trace if s.kind in PROPOSAL_KINDS],
                "project_steps": [s for s in trace if s.kind not in PROPOSAL_KINDS],
            },
        )

    html = generational.get_or_compute(
        f"participation:trace:{proposal.pk}",
        render,
        scopes=cache_policy.proposal_pages(proposal.consultation_id, proposal.pk),
    )
    return mark_safe(html)  # noqa: S308  (our template's output)
