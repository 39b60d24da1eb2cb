import datetime

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager
from wagtail.search import index

from .. import cache_policy, generational, images
from ..blocks import BodyBlock
from ..pagination import paginate
from ..restrictions import PublicPageQuerySet, public
from .base import BasePage, RelatedPageLink, live_related_pages


class NewsCategory(models.Model):
    """A theme news articles are filed under (snippet)."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant d’adresse"), max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("catégorie d’actualité")
        verbose_name_plural = _("catégories d’actualités")

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPageQuerySet(PublicPageQuerySet):
    def for_listing(self, request=None):
        """Published articles, newest first, with what a card shows in a fixed number of queries."""
        return (
            self.live()
            .public(request)
            .defer_streamfields()
            .select_related("image")
            .prefetch_related(
                "categories", images.prefetch_image_renditions("image", images.CARD)
            )
            .order_by("-date", "-pk")
        )


class NewsIndexPage(BasePage):
    """The list of news articles, ten a page, filterable by category."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("index des actualités")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = NewsPage.objects.child_of(self).for_listing(request)
        categories = generational.get_or_compute(
            "news-categories",
            lambda: list(NewsCategory.objects.all()),
            scopes=cache_policy.ONLY_CONTENT,
        )
        category = next(
            (c for c in categories if c.slug == request.GET.get("categorie")), None
        )
        if category is not None:
            articles = articles.filter(categories=category)
        context["categories"] = categories
        context["current_category"] = category
        context["articles"] = paginate(
            request, articles, count=None if category else self.count_articles(request)
        )
        return context

    def count_articles(self, request=None):
        """The number of public articles of the list, once per content generation.

        Children of this page of the article type, live and public: the same rows as
        the list, counted on the page table alone (no join with the articles table).
        """
        return generational.get_or_compute(
            f"news-count:{self.pk}",
            lambda: public(
                Page.objects.child_of(self).live().type(NewsPage).order_by(), request
            ).count(),
            scopes=cache_policy.ONLY_CONTENT,
        )


class NewsPage(BasePage):
    """A news article."""

    date = models.DateField(_("date de publication"), default=datetime.date.today)
    summary = models.TextField(
        _("chapô"),
        max_length=500,
        help_text=_("Résumé affiché dans les listes et les flux RSS."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("catégories"), blank=True, related_name="pages"
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag, verbose_name=_("mots-clés"), blank=True
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("summary"), FieldPanel("image")],
            heading=_("Présentation"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Classement"),
        ),
        InlinePanel("related_pages", label=_("Pages liées")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("categories", [index.SearchField("name")]),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
        indexes = [
            # Lists are ordered newest first: read in index order, not sorted.
            models.Index(fields=["-date", "-page_ptr"], name="cms_news_date_desc_idx")
        ]

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_social_image(self):
        return self.search_image or self.image

    def rendition_requirements(self):
        yield from super().rendition_requirements()
        if self.image_id:
            yield self.image, [images.CARD, images.ARTICLE, images.SOCIAL]

    @property
    def published_at(self):
        """The article's date as an aware datetime, for the feeds."""
        return timezone.make_aware(
            datetime.datetime.combine(self.date, datetime.time(9, 0))
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.image_id:
            # One query for the image and the renditions the template and the meta use.
            self.image = (
                get_image_model()
                .objects.prefetch_renditions(images.ARTICLE, images.SOCIAL)
                .filter(pk=self.image_id)
                .first()
            )
        context["related_pages"] = live_related_pages(self.related_pages)
        context["article_categories"] = list(self.categories.all())
        context["article_tags"] = list(self.tags.all())
        return context


class NewsRelatedPage(RelatedPageLink):
    source = ParentalKey(
        NewsPage, related_name="related_pages", on_delete=models.CASCADE
    )
