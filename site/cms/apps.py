from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site public")

    def ready(self):
        from . import cache, images, signals  # noqa: F401  (connect their receivers)
        from .search import register_cms_groups

        register_cms_groups()
