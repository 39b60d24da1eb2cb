from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MayorsConfig(AppConfig):
    name = "mayors"
    verbose_name = _("Conférence des Maires et intranet des élus")

    def ready(self):
        from . import checks, programme, rules  # noqa: F401  (register checks, permissions, receivers)
