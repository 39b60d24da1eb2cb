"""The admin menus of cms: the public site's snippets, and the screens for records the
application writes itself (job runs, the outbox)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets import base, chooser, model
from wagtail.snippets.views import snippets

from ..models import NewsCategory, NoticeBanner
from .exports import SafeIndexView
from .refusals import ExplainedRefusals


class ViewSet(ExplainedRefusals, base.ViewSet):
    """The base of an app's own admin screens (a desk, a dashboard): refusals answered
    with their reason (``cms.admin.refusals``)."""


class ModelViewSet(ExplainedRefusals, model.ModelViewSet):
    """The base of every app's admin listings: their exports go through the one safe
    path (``cms.exports``), and refusals are answered with their reason."""

    index_view_class = SafeIndexView


class ChooserViewSet(ExplainedRefusals, chooser.ChooserViewSet):
    """A chooser's modal views, refusing like every other admin screen."""


class SnippetViewSet(ExplainedRefusals, snippets.SnippetViewSet):
    """Snippets, refusing like every other admin screen of the project."""


class RecordViewSet(ModelViewSet):
    """A list and a detail under Paramètres: nothing to add, edit or delete by hand.

    Pair it with ``cms.roles.ReadOnlyPolicy`` so that no group permission opens more."""

    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def register_admin_url_finder(self):
        """No edit view to point the admin's links at."""

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<str:pk>/", self.inspect_view, name="inspect"),
        ]


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("Catégories d’actualités")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class NoticeBannerViewSet(SnippetViewSet):
    model = NoticeBanner
    icon = "warning"
    menu_label = _("Bandeaux d’information")
    list_display = ["text", "level", "starts_at", "ends_at"]
    list_filter = ["level"]


class PublicSiteViewSetGroup(snippets.SnippetViewSetGroup):
    menu_label = _("Site public")
    menu_icon = "site"
    menu_order = 250
    items = (NewsCategoryViewSet, NoticeBannerViewSet)
