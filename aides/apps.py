from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidesConfig(AppConfig):
    name = "aides"
    verbose_name = _("Aides et financements")
