from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Conseil Participatif Citoyen")

    def ready(self):
        from accounts import dashboard, gdpr

        from . import account, checks, follow_up, notifications, signals  # noqa: F401

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
