"""The admin's project chooser, for forms of other apps that point at a project.

Registered by ``wagtail_hooks``; a form uses ``project_chooser_viewset.widget_class``.
"""

from django.utils.translation import gettext_lazy as _

from cms.admin.viewsets import ChooserViewSet

from ..models import Project


class ProjectChooserViewSet(ChooserViewSet):
    """Choose one project among thousands by searching its title (a modal, not a select)."""

    model = Project
    icon = "site"
    choose_one_text = _("Choisir un projet")
    choose_another_text = _("Choisir un autre projet")
    page_title = _("Choisir un projet")
    url_prefix = "contrats/choisir-un-projet"
    per_page = 20
    # Only where a form asks for it: the PO versions' entries keep their own field.
    register_widget = False


project_chooser_viewset = ProjectChooserViewSet("contrats_project_chooser")
