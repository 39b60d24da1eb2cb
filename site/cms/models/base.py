from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from . import cache


class BasePage(Page):
    """Every public page: social metadata, and the anonymous page cache."""

    search_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de partage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Image affichée quand la page est partagée sur les réseaux sociaux."
        ),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("search_image")]

    cache_anonymous = True

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        if self.cache_anonymous:
            cached = cache.get_cached_response(request)
            if cached is not None:
                return cached
        response = super().serve(request, *args, **kwargs)
        if self.cache_anonymous:
            cache.store_response(request, response)
        return response


class HomePage(BasePage):
    """The PETR's front door: key figures, latest news and the ways in."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d’accueil")


class StandardPage(BasePage):
    """A page of editorial content."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("contenu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("page standard")
