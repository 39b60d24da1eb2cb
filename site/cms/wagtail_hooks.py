from datetime import timedelta

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from ops.jobs import ScheduledJob

from . import search
from .admin.viewsets import PublicSiteViewSetGroup

register_snippet(PublicSiteViewSetGroup)

# The site search's own groups, among the apps' (cms.hooks).
hooks.register("register_search_group", search.pages_group, order=10)
hooks.register("register_search_group", search.news_group, order=20)
hooks.register("register_search_group", search.documents_group, order=90)


@hooks.register("register_scheduled_jobs")
def scheduled_jobs():
    return [
        ScheduledJob(
            name="publish_scheduled",
            command="publish_scheduled",
            every=timedelta(minutes=1),
        )
    ]
