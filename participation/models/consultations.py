"""Consultation pages: what residents are asked, when, and what they may do.

What the pages show (cards, threads, cached fragments, synthesis) is computed by the
presenters of ``participation.pages``; the models keep fields, panels and rules.
"""

import datetime
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms import cache_policy, images
from cms.models import BasePage

from .. import phases
from ..follow_up import consultation_opened
from ..pages import fragments, synthesis
from .comments import Comment
from .proposals import Proposal

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def today_in_paris():
    return timezone.localdate(timezone=PARIS)


def answers_late(promised_by):
    """Answers promised for ``promised_by`` are late once that day is over in Paris."""
    return promised_by is not None and promised_by < today_in_paris()


class ModerationMode(models.TextChoices):
    AFTER = "after", _("a posteriori (publication immédiate, modération ensuite)")
    BEFORE = "before", _("a priori (publication après validation)")


class ConsultationPage(BasePage):
    """One consultation: its text, its calendar, its options, and the contributions."""

    summary = models.TextField(
        _("résumé"),
        max_length=600,
        help_text=_("Deux ou trois phrases en français simple."),
    )
    easy_read = models.TextField(
        _("en bref (facile à lire)"),
        max_length=600,
        blank=True,
        help_text=_(
            "Facultatif, affiché en premier dans un encadré « En bref » et sur "
            "l’affiche : une idée par phrase, des phrases courtes, des mots de tous "
            "les jours, sans sigle ni abréviation ; dites ce qu’on demande aux "
            "habitant·es et jusqu’à quand."
        ),
    )
    body = RichTextField(_("présentation"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    theme = models.CharField(_("thème"), max_length=80, blank=True)
    contract = models.ForeignKey(
        "contrats.ContractPage",
        verbose_name=_("contrat concerné"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    measure = models.ForeignKey(
        "contrats.Mesure",
        verbose_name=_("mesure concernée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    communes = ParentalManyToManyField(
        "contrats.Commune",
        verbose_name=_("communes concernées"),
        blank=True,
        related_name="consultations",
    )

    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    results_published_at = models.DateTimeField(
        _("publication des résultats"),
        null=True,
        blank=True,
        help_text=_(
            "Laisser vide tant que les réponses ne sont pas prêtes ; la synthèse "
            "apparaît à cette date, une fois la consultation clôturée."
        ),
    )
    answers_promised_by = models.DateField(
        _("réponses promises pour le"),
        null=True,
        blank=True,
        help_text=_(
            "La date à laquelle chaque proposition aura sa réponse officielle ; "
            "laissée vide, elle est fixée à %(days)s jours après la clôture."
        )
        % {"days": settings.PARTICIPATION_ANSWER_DELAY_DAYS},
    )

    allow_proposals = models.BooleanField(
        _("les habitant·es peuvent déposer des propositions"), default=True
    )
    allow_comments = models.BooleanField(_("commentaires ouverts"), default=True)
    allow_supports = models.BooleanField(_("soutiens ouverts"), default=True)
    moderation_mode = models.CharField(
        _("modération"),
        max_length=10,
        choices=ModerationMode.choices,
        default=ModerationMode.AFTER,
    )
    max_body_length = models.PositiveIntegerField(
        _("longueur maximale d’un texte (caractères)"),
        default=2000,
        validators=[MinValueValidator(200), MaxValueValidator(10000)],
    )
    max_proposals_per_person = models.PositiveIntegerField(
        _("propositions par personne au maximum"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("easy_read"),
        FieldPanel("body"),
        FieldPanel("image"),
        FieldPanel("theme"),
        InlinePanel("documents", label=_("Documents")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel(
                    [
                        FieldPanel("results_published_at"),
                        FieldPanel("answers_promised_by"),
                    ]
                ),
            ],
            heading=_("Calendrier"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("allow_proposals"),
                FieldPanel("allow_comments"),
                FieldPanel("allow_supports"),
                FieldPanel("moderation_mode"),
                FieldRowPanel(
                    [
                        FieldPanel("max_body_length"),
                        FieldPanel("max_proposals_per_person"),
                    ]
                ),
            ],
            heading=_("Participation"),
        ),
        InlinePanel("categories", label=_("Catégories de propositions")),
        MultiFieldPanel(
            [
                FieldPanel("contract"),
                FieldPanel("measure"),
                FieldPanel("communes"),
            ],
            heading=_("Liens avec le territoire"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("theme"),
        index.FilterField("opens_at"),
    ]

    parent_page_types = ["participation.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def save(self, *args, **kwargs):
        """Every consultation states by when its answers are promised."""
        if self.answers_promised_by is None and self.closes_at is not None:
            self.answers_promised_by = timezone.localdate(
                self.closes_at
            ) + datetime.timedelta(days=settings.PARTICIPATION_ANSWER_DELAY_DAYS)
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("La clôture doit suivre l’ouverture.")}
            )
        if (
            self.results_published_at
            and self.closes_at
            and self.results_published_at < self.closes_at
        ):
            raise ValidationError(
                {
                    "results_published_at": _(
                        "Les résultats ne peuvent être publiés qu’après la clôture."
                    )
                }
            )

    def rendition_requirements(self):
        """The body is rich text, not a stream: only the share image and the main image."""
        if self.search_image_id:
            yield self.search_image, [images.SOCIAL]
        if self.image_id:
            yield self.image, [images.ARTICLE]

    def get_social_image(self):
        return self.search_image or self.image

    def get_meta_description(self):
        return self.search_description or self.summary

    # --- phases -----------------------------------------------------------------

    @property
    def phase(self):
        return phases.phase_at(
            self.opens_at, self.closes_at, self.results_published_at, timezone.now()
        )

    @property
    def state(self):
        return self.phase.state

    @property
    def is_open(self):
        return self.state == phases.State.OPEN

    @property
    def is_closed(self):
        """Closed, results published or not: contributions no longer change."""
        return self.state in (phases.State.CLOSED, phases.State.RESULTS)

    @property
    def results_published(self):
        return self.state == phases.State.RESULTS

    def allows(self, feature):
        """Whether the phase and the options allow a feature right now."""
        if feature not in self.phase.allows:
            return False
        option = {
            phases.PROPOSE: self.allow_proposals,
            phases.COMMENT: self.allow_comments,
            phases.SUPPORT: self.allow_supports,
        }.get(feature, True)
        return option

    @property
    def pre_moderated(self):
        return self.moderation_mode == ModerationMode.BEFORE

    def next_state_change(self):
        """When a page showing this consultation's state becomes wrong, or None.

        The end of the promised day counts too: past it, unanswered proposals are late.
        """
        return cache_policy.next_moment(
            self.opens_at,
            self.closes_at,
            self.results_published_at,
            self.answers_deadline(),
        )

    # --- answers promised, answers late ----------------------------------------------

    def answers_deadline(self):
        """The end of the promised day: midnight in Europe/Paris, whatever the server's zone."""
        if self.answers_promised_by is None:
            return None
        next_day = self.answers_promised_by + datetime.timedelta(days=1)
        return datetime.datetime.combine(next_day, datetime.time.min, tzinfo=PARIS)

    @property
    def answers_are_late(self):
        """The promised day is over: every published proposal should have its answer."""
        return answers_late(self.answers_promised_by)

    @classmethod
    def with_late_answers(cls):
        """Live consultations past their promised day, with ``unanswered`` proposals."""
        waiting = (
            Proposal.objects.awaiting_answer()
            .filter(consultation=OuterRef("pk"))
            .order_by()
            .values("consultation")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return (
            cls.objects.live()
            .filter(answers_promised_by__lt=today_in_paris())
            .annotate(unanswered=Subquery(waiting, output_field=models.IntegerField()))
            .filter(unanswered__gt=0)
            .order_by("answers_promised_by", "pk")
        )

    def late_answers_count(self):
        """Published proposals still waiting for their official answer past the promise."""
        if not self.answers_are_late:
            return 0
        return self.fragments()["unanswered"]

    def serve(self, request, *args, **kwargs):
        """The "random" sort gets a seed in the URL, so paging through it stays stable."""
        if request.GET.get("sort") == "random" and not request.GET.get("seed"):
            query = request.GET.copy()
            query["seed"] = str(secrets.randbelow(999_998) + 1)
            query.pop("page", None)
            return HttpResponseRedirect(f"{self.url}?{query.urlencode()}#propositions")
        return super().serve(request, *args, **kwargs)

    def fragments(self):
        """What the page shows that only changes with content (``pages.fragments``)."""
        return fragments.of(self)

    def filter_choices(self):
        return self.fragments()["filters"]

    def document_links(self):
        return self.fragments()["documents"]

    def related_contract(self):
        """The contract and measure this consultation concerns (title, URL), cached."""
        return self.fragments().get("contract")

    def commune_names(self):
        return self.fragments()["communes"]

    def get_context(self, request, *args, **kwargs):
        # Imported here, not above: the presenter builds the page's forms, ModelForms
        # that Django can only define once every model of the app is loaded.
        from ..pages.consultation import consultation_context

        context = super().get_context(request, *args, **kwargs)
        context.update(consultation_context(self, request))
        return context

    # --- contributions ------------------------------------------------------------

    def proposals_for_list(self):
        return Proposal.objects.for_list().filter(consultation=self).published()

    def consultation_comments(self):
        return Comment.objects.filter(consultation=self, proposal__isnull=True)

    def proposals_count_by(self, user):
        return self.proposals.filter(author=user).count()

    @cached_property
    def synthesis(self):
        shown = self.fragments()
        if "synthesis" not in shown:  # results not published: figures on demand
            return self.compute_synthesis()
        return shown["synthesis"]

    def compute_synthesis(self):
        """Figures shown once results are published (``pages.synthesis``)."""
        return synthesis.compute(self)

    def announce_opening(self):
        """Tell the residents who asked for it that this consultation is open; once.

        The record lives outside the page so that publishing a revision never resets it.
        """
        if not self.is_open or not self.live:
            return 0
        _announcement, created = OpeningAnnouncement.objects.get_or_create(
            consultation_id=self.pk
        )
        if not created:
            return 0
        return consultation_opened(self)


class OpeningAnnouncement(models.Model):
    """Proof that a consultation's opening was announced by e-mail."""

    consultation = models.OneToOneField(
        ConsultationPage, on_delete=models.CASCADE, related_name="announcement"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("annonce d’ouverture")
        verbose_name_plural = _("annonces d’ouverture")

    def __str__(self):
        return str(self.consultation)


class ConsultationDocument(Orderable):
    page = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="documents"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("titre affiché"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    def __str__(self):
        return self.title or self.document.title


class ConsultationCategory(Orderable):
    page = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="categories"
    )
    name = models.CharField(_("nom"), max_length=80)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("catégorie")
        verbose_name_plural = _("catégories")

    def __str__(self):
        return self.name
