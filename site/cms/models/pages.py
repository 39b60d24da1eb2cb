from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .. import cache_policy, generational, home, restrictions
from ..blocks import BodyBlock
from ..restrictions import public
from .base import BasePage, route_by_url_path
from .events import EventIndexPage, EventPage
from .news import NewsIndexPage, NewsPage

EDITORIAL_PARENTS = ["cms.HomePage", "cms.StandardPage"]


class HomePage(BasePage):
    """The PETR's front door: key figures, latest news, agenda and the ways in.

    Its children are left open: each app's index page declares the home page among
    its own ``parent_page_types``, and its card of « Accès rapides » through the
    ``register_quick_access`` hook (``cms.home``).
    """

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d’accueil")

    def route(self, request, path_components):
        result = None
        if path_components:
            result = route_by_url_path(self, request, path_components)
        if result is None:
            result = super().route(request, path_components)
        # Wagtail checks the page's view restrictions next: from what this request read.
        result[0]._cms_restrictions = restrictions.paths(request)
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["key_figures"] = home.get_key_figures()
        links = self.get_index_links(request)
        context.update(links)
        context["quick_accesses"] = [
            home.QuickAccess(
                card.key,
                links[card.key]["title"],
                links[card.key]["url"],
                links[card.key]["text"] or str(card.default_text),
            )
            for card in home.home_index_pages()
            if card.key in links
        ] + home.quick_accesses(self, request)
        more_urls = {name: link["url"] for name, link in links.items()}
        more_urls.update(
            (access.key, access.url) for access in context["quick_accesses"]
        )
        context["happening_now"] = [
            {**block, "more_url": more_urls.get(block.get("more"), "")}
            for block in home.happening_now(request)
        ]
        context["latest_news"] = NewsPage.objects.for_listing(request)[:3]
        context["upcoming_events"] = EventPage.objects.for_listing(request).upcoming()[
            :3
        ]
        return context

    def get_index_links(self, request):
        """``get_index_pages()`` as ``{"title", "url", "text"}`` links, once per
        content generation."""
        version = home.providers_version(home.HOME_INDEX_PAGE_HOOK)
        return generational.get_or_compute(
            f"home-links:{self.pk}:{version}",
            lambda: {
                name: {
                    "title": page.title,
                    "url": page.get_url(request),
                    "text": page.card_text or "",
                }
                for name, page in self.get_index_pages().items()
            },
            scopes=cache_policy.ONLY_CONTENT,
        )

    def get_index_pages(self):
        """The first live page of each index type below the home page, in tree order,
        in one query: ``news_index`` and ``event_index`` for the "see all" links, and
        the apps' (``register_home_index_page``) with their card's text as
        ``card_text``."""
        for_model = ContentType.objects.get_for_model
        index_types = {
            for_model(NewsIndexPage).pk: "news_index",
            for_model(EventIndexPage).pk: "event_index",
        }
        texts = []
        for card in home.home_index_pages():
            index_types[for_model(card.page_type).pk] = card.key
            texts.append(
                Subquery(
                    card.page_type.objects.filter(pk=OuterRef("pk")).values(
                        card.text_field
                    )[:1]
                )
            )
        condition = Q(
            live=True, content_type__in=index_types
        ) & Page.objects.descendant_of_q(self)
        found = {}
        pages = (
            Page.objects.filter(condition)
            .annotate(card_text=Coalesce(*texts, Value("")) if texts else Value(""))
            .only(
                "id",
                "title",
                "path",
                "depth",
                "url_path",
                "locale",
                "live",
                "content_type",
            )
            .order_by("-path")
        )
        for page in pages:
            found[index_types[page.content_type_id]] = page
        return found


class StandardPage(BasePage):
    """A page of editorial content."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

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

    parent_page_types = EDITORIAL_PARENTS
    subpage_types = [
        "cms.StandardPage",
        "cms.ContactPage",
        "cms.SitemapPage",
        "cms.NewsIndexPage",
        "cms.EventIndexPage",
    ]

    class Meta:
        verbose_name = _("page standard")


class SitemapPage(BasePage):
    """The "plan du site": the published page tree, read in one query."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = EDITORIAL_PARENTS
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("plan du site")

    def get_tree(self, request):
        """Nested ``{"page", "url", "children"}`` nodes below the site root.

        News articles and events are left out: their index pages stand for them.
        """
        site_root = self.get_site().root_page
        pages = (
            public(Page.objects.live(), request)
            .descendant_of(site_root, inclusive=True)
            .not_type(NewsPage, EventPage)
            .only("id", "title", "path", "depth", "url_path", "slug", "locale")
            .order_by("path")
        )
        nodes_by_path = {}
        roots = []
        for page in pages:
            node = {"page": page, "url": page.get_url(request), "children": []}
            parent = nodes_by_path.get(page.path[: -Page.steplen])
            (parent["children"] if parent else roots).append(node)
            nodes_by_path[page.path] = node
        return roots

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tree"] = self.get_tree(request)
        return context
