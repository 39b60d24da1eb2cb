from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page

from .. import cache, images


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

    def get_meta_description(self):
        return self.search_description or getattr(self, "introduction", "") or ""

    def get_social_image(self):
        return self.search_image

    def rendition_requirements(self):
        """(image, filter specs) pairs the templates of this page will display.

        Renditions are generated on publish from this list, so that a public request
        only ever reads existing renditions.
        """
        if self.search_image_id:
            yield self.search_image, [images.SOCIAL]
        body = getattr(self, "body", None)
        if body:
            for image in images.images_in_stream(body):
                yield image, [images.BODY]


class RelatedPageLink(Orderable):
    """A link from a page to another page of the site ("À lire aussi")."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page liée"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("page liée")
        verbose_name_plural = _("pages liées")


def live_related_pages(links):
    """The live targets of a page's related links, in the editor's order, one query."""
    return [
        link.page
        for link in links.filter(page__live=True).select_related("page")
        if link.page is not None
    ]
