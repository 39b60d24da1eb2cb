from datetime import timedelta

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.dashboard import DashboardSection
from accounts.gdpr import Section
from cms import cache as page_cache
from cms import cache_policy
from ops.jobs import ScheduledJob

from . import account, charter, notifications, search
from .admin.views import LateAnswersPanel
from .admin.viewsets import ModerationViewSet, ParticipationViewSetGroup
from .commune import commune_section
from .models import ParticipantProfile, Proposal
from .now import consultations_index, open_consultations


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [ParticipationViewSetGroup(), ModerationViewSet()]


@hooks.register("construct_homepage_panels")
def add_late_answers_panel(request, panels):
    if request.user.has_perm("participation.moderate"):
        panels.append(LateAnswersPanel())


# The commune's consultations and what its residents proposed, on its page.
hooks.register("register_commune_section", commune_section)


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


def open_data_scopes(kwargs):
    return cache_policy.consultation_pages(kwargs["pk"])


@hooks.register("register_cache_scopes")
def cache_scopes():
    return {
        "participation:proposal": proposal_page_scopes,
        "participation:open_data_json": open_data_scopes,
        "participation:open_data_csv": open_data_scopes,
    }


@hooks.register("register_page_cache_scopes")
def page_cache_scopes():
    return {
        "participation.consultationindexpage": (
            cache_policy.CONTENT,
            cache_policy.PARTICIPATION,
        ),
        "participation.consultationpage": lambda page: cache_policy.consultation_pages(
            page.pk
        ),
    }


@hooks.register("register_write_cache_scopes")
def write_cache_scopes():
    """The settings choose the charter, linked from every page's footer."""
    return {
        "participation": cache_policy.PARTICIPATION,
        "participation_participationsettings": cache_policy.CONTENT,
    }


# --- what the foundation (cms, accounts) shows of participation (cms.hooks) -----------

hooks.register("register_happening_now", open_consultations, order=10)
hooks.register("register_home_index_page", consultations_index, order=20)
hooks.register("register_search_group", search.proposals, order=40)
hooks.register("register_footer_links", charter.footer_links)


@hooks.register("register_site_related")
def participation_settings():
    """The charter is read with every page's chrome."""
    return [charter.SITE_RELATED]


hooks.register("register_notification_topics", notifications.topics)


@hooks.register("register_gdpr_section")
def personal_data():
    return Section(
        key="participation",
        label=_("Participation citoyenne"),
        export=account.export_data,
        erase=account.erase_data,
    )


@hooks.register("register_dashboard_section", order=10)
def contributions_section():
    return DashboardSection(
        "participation/account/contributions.html", account.dashboard_context
    )


@hooks.register("register_dashboard_section")
def blocked_notice():
    return DashboardSection(
        "participation/account/blocked_notice.html",
        account.profile_context,
        region="notices",
    )


@hooks.register("register_dashboard_section")
def commune_fact():
    return DashboardSection(
        "participation/account/profile_facts.html",
        account.profile_context,
        region="profile",
    )


@hooks.register("register_account_fields")
def resident_fields():
    return account.ResidentFields()


@hooks.register("register_user_related")
def participant_profile():
    """Read with the account: checking a block on ``request.user`` costs no query."""
    return ["participation_profile"]


@hooks.register("register_contribution_bar")
def blocked_by_moderation(user):
    return ParticipantProfile.of(user).contribution_blocked
