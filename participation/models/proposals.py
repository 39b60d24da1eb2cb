"""Proposals: what residents propose, the words they replaced, what became of them."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from accounts.models import User

from ..signals import proposal_linked, send_on_commit
from ..trace import proposal_trace
from .choices import Status
from .comments import Comment
from .contributions import (
    HIDDEN_PROPOSAL_TITLE,
    WITHDRAWN_PROPOSAL_TITLE,
    Contribution,
    ContributionQuerySet,
    deposit_is_complete,
)
from .supports import Support


def _count(model, field, **filters):
    """A correlated COUNT subquery: one query for a whole page of rows, whatever the data size."""
    rows = (
        model.objects.filter(**{field: OuterRef("pk")}, **filters)
        .order_by()
        .values(field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


class ProposalQuerySet(ContributionQuerySet):
    def for_list(self):
        """With what a card shows; the stored counters, not a count per row."""
        return self.select_related(
            "author", "category", "commune", "answer", "deposit_commune"
        ).defer("commune__geometry", "deposit_commune__geometry")

    def deposited_for(self, commune, resident_name):
        """What one resident gave at one mairie (the name as typed, case aside)."""
        return self.filter(
            deposit_commune=commune, resident_name__iexact=resident_name.strip()
        )

    def awaiting_answer(self):
        """Published proposals without an official answer yet."""
        return self.published().filter(answer__isnull=True)

    def refresh_counts(self):
        """Recount supports and published comments: one UPDATE for all these proposals."""
        return self.update(
            support_count=_count(Support, "proposal"),
            comment_count=_count(
                Comment,
                "proposal",
                status=Status.PUBLISHED,
                deleted_at__isnull=True,
            ),
        )


class Proposal(index.Indexed, Contribution):
    title = models.CharField(_("titre"), max_length=140)
    easy_read = models.TextField(
        _("en bref (facile à lire)"),
        max_length=400,
        blank=True,
        help_text=_(
            "Facultatif : l’idée en deux ou trois phrases courtes, avec des mots "
            "de tous les jours. Elle est affichée en premier."
        ),
    )
    body = models.TextField(_("texte"))
    category = models.ForeignKey(
        "participation.ConsultationCategory",
        verbose_name=_("catégorie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    commune = models.ForeignKey(
        "contrats.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    is_official = models.BooleanField(
        _("proposition de l’équipe du Grand Quercy"), default=False
    )
    # Kept by receivers (participation/receivers.py): lists sort on them and show them
    # without counting 100 000 comments per request.
    support_count = models.PositiveIntegerField(
        _("soutiens"), default=0, editable=False
    )
    comment_count = models.PositiveIntegerField(
        _("commentaires publiés"), default=0, editable=False
    )
    # What the proposal became, set by staff on its "Suivi" screen (admin/views.py).
    project = models.ForeignKey(
        "contrats.Project",
        verbose_name=_("projet"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    project_linked_at = models.DateTimeField(
        _("liée au projet le"), null=True, blank=True, editable=False
    )

    objects = ProposalQuerySet.as_manager()

    # Site search (cms.search) finds published proposals by their words.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("easy_read"),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("consultation_id"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        # Staff roles, granted to groups by migrations: code asks for these, never
        # for a group's name (cms.permissions).
        permissions = [
            ("moderate", _("Modérer les contributions")),
            ("link_proposal", _("Lier une proposition au projet qu’elle est devenue")),
        ]
        indexes = [
            # One per sort of the consultation page: the first 20 rows straight from
            # the index, whatever the number of proposals.
            models.Index(
                fields=["consultation", "status", "-created_at", "-id"],
                name="participation_proposal_recent",
            ),
            models.Index(
                fields=[
                    "consultation",
                    "status",
                    "-support_count",
                    "-created_at",
                    "-id",
                ],
                name="participation_proposal_support",
            ),
            models.Index(
                fields=[
                    "consultation",
                    "status",
                    "-comment_count",
                    "-created_at",
                    "-id",
                ],
                name="participation_proposal_comment",
            ),
        ]
        constraints = [deposit_is_complete("proposal")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:proposal", args=[self.pk])

    @classmethod
    @transaction.atomic
    def deposit_at_mairie(cls, *, consultation, mairie, resident_name, **fields):
        """A proposal about the resident's commune; the per-person limit counts per name."""
        limit = consultation.max_proposals_per_person
        already = (
            cls.objects.filter(consultation=consultation)
            .deposited_for(mairie, resident_name or "")
            .count()
        )
        if resident_name and already >= limit:
            raise ValidationError(
                {
                    "resident_name": _(
                        "« %(name)s » a déjà déposé le nombre maximal de propositions "
                        "(%(limit)s) pour cette consultation."
                    )
                    % {"name": resident_name.strip(), "limit": limit}
                }
            )
        return super().deposit_at_mairie(
            consultation=consultation,
            mairie=mairie,
            resident_name=resident_name,
            commune=mairie,
            **fields,
        )

    @property
    def author_name(self):
        if self.is_official:
            return _("Grand Quercy")
        return super().author_name

    @property
    def public_title(self):
        """The title the public sees: a neutral placeholder while it is hidden."""
        if self.is_withdrawn:
            return WITHDRAWN_PROPOSAL_TITLE
        return HIDDEN_PROPOSAL_TITLE if self.is_hidden else self.title

    @property
    def is_withdrawn(self):
        return self.status == Status.WITHDRAWN

    @transaction.atomic
    def edit(self, **fields):
        """Change what the author wrote, within the edit window; the previous words are
        kept (``ProposalRevision``) for the moderators, as for comments."""
        texts = {name: getattr(self, name) for name in ProposalRevision.TEXTS}
        changed = [
            name for name, value in fields.items() if getattr(self, name) != value
        ]
        if not changed:
            return False
        if any(name in ProposalRevision.TEXTS for name in changed):
            ProposalRevision.objects.create(proposal=self, **texts)
        for name in changed:
            setattr(self, name, fields[name])
        self.save(update_fields=[*changed, "updated_at"])
        return True

    def withdraw(self):
        """The author takes the proposal back: it leaves the lists, counts and
        search; its page says it was withdrawn."""
        self.status = Status.WITHDRAWN
        self.save(update_fields=["status", "updated_at"])

    @property
    def kind_label(self):
        return _("proposition")

    @property
    def excerpt(self):
        return self.title

    @property
    def answer_status(self):
        answer = getattr(self, "answer", None)
        return answer.get_status_display() if answer else ""

    @property
    def answer_explanation(self):
        answer = getattr(self, "answer", None)
        return answer.explanation if answer else ""

    @property
    def answer_is_late(self):
        """Published, still unanswered, and the consultation's promised day is over."""
        return (
            self.is_published
            and getattr(self, "answer", None) is None
            and self.consultation.answers_are_late
        )

    # --- what became of it (participation/trace.py) ----------------------------------

    def link_project(self, project):
        """Say which project the proposal became; True when that changed something."""
        if not self.is_published:
            raise ValidationError(
                _("Seule une proposition publiée peut être liée à un projet.")
            )
        if project.pk == self.project_id:
            return False
        with transaction.atomic():
            self.project = project
            self.project_linked_at = timezone.now()
            # Not updated_at: that is the date of the resident's own last change.
            self.save(update_fields=["project", "project_linked_at"])
            send_on_commit(proposal_linked, Proposal, proposal=self, project=project)
        return True

    def unlink_project(self):
        if self.project_id is None:
            return False
        self.project = None
        self.project_linked_at = None
        self.save(update_fields=["project", "project_linked_at"])
        return True

    def trace(self):
        """The dated steps of what became of the proposal (see participation/trace.py)."""
        return proposal_trace(self)

    def followers(self):
        """Everyone an answer concerns: the author, the supporters, the followers."""
        return User.objects.filter(
            Q(pk=self.author_id)
            | Q(participation_supports__proposal=self)
            | Q(participation_follows__proposal=self)
        ).distinct()


class ProposalRevision(models.Model):
    """The previous words of an edited proposal."""

    TEXTS = ("title", "easy_read", "body")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="revisions"
    )
    title = models.CharField(_("titre précédent"), max_length=140)
    easy_read = models.TextField(_("« en bref » précédent"), blank=True)
    body = models.TextField(_("texte précédent"))
    created_at = models.DateTimeField(_("remplacé le"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("version précédente d’une proposition")
        verbose_name_plural = _("versions précédentes des propositions")

    def __str__(self):
        return self.title
