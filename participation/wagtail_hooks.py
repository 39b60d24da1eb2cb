from datetime import timedelta

from wagtail import hooks

from cms import cache as page_cache
from cms import cache_policy
from ops.jobs import ScheduledJob

from .admin.views import LateAnswersPanel
from .admin.viewsets import ModerationViewSet, ParticipationViewSetGroup
from .commune import commune_section
from .models import Proposal


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [ParticipationViewSetGroup(), ModerationViewSet()]


@hooks.register("construct_homepage_panels")
def add_late_answers_panel(request, panels):
    if request.user.has_perm("participation.moderate"):
        panels.append(LateAnswersPanel())


# The commune's consultations and what its residents proposed, on its page.
hooks.register("contrats_commune_sections", commune_section)


@hooks.register("register_scheduled_jobs")
def scheduled_jobs():
    """Openings are announced within a quarter of an hour; each one once."""
    return [
        ScheduledJob(
            name="announce_consultations",
            command="announce_consultations",
            every=timedelta(minutes=15),
        )
    ]


def proposal_page_scopes(kwargs):
    """A proposal's page shows its consultation (cms.cache_policy); a proposal never
    moves, so which one it is in is remembered for good."""
    consultation = page_cache.remembered(
        f"proposal-consultation:{kwargs['pk']}",
        lambda: (
            Proposal.objects.filter(pk=kwargs["pk"])
            .values_list("consultation_id", flat=True)
            .first()
        ),
    )
    if consultation is None:
        return cache_policy.EVERYTHING
    return cache_policy.proposal_pages(consultation, kwargs["pk"])


@hooks.register("register_cache_scopes")
def cache_scopes():
    return {"participation:proposal": proposal_page_scopes}
