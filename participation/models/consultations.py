"""Consultation pages: what residents are asked, when, and what they may do."""

import datetime
import hashlib
import secrets
import zoneinfo

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, F, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
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
from cms import cache_policy, images, opendata
from cms.models import BasePage
from contrats.models import Commune

from .. import phases, rules

PROPOSALS_PER_PAGE = 12
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
CHART_ROW, CHART_LABEL, CHART_BAR = 28, 220, 340


def page_with_total(queryset, per_page, number):
    """A page of rows and the total in one query: the count rides along as a subquery.

    Only a page past the end (the paginator then shows the last one) costs the usual
    separate count.
    """
    paginator = Paginator(queryset, per_page)
    try:
        wanted = max(int(number), 1)
    except (TypeError, ValueError):
        wanted = 1
    counted = (
        queryset.order_by()
        .values("consultation")
        .annotate(rows=Count("pk"))
        .values("rows")
    )
    offset = (wanted - 1) * per_page
    rows = list(
        queryset.annotate(total_rows=Subquery(counted))[offset : offset + per_page]
    )
    if not rows and wanted > 1:
        return paginator.get_page(number)
    paginator.count = rows[0].total_rows if rows else 0
    page = paginator.page(wanted)
    page.object_list = rows
    return page


def today_in_paris():
    return timezone.localdate(timezone=PARIS)


def answers_late(promised_by):
    """Answers promised for ``promised_by`` are late once that day is over in Paris."""
    return promised_by is not None and promised_by < today_in_paris()


