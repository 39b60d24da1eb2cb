"""Consultation pages: what residents are asked, when, and what they may do."""

import datetime
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef
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

from cms import cache as page_cache
from cms import images
from cms.models import BasePage
from contrats.models import Commune

from .. import phases, rules

PROPOSALS_PER_PAGE = 12
CHART_ROW, CHART_LABEL, CHART_BAR = 28, 220, 340


class ConsultationIndexPage(BasePage):
    """The list of consultations, open ones first."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["participation.ConsultationPage", "participation.CouncilPage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des consultations")

    def consultations(self):
        return (
            ConsultationPage.objects.child_of(self)
            .live()
            .select_related("image")
            .order_by("-opens_at")
        )

    @property
    def cache_anonymous(self):
        """No cached copy may outlive a phase change of one of the listed consultations."""
        return not any(c.changes_state_soon() for c in self.consultations())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = {state: [] for state in phases.State}
        for consultation in self.consultations():
            groups[consultation.state].append(consultation)
        context["groups"] = [
            (state, groups[state])
            for state in (
                phases.State.OPEN,
                phases.State.UPCOMING,
                phases.State.RESULTS,
                phases.State.CLOSED,
            )
            if groups[state]
        ]
        from .council import CouncilPage

        context["council"] = CouncilPage.objects.child_of(self).live().first()
        return context


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
        _("réponses promises pour le"), null=True, blank=True
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

    def changes_state_soon(self):
        """True when a cached copy of a page showing this state could become wrong."""
        now = timezone.now()
        horizon = now + datetime.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT)
        return any(
            moment is not None and now <= moment <= horizon
            for moment in (self.opens_at, self.closes_at, self.results_published_at)
        )

    @property
    def cache_anonymous(self):
        return not self.changes_state_soon()

    def serve(self, request, *args, **kwargs):
        """The "random" sort gets a seed in the URL, so paging through it stays stable."""
        if request.GET.get("sort") == "random" and not request.GET.get("seed"):
            query = request.GET.copy()
            query["seed"] = str(secrets.randbelow(999_998) + 1)
            query.pop("page", None)
            return HttpResponseRedirect(f"{self.url}?{query.urlencode()}#propositions")
        return super().serve(request, *args, **kwargs)

    def cached(self, name, compute):
        """Data that only changes when content changes: kept until the next change anywhere.

        The key carries the site-wide cache generation that every save bumps (cms.cache).
        """
        key = f"participation:{self.pk}:{name}:{page_cache.generation()}"
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, settings.PAGE_CACHE_TIMEOUT)
        return value

    def filter_choices(self):
        return self.cached(
            "filters",
            lambda: {
                "categories": list(self.categories.values_list("pk", "name")),
                "communes": list(
                    Commune.objects.filter(
                        pk__in=self.proposals.published()
                        .filter(commune__isnull=False)
                        .values("commune")
                    ).values_list("pk", "name")
                ),
            },
        )

    def document_links(self):
        return self.cached(
            "documents",
            lambda: [
                {
                    "title": str(item),
                    "url": item.document.url,
                    "extension": item.document.file_extension,
                }
                for item in self.documents.select_related("document")
            ],
        )

    def related_contract(self):
        """The contract and measure this consultation concerns (title, URL), cached."""

        def compute():
            contract = self.contract
            return {
                "contract_title": contract.title if contract else "",
                "contract_url": contract.url if contract else "",
                "measure": str(self.measure) if self.measure_id else "",
            }

        if not (self.contract_id or self.measure_id):
            return None
        return self.cached("contract", compute)

    def commune_names(self):
        return self.cached(
            "communes", lambda: list(self.communes.values_list("name", flat=True))
        )

    def get_context(self, request, *args, **kwargs):
        from ..forms import ProposalFilterForm
        from ..views import comment_thread, participation_context

        context = super().get_context(request, *args, **kwargs)
        filters = ProposalFilterForm(request.GET, **self.filter_choices())
        proposals = filters.filter(self.proposals_for_list())
        user = request.user
        context.update(
            filters=filters,
            proposals=Paginator(proposals, PROPOSALS_PER_PAGE).get_page(
                request.GET.get("page")
            ),
            comments=comment_thread(request, self, None, param="cpage"),
            can_propose=user.has_perm("participation.add_proposal", self),
            propose_refusal=rules.refusal(user, "participation.add_proposal", self),
            **participation_context(request, self, self),
        )
        return context

    # --- contributions ------------------------------------------------------------

    def proposals_for_list(self):
        from .contributions import Proposal

        return Proposal.objects.for_list().filter(consultation=self).published()

    def consultation_comments(self):
        from .contributions import Comment

        return Comment.objects.filter(consultation=self, proposal__isnull=True)

    def proposals_count_by(self, user):
        return self.proposals.filter(author=user).count()

    @cached_property
    def synthesis(self):
        return self.cached("synthesis", self.compute_synthesis)

    def compute_synthesis(self):
        """Figures shown once results are published; every count ignores hidden content."""
        from accounts.models import User

        from .contributions import Comment, Proposal, Status, Support

        proposals = Proposal.objects.filter(consultation=self, status=Status.PUBLISHED)
        comments = Comment.objects.filter(
            consultation=self, status=Status.PUBLISHED, deleted_at__isnull=True
        )
        supports = Support.objects.filter(
            proposal__consultation=self, proposal__status=Status.PUBLISHED
        )
        participants = User.objects.filter(
            Exists(proposals.filter(author=OuterRef("pk")))
            | Exists(comments.filter(author=OuterRef("pk")))
            | Exists(supports.filter(user=OuterRef("pk")))
        ).count()
        by_commune = list(
            proposals.values("commune__name")
            .annotate(total=Count("pk"))
            .order_by("-total", F("commune__name").asc(nulls_last=True))
        )
        top = max((row["total"] for row in by_commune), default=0)
        for position, row in enumerate(by_commune):
            row["y"] = position * CHART_ROW
            row["width"] = round(CHART_BAR * row["total"] / top) if top else 0
            row["value_x"] = CHART_LABEL + row["width"] + 6
        by_answer = dict(
            proposals.filter(answer__isnull=False)
            .values_list("answer__status")
            .annotate(total=Count("pk"))
        )
        from .contributions import AnswerStatus

        return {
            "participants": participants,
            "proposals": proposals.count(),
            "comments": comments.count(),
            "supports": supports.count(),
            "by_commune": by_commune,
            "chart_height": len(by_commune) * CHART_ROW,
            "by_answer": [
                (str(status.label), by_answer.get(status.value, 0))
                for status in AnswerStatus
            ],
        }

    def announce_opening(self):
        """Tell the residents who asked for it that this consultation is open; once.

        The record lives outside the page so that publishing a revision never resets it.
        """
        from accounts.models import User
        from accounts.notifications import notify

        from ..notifications import NEW_CONSULTATION

        if not self.is_open or not self.live:
            return 0
        _announcement, created = OpeningAnnouncement.objects.get_or_create(
            consultation_id=self.pk
        )
        if not created:
            return 0
        recipients = User.objects.filter(
            is_active=True, **{f"notification_settings__{NEW_CONSULTATION}": True}
        )
        sent = 0
        for user in recipients.iterator():
            sent += notify(
                user,
                "participation/emails/consultation_opened",
                {"consultation": self, "url": self.full_url},
                topic=NEW_CONSULTATION,
            )
        return sent


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
