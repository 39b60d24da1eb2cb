from datetime import timedelta

from wagtail import hooks

from ops.jobs import ScheduledJob

from .admin.viewsets import OutgoingEmailViewSet


@hooks.register("register_scheduled_jobs")
def scheduled_jobs():
    """E-mails that failed are tried again as soon as their delay is over."""
    return [
        ScheduledJob(
            name="send_waiting_emails",
            command="send_waiting_emails",
            every=timedelta(minutes=1),
        )
    ]


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutgoingEmailViewSet("outbox")
