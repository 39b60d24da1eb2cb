from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import register_permission_policy

from cms.admin.viewsets import RecordViewSet
from cms.roles import ReadOnlyPolicy

from ..models import JobRun

register_permission_policy(JobRun, ReadOnlyPolicy(JobRun))


class JobRunViewSet(RecordViewSet):
    model = JobRun
    icon = "time"
    menu_label = _("Tâches planifiées")
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
