from datetime import timedelta

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ops.jobs import ScheduledJob

from .models import NewsCategory, NoticeBanner


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


class PublicSiteViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Site public")
    menu_icon = "site"
    menu_order = 250
    items = (NewsCategoryViewSet, NoticeBannerViewSet)


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
