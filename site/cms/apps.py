from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site public")

    def ready(self):
        # Once the models are loaded: these connect receivers.
        from . import cache, images, signals  # noqa: F401
