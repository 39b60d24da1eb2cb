from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContratsConfig(AppConfig):
    name = "contrats"
    verbose_name = _("Contrats et territoire")

    def ready(self):
        from .widgets import use_local_leaflet

        use_local_leaflet()
        self.register_search()

    def register_search(self):
        from cms.search import register_search_group, search_models

        from .models import Project

        register_search_group(
            30,
            "projets",
            _("Projets"),
            lambda request, query: search_models(Project.objects.all(), query),
            lambda projects, request: [
                {
                    "title": project.title,
                    "url": project.get_absolute_url(),
                    "excerpt": project.summary,
                }
                for project in projects
            ],
        )
