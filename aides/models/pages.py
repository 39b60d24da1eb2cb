"""« Quelles aides pour mon projet ? »: a page type, so that editors place it in the menu."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.models import BasePage

from ..finder import finder_context


class AidFinderPage(BasePage):
    """Four questions, the matching schemes and an example financing plan: the
    presenter (``aides.finder``) computes, the page holds the editors' text."""

    introduction = models.TextField(_("introduction"), blank=True)
    guidance = RichTextField(_("texte après les résultats"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("guidance"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("guidance"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1
    template = "aides/aid_finder_page.html"

    class Meta:
        verbose_name = _("page « Quelles aides pour mon projet ? »")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(finder_context(request))
        return context
