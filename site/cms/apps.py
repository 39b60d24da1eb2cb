from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site public")

    def ready(self):
        # Once the models are loaded: these connect receivers and register the
        # search groups, which query the models.
        from . import cache, images, search, signals  # noqa: F401

        search.register_cms_groups()
