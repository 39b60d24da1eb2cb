from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cms.roles import ReadOnlyPolicy

from .models import OutgoingEmail

register_permission_policy(OutgoingEmail, ReadOnlyPolicy(OutgoingEmail))


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Courriels envoyés")
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "subject",
        Column("recipients", label=_("destinataires")),
        Column("status", label=_("état"), accessor="get_status_display"),
        "attempts",
        DateColumn("created_at", label=_("créé le")),
        DateColumn("sent_at", label=_("envoyé le")),
        "last_error",
    ]
    list_filter = ["status"]
    search_fields = ["subject", "last_error"]
    inspect_view_fields = [
        "recipients",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
        "body",
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
