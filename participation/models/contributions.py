"""What residents write: proposals, comments (one level of replies), supports, follows, and the official answers."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DELETED_PARTICIPANT = _("Participant·e supprimé·e")


class Status(models.TextChoices):
    PENDING = "pending", _("En attente de modération")
    PUBLISHED = "published", _("Publiée")
    HIDDEN = "hidden", _("Masquée")


class AnswerStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Retenue")
    PARTLY = "partly", _("Partiellement retenue")
    STUDYING = "studying", _("À l’étude")
    REJECTED = "rejected", _("Non retenue")


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


class ContributionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Published or hidden (shown as a placeholder), plus the visitor's own pending ones."""
        visible = Q(status__in=[Status.PUBLISHED, Status.HIDDEN])
        if user.is_authenticated:
            visible |= Q(author=user)
        return self.filter(visible)


class Contribution(models.Model):
    """Common ground of proposals and comments: author, moderation state, dates."""

    consultation = models.ForeignKey(
        "participation.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_%(class)ss",
    )
    status = models.CharField(
        _("état"), max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    hidden_reason = models.TextField(_("motif de masquage"), blank=True)
    created_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def author_name(self):
        if self.author_id is None:
            return DELETED_PARTICIPANT
        return self.author.public_name

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_hidden(self):
        return self.status == Status.HIDDEN

    @property
    def is_pending(self):
        return self.status == Status.PENDING

    def initial_status(self):
        return Status.PENDING if self.consultation.pre_moderated else Status.PUBLISHED

    # --- moderation (see moderation.py for the log and the reports) ----------------

    def report(self, reporter, reason, details=""):
        from .moderation import Report

        return Report.file(self, reporter, reason, details)

    def moderate(self, moderator, action, reason):
        from .moderation import ModerationDecision

        return ModerationDecision.apply(self, moderator, action, reason)


class ProposalQuerySet(ContributionQuerySet):
    def for_list(self):
        """With what a card shows; the stored counters, not a count per row."""
        return self.select_related("author", "category", "commune", "answer").defer(
            "commune__geometry"
        )

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


class Proposal(Contribution):
    title = models.CharField(_("titre"), max_length=140)
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
    # Kept by signals (participation/signals.py): lists sort on them and show them
    # without counting 100 000 comments per request.
    support_count = models.PositiveIntegerField(
        _("soutiens"), default=0, editable=False
    )
    comment_count = models.PositiveIntegerField(
        _("commentaires publiés"), default=0, editable=False
    )
    # What the proposal became, set by staff on its "Suivi" screen (admin_views.py).
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

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
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

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:proposal", args=[self.pk])

    @property
    def author_name(self):
        if self.is_official:
            return _("Grand Quercy")
        return super().author_name

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

    # --- what became of it (participation/trace.py) ----------------------------------

    def link_project(self, project):
        """Say which project the proposal became; True when that changed something."""
        from ..signals import proposal_linked, send_on_commit

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
        from ..trace import proposal_trace

        return proposal_trace(self)

    def followers(self):
        """Everyone an answer concerns: the author, the supporters, the followers."""
        from accounts.models import User

        return User.objects.filter(
            Q(pk=self.author_id)
            | Q(participation_supports__proposal=self)
            | Q(participation_follows__proposal=self)
        ).distinct()


class CommentQuerySet(ContributionQuerySet):
    def with_author(self):
        return self.select_related("author")


class Comment(Contribution):
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("en réponse à"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    body = models.TextField(_("commentaire"))
    edited_at = models.DateTimeField(_("modifié le"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("supprimé le"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        indexes = [
            # A thread page: its 20 top-level comments in order, straight from the index
            # (partial: "parent IS NULL" in the key would not give the order).
            models.Index(
                fields=["proposal", "created_at", "id"],
                condition=Q(parent__isnull=True),
                name="participation_comment_thread",
            ),
            models.Index(
                fields=["consultation", "created_at", "id"],
                condition=Q(parent__isnull=True, proposal__isnull=True),
                name="participation_comment_cthread",
            ),
            # A page of a thread and its replies, in one query (views.comment_thread).
            models.Index(
                Coalesce("parent_id", "id"), name="participation_comment_root"
            ),
            # Recounting a proposal's published comments reads only this index.
            models.Index(
                fields=["proposal"],
                condition=Q(status=Status.PUBLISHED, deleted_at__isnull=True),
                name="participation_comment_counted",
            ),
        ]

    def __str__(self):
        return self.excerpt

    def get_absolute_url(self):
        if self.proposal_id:
            base = reverse("participation:proposal", args=[self.proposal_id])
        else:
            base = self.consultation.url
        return f"{base}#commentaire-{self.pk}"

    @property
    def excerpt(self):
        if self.is_deleted:
            return str(_("Commentaire supprimé"))
        return self.body if len(self.body) <= 80 else self.body[:79] + "…"

    @property
    def kind_label(self):
        return _("commentaire")

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def target(self):
        return self.proposal or self.consultation

    @property
    def editable_until(self):
        return self.created_at + datetime.timedelta(
            minutes=settings.PARTICIPATION_EDIT_WINDOW_MINUTES
        )

    @property
    def in_edit_window(self):
        return timezone.now() <= self.editable_until

    def notify_reply(self):
        """Tell the parent comment's author about this reply, once it is public."""
        from accounts.notifications import absolute_url, notify

        from ..notifications import REPLY

        parent = self.parent
        if (
            parent is None
            or parent.author_id is None
            or parent.author_id == self.author_id
            or not self.is_published
        ):
            return False
        return notify(
            parent.author,
            "participation/emails/reply",
            {
                "comment": self,
                "parent": parent,
                "url": absolute_url(self.get_absolute_url()),
            },
            topic=REPLY,
        )

    @transaction.atomic
    def edit(self, body):
        """Change the text and keep the previous one: moderators can see every version."""
        if body == self.body:
            return
        CommentRevision.objects.create(comment=self, body=self.body)
        self.body = body
        self.edited_at = timezone.now()
        self.save(update_fields=["body", "edited_at", "updated_at"])

    @transaction.atomic
    def remove(self):
        """Delete; where replies hang from it, a placeholder keeps the thread readable."""
        if self.parent_id is None and self.replies.exists():
            self.revisions.all().delete()
            self.body = ""
            self.deleted_at = timezone.now()
            self.save(update_fields=["body", "deleted_at", "updated_at"])
            return False
        self.delete()
        return True


class CommentRevision(models.Model):
    """A previous text of an edited comment."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("texte précédent"))
    created_at = models.DateTimeField(_("remplacé le"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("version précédente d’un commentaire")
        verbose_name_plural = _("versions précédentes des commentaires")

    def __str__(self):
        return self.body[:80]


class Support(models.Model):
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposition"),
        on_delete=models.CASCADE,
        related_name="supports",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant·e"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="participation_supports",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("soutien")
        verbose_name_plural = _("soutiens")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"], name="one_support_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.proposal}"


class Follow(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="participation_follows",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"], name="one_follow_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.proposal}"


class Answer(models.Model):
    """The official answer to a proposal: a status and the reasons, in plain words."""

    proposal = models.OneToOneField(
        Proposal,
        verbose_name=_("proposition"),
        on_delete=models.CASCADE,
        related_name="answer",
    )
    status = models.CharField(_("réponse"), max_length=12, choices=AnswerStatus.choices)
    explanation = models.TextField(_("explication"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rédigée par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("publiée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("réponse officielle")
        verbose_name_plural = _("réponses officielles")

    def __str__(self):
        return f"{self.proposal} — {self.get_status_display()}"

    def notify_followers(self):
        """One e-mail per person concerned, whether they wrote, supported or follow it."""
        from accounts.notifications import absolute_url, notify

        from ..notifications import ANSWER

        url = absolute_url(self.proposal.get_absolute_url())
        sent = 0
        for user in self.proposal.followers():
            sent += notify(
                user,
                "participation/emails/answer",
                {"answer": self, "proposal": self.proposal, "url": url},
                topic=ANSWER,
            )
        return sent
