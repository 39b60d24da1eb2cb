from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContratsConfig(AppConfig):
    name = "contrats"
    verbose_name = _("Contrats et territoire")

    def ready(self):
        from .widgets import use_local_leaflet

        use_local_leaflet()
        self.register_key_figures()
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

    def register_key_figures(self):
        try:
            from cms.home import register_key_figure
        except ImportError:
            return
        from .figures import key_figure_funding, key_figure_projects

        register_key_figure(30, key_figure_projects)
        register_key_figure(31, key_figure_funding)
