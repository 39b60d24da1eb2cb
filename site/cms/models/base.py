from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page, PageViewRestriction

from .. import cache, cache_policy, images, restrictions


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
            cached = cache.get_cached_response(
                request, scopes=cache_policy.page_scopes(self)
            )
            if cached is not None:
                return cached
        response = super().serve(request, *args, **kwargs)
        if self.cache_anonymous:
            cache.store_response(request, response)
        return response

    def get_view_restrictions(self):
        """Wagtail's lookup (two queries) only when a restricted section may contain the page."""
        if not restrictions.may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

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


def _uses_default_routing(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model is not None and model.route is Page.route


def route_by_url_path(root, request, path_components):
    """Wagtail's routing below ``root``, resolved with one query instead of two a level.

    Wagtail walks the path a level at a time (the child by slug, then its specific
    page). Pages store their ``url_path``: every page along the path is read at once,
    the deepest one is loaded as its specific type and routes what remains of the path
    (a routable page's sub-URL, or nothing). When a page on the way routes its
    children itself, Wagtail's own walk is used. The pages above the result are kept
    on it for the breadcrumbs (``_cms_ancestors``).
    """
    prefixes = []
    url_path = root.url_path
    for component in path_components:
        url_path = f"{url_path}{component}/"
        prefixes.append(url_path)
    found = {
        page.url_path: page
        for page in Page.objects.filter(
            # The slugs let the database use their index (url_path has none).
            url_path__in=prefixes,
            slug__in=set(path_components),
            path__startswith=root.path,
        ).order_by()
    }
    chain = []
    for prefix in prefixes:
        if prefix not in found:
            break
        chain.append(found[prefix])
    if not chain:
        raise Http404
    if not all(_uses_default_routing(page.content_type_id) for page in chain[:-1]):
        return None
    deepest = chain[-1]
    model = ContentType.objects.get_for_id(deepest.content_type_id).model_class()
    if model is None:
        return None
    try:
        target = model._default_manager.get(pk=deepest.pk)
    except model.DoesNotExist:
        return None
    ancestors = [root, *chain[:-1]]
    target._cached_parent_obj = ancestors[-1]
    target._cms_ancestors = ancestors
    return target.route(request, path_components[len(chain) :])
