from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import register_permission_policy

from cms.admin.viewsets import RecordViewSet
from cms.roles import ReadOnlyPolicy

from ..models import OutgoingEmail

register_permission_policy(OutgoingEmail, ReadOnlyPolicy(OutgoingEmail))


class OutgoingEmailViewSet(RecordViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Courriels envoyés")
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
