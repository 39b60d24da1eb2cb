from datetime import timedelta

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from ops.jobs import ScheduledJob

from .admin.viewsets import PublicSiteViewSetGroup

register_snippet(PublicSiteViewSetGroup)


@hooks.register("register_scheduled_jobs")
def scheduled_jobs():
    return [
        ScheduledJob(
            name="publish_scheduled",
            command="publish_scheduled",
            every=timedelta(minutes=1),
        )
    ]
