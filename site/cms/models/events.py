from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from ..blocks import BodyBlock
from ..pagination import paginate
from ..restrictions import PublicPageQuerySet
from .base import BasePage, RelatedPageLink, live_related_pages


class Organiser(models.TextChoices):
    """Who holds the meeting: the PETR's governance bodies publish their meetings here."""

    PETR = "petr", _("PETR Grand Quercy")
    COPIL_CRTE = "copil_crte", _("Comité de pilotage du CRTE")
    CONFERENCE_DES_MAIRES = "conference_maires", _("Conférence des Maires")
    CONSEIL_PARTICIPATIF = "conseil_participatif", _("Conseil Participatif Citoyen")
    PARTENAIRE = "partenaire", _("Partenaire du Grand Quercy")


class EventPageQuerySet(PublicPageQuerySet):
    def for_listing(self, request=None):
        return self.live().public(request).defer_streamfields()

    def upcoming(self, now=None):
        """Events not over yet, soonest first."""
        now = now or timezone.now()
        return self.filter(
            Q(end__gte=now) | Q(end__isnull=True, start__gte=now)
        ).order_by("start", "pk")

    def past(self, now=None):
        """Events already over, most recent first."""
        now = now or timezone.now()
        return self.filter(
            Q(end__lt=now) | Q(end__isnull=True, start__lt=now)
        ).order_by("-start", "-pk")


class EventIndexPage(BasePage):
    """The agenda: upcoming events, and the past ones on a second tab."""

    PAST = "passes"

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.EventPage"]

    class Meta:
        verbose_name = _("agenda")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        show_past = request.GET.get("periode") == self.PAST
        events = EventPage.objects.child_of(self).for_listing(request)
        events = events.past() if show_past else events.upcoming()
        context["show_past"] = show_past
        context["events"] = paginate(request, events)
        return context


class EventPage(BasePage):
    """A meeting or event, exported in the agenda's iCal feed."""

    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"), null=True, blank=True)
    place = models.CharField(_("lieu"), max_length=255)
    organiser = models.CharField(
        _("organisateur"),
        max_length=30,
        choices=Organiser.choices,
        default=Organiser.PETR,
    )
    summary = models.TextField(_("résumé"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("place"),
                FieldPanel("organiser"),
                FieldPanel("summary"),
            ],
            heading=_("Date, lieu et organisateur"),
        ),
        FieldPanel("body"),
        InlinePanel("related_pages", label=_("Pages liées")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("place"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("organiser"),
    ]

    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("La fin doit être postérieure au début.")})

    def get_meta_description(self):
        return self.search_description or self.summary

    @property
    def is_past(self):
        return (self.end or self.start) < timezone.now()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_pages"] = live_related_pages(self.related_pages)
        return context


class EventRelatedPage(RelatedPageLink):
    source = ParentalKey(
        EventPage, related_name="related_pages", on_delete=models.CASCADE
    )
