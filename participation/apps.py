from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Conseil Participatif Citoyen")

    def ready(self):
        # Once the models are loaded: these modules query them or connect receivers.
        from . import checks, follow_up, receivers  # noqa: F401
