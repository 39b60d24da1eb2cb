"""Admin screens for records the application writes itself (job runs, the outbox)."""

from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet


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
