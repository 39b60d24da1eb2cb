from datetime import timedelta

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from ops.jobs import ScheduledJob

from . import admin_views
from .commune import commune_section
from .models import ConsultationPage
from .viewsets import ParticipationViewSetGroup


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ParticipationViewSetGroup()


moderation_urls = (
    [
        path("", admin_views.ModerationQueueView.as_view(), name="queue"),
        path(
            "reexamen/<int:pk>/",
            admin_views.AppealDecisionView.as_view(),
            name="appeal",
        ),
        path(
            "<str:kind>/<int:pk>/",
            admin_views.DecisionView.as_view(),
            name="decide",
        ),
        path(
            "participant/<int:pk>/bloquer/",
            admin_views.BlockView.as_view(),
            name="block",
        ),
    ],
    "participation_moderation",
)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("moderation/", include(moderation_urls))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("participation.moderate")


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorMenuItem(
        _("File de modération"),
        reverse("participation_moderation:queue"),
        icon_name="warning",
        order=290,
    )


class LateAnswersPanel(Component):
    """Consultations whose promised day is over with proposals still unanswered."""

    name = "late_answers"
    template_name = "participation/admin/late_answers_panel.html"
    order = 140

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["consultations"] = list(
            ConsultationPage.with_late_answers().only(
                "pk", "title", "answers_promised_by"
            )
        )
        return context


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
    from cms import cache as page_cache
    from cms import cache_policy

    from .models import Proposal

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
