from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cms.roles import ReadOnlyPolicy

from .models import JobRun

register_permission_policy(JobRun, ReadOnlyPolicy(JobRun))


class JobRunViewSet(ModelViewSet):
    model = JobRun
    icon = "time"
    menu_label = _("Tâches planifiées")
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "job",
        DateColumn("slot", label=_("échéance")),
        Column("status", label=_("état"), accessor="get_status_display"),
        DateColumn("started_at", label=_("début")),
        DateColumn("finished_at", label=_("fin")),
        "host",
    ]
    list_filter = ["status", "job"]
    search_fields = ["job", "output"]
    inspect_view_fields = [
        "job",
        "slot",
        "status",
        "started_at",
        "finished_at",
        "host",
        "output",
    ]

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
        """Only the list and the detail: nothing to add, edit or delete by hand."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<str:pk>/", self.inspect_view, name="inspect"),
        ]