def render_cards(proposals, show_answers):
    """Each proposal card's HTML, kept in the cache under a digest of all it shows.

    The key is made of the very values the card displays (title, author, dates, counts,
    answer…), so any change to one of them gives a new key; a page of cards is then one
    cache round trip instead of a dozen template renderings.
    """
    keys = []
    for proposal in proposals:
        answer = getattr(proposal, "answer", None)
        shown = (
            proposal.pk,
            proposal.title,
            proposal.easy_read,
            str(proposal.author_name),
            proposal.created_at.isoformat(),
            proposal.commune.name if proposal.commune_id else "",
            proposal.category.name if proposal.category_id else "",
            proposal.body,
            proposal.support_count,
            proposal.comment_count,
            (answer.status, answer.explanation) if answer else None,
            proposal.answer_is_late,
            bool(show_answers),
        )
        digest = hashlib.sha1(  # noqa: S324  (a cache key, not a secret)
            repr(shown).encode()
        ).hexdigest()
        keys.append(f"participation:card:{proposal.pk}:{digest}")
    found = cache.get_many(keys)
    missing = {}
    for proposal, key in zip(proposals, keys, strict=True):
        html = found.get(key)
        if html is None:
            html = render_to_string(
                "participation/includes/proposal_card.html",
                {"proposal": proposal, "show_answers": show_answers},
            )
            missing[key] = html
        proposal.card_html = mark_safe(html)  # noqa: S308  (our template's output)
    if missing:
        cache.set_many(missing, settings.PAGE_CACHE_TIMEOUT)


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = {state: [] for state in phases.State}
        for consultation in self.consultations():
            groups[consultation.state].append(consultation)
            cache_policy.valid_until(consultation.next_state_change())
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
        from .contributions import Proposal

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
        """What the page shows that only changes with content, in one cache round trip.

        Kept until the next change anywhere: the keys carry the site-wide generation
        that every save bumps (cms.cache). What is missing is computed together, in as
        few queries as possible, so the first request after a change stays cheap too.
        """
        if hasattr(self, "_fragments"):
            return self._fragments
        names = ["filters", "documents", "communes"]
        if self.contract_id or self.measure_id:
            names.append("contract")
        if self.results_published:
            names.append("synthesis")
        if self.answers_are_late:
            names.append("unanswered")
        generation = page_cache.token(cache_policy.consultation_pages(self.pk))
        keys = {name: f"participation:{self.pk}:{name}:{generation}" for name in names}
        found = cache.get_many(keys.values())
        values = {name: found[key] for name, key in keys.items() if key in found}
        missing = [name for name in names if name not in values]
        if missing:
            computed = self.compute_fragments(missing)
            cache.set_many(
                {keys[name]: computed[name] for name in missing},
                settings.PAGE_CACHE_TIMEOUT,
            )
            values.update(computed)
        self._fragments = values
        return values

    def compute_fragments(self, names):
        computed = {}
        if {"filters", "communes", "documents"} & set(names):
            categories, communes, documents = self.small_lists()
            computed["filters"] = {
                "categories": categories,
                "communes": [(pk, name) for pk, name, used, _ in communes if used],
            }
            computed["communes"] = [
                name for _, name, _, concerned in communes if concerned
            ]
            computed["documents"] = documents
        if "contract" in names:
            contract = self.contract
            computed["contract"] = {
                "contract_title": contract.title if contract else "",
                "contract_url": contract.url if contract else "",
                "measure": str(self.measure) if self.measure_id else "",
            }
        if "synthesis" in names:
            computed["synthesis"] = self.compute_synthesis()
        if "unanswered" in names:
            computed["unanswered"] = self.proposals.awaiting_answer().count()
        return computed

    def small_lists(self):
        """Categories, communes and documents of the page in one query (a UNION).

        Communes: (pk, name, has published proposals, concerned by the consultation);
        documents: what the page links to (title, URL, extension).
        """
        from wagtail.documents import get_document_model

        from .contributions import Proposal, Status

        def columns(kind, **values):
            return {
                "kind": Value(kind),
                "position": Value(0),
                "item": Value(0),
                "label": Value(""),
                "extra": Value(""),
                "used": Value(False),
                "concerned": Value(False),
                **values,
            }

        categories = self.categories.order_by().values(
            **columns("1", position=F("sort_order"), item=F("pk"), label=F("name")),
        )
        used = Exists(
            Proposal.objects.filter(
                consultation=self, status=Status.PUBLISHED, commune=OuterRef("pk")
            )
        )
        concerned = Exists(
            ConsultationPage.communes.through.objects.filter(
                consultationpage_id=self.pk, commune=OuterRef("pk")
            )
        )
        communes = (
            Commune.objects.order_by()
            .annotate(is_used=used, is_concerned=concerned)
            .filter(Q(is_used=True) | Q(is_concerned=True))
            .values(
                **columns(
                    "2",
                    item=F("pk"),
                    label=F("name"),
                    used=F("is_used"),
                    concerned=F("is_concerned"),
                )
            )
        )
        documents = self.documents.order_by().values(
            **columns(
                "3",
                position=F("sort_order"),
                item=F("document_id"),
                label=Coalesce(NullIf("title", Value("")), "document__title"),
                extra=F("document__file"),
            )
        )
        rows = categories.union(communes, documents, all=True).order_by(
            "kind", "position", "label"
        )
        document_model = get_document_model()
        found = {"1": [], "2": [], "3": []}
        for row in rows:
            kind, item, label = row["kind"], row["item"], row["label"]
            if kind == "1":
                found[kind].append((item, label))
            elif kind == "2":
                found[kind].append(
                    (item, label, bool(row["used"]), bool(row["concerned"]))
                )
            else:
                document = document_model(pk=item, title=label, file=row["extra"])
                found[kind].append(
                    {
                        "title": label,
                        "url": document.url,
                        "extension": document.file_extension,
                    }
                )
        return found["1"], found["2"], found["3"]

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
        from ..forms import ProposalFilterForm
        from ..views.threads import comment_thread, participation_context

        context = super().get_context(request, *args, **kwargs)
        cache_policy.valid_until(self.next_state_change())
        filters = ProposalFilterForm(request.GET, **self.filter_choices())
        proposals = filters.filter(self.proposals_for_list())
        proposal_page = page_with_total(
            proposals, PROPOSALS_PER_PAGE, request.GET.get("page")
        )
        for proposal in proposal_page.object_list:
            proposal.consultation = self  # what the late badge asks, without a query
        render_cards(proposal_page.object_list, self.results_published)
        user = request.user
        context.update(
            filters=filters,
            proposals=proposal_page,
            comments=comment_thread(request, self, None, param="cpage"),
            can_propose=user.has_perm("participation.add_proposal", self),
            propose_refusal=rules.refusal(user, "participation.add_proposal", self),
            **participation_context(request, self, self),
            open_data_licence=opendata.LICENCE_URL,
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
        fragments = self.fragments()
        if "synthesis" not in fragments:  # results not published: figures on demand
            return self.compute_synthesis()
        return fragments["synthesis"]

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

        def count(queryset):
            """COUNT(*) as a scalar subquery: always one row, no GROUP BY."""
            rows = queryset.order_by().values(n=Func(F("pk"), function="COUNT"))
            return Subquery(rows, output_field=models.IntegerField())

        participants = User.objects.filter(
            Exists(proposals.filter(author=OuterRef("pk")))
            | Exists(comments.filter(author=OuterRef("pk")))
            | Exists(supports.filter(user=OuterRef("pk")))
        )
        from .contributions import Stance

        # Residents who took part at their mairie have no account: one per name and
        # mairie (UNION removes the repeats).
        deposited = [
            queryset.filter(deposit_commune__isnull=False)
            .order_by()
            .values_list("deposit_commune_id", Lower("resident_name"))
            for queryset in (proposals, comments)
        ]
        residents_at_mairies = len(deposited[0].union(deposited[1]))
        stances = {
            f"n_{stance.value}": count(comments.filter(stance=stance.value))
            for stance in Stance
        }
        totals = (
            ConsultationPage.objects.filter(pk=self.pk)
            .annotate(
                n_participants=count(participants),
                n_comments=count(comments),
                n_supports=count(supports),
                **stances,
            )
            .values("n_participants", "n_comments", "n_supports", *stances)
            .get()
        )
        # One query for both tables: proposals per (commune, answer), names in the
        # database's order (no commune last); totals per commune sorted stably after.
        by_commune, by_answer = {}, {}
        rows = (
            proposals.values_list("commune__name", "answer__status")
            .annotate(total=Count("pk"))
            .order_by(F("commune__name").asc(nulls_last=True), "answer__status")
        )
        for name, status, total in rows:
            by_commune[name] = by_commune.get(name, 0) + total
            if status:
                by_answer[status] = by_answer.get(status, 0) + total
        by_commune = sorted(
            (
                {"commune__name": name, "total": total}
                for name, total in by_commune.items()
            ),
            key=lambda row: -row["total"],
        )
        top = max((row["total"] for row in by_commune), default=0)
        for position, row in enumerate(by_commune):
            row["y"] = position * CHART_ROW
            row["width"] = round(CHART_BAR * row["total"] / top) if top else 0
            row["value_x"] = CHART_LABEL + row["width"] + 6
        from .contributions import AnswerStatus

        return {
            "participants": totals["n_participants"] + residents_at_mairies,
            "comments": totals["n_comments"],
            "supports": totals["n_supports"],
            "proposals": sum(row["total"] for row in by_commune),
            "by_commune": by_commune,
            "chart_height": len(by_commune) * CHART_ROW,
            "by_answer": [
                (str(status.label), by_answer.get(status.value, 0))
                for status in AnswerStatus
            ],
            # Comments per stance (replies included), then those without one.
            "by_stance": [
                (str(stance.label), totals[f"n_{stance.value}"]) for stance in Stance
            ]
            + [
                (
                    str(_("Sans étiquette")),
                    totals["n_comments"]
                    - sum(totals[f"n_{stance.value}"] for stance in Stance),
                )
            ],
        }

    def announce_opening(self):
        """Tell the residents who asked for it that this consultation is open; once.

        The record lives outside the page so that publishing a revision never resets it.
        """
        from ..follow_up import consultation_opened

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
