from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MayorsConfig(AppConfig):
    name = "mayors"
    verbose_name = _("Conférence des Maires et intranet des élus")

    def ready(self):
        from accounts import gdpr

        from . import checks, deposits, notifications, programme, rules  # noqa: F401  (register checks, topics, permissions, receivers)

        gdpr.register(
            key="depots_en_mairie",
            label=_("Contributions saisies en mairie pour des habitant·es"),
            export=deposits.export_data,
            erase=deposits.erase_data,
        )
