from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Conseil Participatif Citoyen")

    def ready(self):
        from accounts import dashboard, gdpr
        from cms.home import register_happening_now

        # Once the models are loaded: these modules query them or connect receivers.
        from . import account, checks, follow_up, notifications, now, receivers, search  # noqa: F401

        register_happening_now(10, now.open_consultations)
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
        search.register()
