from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Conseil Participatif Citoyen")

    def ready(self):
        from accounts import dashboard, gdpr
        from cms.home import register_happening_now

        from . import account, checks, follow_up, notifications, receivers  # noqa: F401
        from .now import open_consultations

        register_happening_now(10, open_consultations)
        notifications.register_topics()
        gdpr.register(
            key="participation",
            label=_("Participation citoyenne"),
            export=account.export_data,
            erase=account.erase_data,
        )
        dashboard.register_section(
            "participation/account/contributions.html",
            account.dashboard_context,
            order=10,
        )
        self.register_search()

    def register_search(self):
        from cms.search import register_search_group, search_models

        from .models import ConsultationPage, Proposal

        def published_proposals(request, query):
            """Published proposals of live, public consultations only."""
            consultations = ConsultationPage.objects.live().public().values("pk")
            return search_models(
                Proposal.objects.published().filter(consultation_id__in=consultations),
                query,
            )

        register_search_group(
            40,
            "propositions",
            _("Propositions des habitant·es"),
            published_proposals,
            lambda proposals, request: [
                {
                    "title": proposal.public_title,
                    "url": proposal.get_absolute_url(),
                    "excerpt": proposal.easy_read or proposal.body,
                }
                for proposal in proposals
            ],
        )
