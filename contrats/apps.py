from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContratsConfig(AppConfig):
    name = "contrats"
    verbose_name = _("Contrats et territoire")

    def ready(self):
        from .widgets import use_local_leaflet

        use_local_leaflet()
