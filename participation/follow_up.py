"""Who hears of each step of what became of a proposal, and of their commune's news.

The steps come from the models (an answer, a link to a project) and from contrats'
signals (a project registered, its status changed, a progress note, a Programme
Opérationnel adopted). Each step has a key: ``accounts.notifications.announce`` tells
each person of a key once, at once or in their weekly digest. Project steps are keyed
on the project, so someone who follows two proposals that became the same project,
or who follows one and lives in the project's commune, hears of each step once.
"""

from django.db.models import Exists, OuterRef, Q
from django.dispatch import receiver

from accounts.models import User
from accounts.notifications import absolute_url, announce
from contrats import signals as contrats_signals
from contrats.models import Commune, POEntry, Project

from . import signals
from .models.choices import Status
from .models.proposals import Proposal
from .notifications import COMMUNE_NEWS, NEW_CONSULTATION, PROGRESS


def project_followers(project):
    """Who wrote, supports or follows a published proposal that became ``project``."""
    linked = Q(project=project, status=Status.PUBLISHED)
    return User.objects.filter(
        Exists(Proposal.objects.filter(linked, author=OuterRef("pk")))
        | Exists(Proposal.objects.filter(linked, supports__user=OuterRef("pk")))
        | Exists(Proposal.objects.filter(linked, follows__user=OuterRef("pk")))
    )


def commune_residents(communes):
    """The residents of these communes who asked for their commune's news."""
    return User.objects.filter(
        participation_profile__commune__in=communes,
        **{f"notification_settings__{COMMUNE_NEWS}": True},
    )


def project_context(project, **extra):
    proposals = list(
        project.proposals.filter(status=Status.PUBLISHED)
        .order_by("created_at", "pk")
        .values_list("title", flat=True)
    )
    communes = list(
        project.communes.order_by("sort_name").values_list("name", flat=True)
    )
    return {
        "project": project,
        "proposals": proposals,
        "communes": communes,
        "url": absolute_url(project.get_absolute_url()) + "#avancement",
        **extra,
    }


def announce_project_step(project, key, template, **extra):
    """The followers of its proposals first, then the residents of its communes."""
    context = project_context(project, **extra)
    told = announce(project_followers(project), key, template, context, topic=PROGRESS)
    told += announce(
        commune_residents(project.communes.all()),
        key,
        template,
        context,
        topic=COMMUNE_NEWS,
    )
    return told


@receiver(signals.proposal_linked, sender=Proposal)
def proposal_became_a_project(sender, proposal, project, **kwargs):
    return announce(
        proposal.followers(),
        f"proposal:{proposal.pk}:project:{project.pk}",
        "participation/emails/progress_project",
        {
            "proposal": proposal,
            "project": project,
            "url": absolute_url(proposal.get_absolute_url()) + "#trace",
        },
        topic=PROGRESS,
    )


@receiver(contrats_signals.project_registered, sender=Project)
def project_registered(sender, project, **kwargs):
    """A new project is news for its communes (nobody follows it yet)."""
    context = project_context(project)
    return announce(
        commune_residents(project.communes.all()),
        f"project:{project.pk}:registered",
        "participation/emails/progress_registered",
        context,
        topic=COMMUNE_NEWS,
    )


@receiver(contrats_signals.project_status_changed, sender=Project)
def project_status_changed(sender, project, change, **kwargs):
    return announce_project_step(
        project,
        f"project:{project.pk}:status:{change.pk}",
        "participation/emails/progress_status",
        change=change,
    )


@receiver(contrats_signals.progress_note_published)
def progress_note_published(sender, note, **kwargs):
    return announce_project_step(
        note.project,
        f"project:{note.project_id}:note:{note.pk}",
        "participation/emails/progress_note",
        note=note,
    )


@receiver(contrats_signals.po_version_adopted)
def programme_adopted(sender, version, **kwargs):
    """Each project of the adopted version enters the programme of its year once: an
    avenant tells only of the projects it adds."""
    programme = version.po
    entries = POEntry.objects.filter(version=version).select_related("project")
    told = 0
    for entry in entries:
        told += announce_project_step(
            entry.project,
            f"project:{entry.project_id}:programme:{programme.pk}",
            "participation/emails/progress_programme",
            entry=entry,
            programme=programme,
            programme_url=absolute_url(programme.get_absolute_url()),
        )
    return told


def consultation_opened(consultation):
    """Who asked for every new consultation, then the residents of the communes it
    names (all the PETR's when it names none)."""
    key = f"consultation:{consultation.pk}:opened"
    template = "participation/emails/consultation_opened"
    context = {"consultation": consultation, "url": consultation.full_url}
    keen = User.objects.filter(**{f"notification_settings__{NEW_CONSULTATION}": True})
    told = announce(keen, key, template, context, topic=NEW_CONSULTATION)
    communes = consultation.communes.all()
    if not communes.exists():
        communes = Commune.objects.in_petr()
    told += announce(
        commune_residents(communes), key, template, context, topic=COMMUNE_NEWS
    )
    return told
