"""Appeals: the author's one request to review a hidden contribution."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.notifications import absolute_url

from .. import notifications
from .moderation import (
    AboutOneContribution,
    Action,
    AlreadyAppealed,
    AppealClosed,
    ModerationDecision,
    target_field,
)


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", _("Masquage maintenu")
    OVERTURNED = "overturned", _("Contribution rétablie")


class Appeal(AboutOneContribution):
    """The author's one request to review a hidden contribution.

    Decided by a moderator other than the one who hid it (``hidden_by``, taken from
    the log when the appeal is filed; None when reports hid it on their own).
    """

    EXPLANATION_MAX_LENGTH = 2000

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="participation_appeals",
    )
    explanation = models.TextField(
        _("explication"), max_length=EXPLANATION_MAX_LENGTH, blank=True
    )
    created_at = models.DateTimeField(_("demandé le"), default=timezone.now)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("masquée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(
        _("décision"), max_length=12, choices=AppealOutcome.choices, blank=True
    )
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("demande de réexamen")
        verbose_name_plural = _("demandes de réexamen")
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=True) ^ Q(comment__isnull=True),
                name="appeal_targets_one_contribution",
            ),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(proposal__isnull=False),
                name="one_appeal_per_proposal",
            ),
            models.UniqueConstraint(
                fields=["comment"],
                condition=Q(comment__isnull=False),
                name="one_appeal_per_comment",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at", "id"],
                condition=Q(decided_at__isnull=True),
                name="participation_appeal_open",
            )
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} — {self.contribution}"

    @property
    def is_open(self):
        return self.decided_at is None

    @classmethod
    def file(cls, contribution, author, explanation):
        """Record the appeal; a second one for the same contribution is refused."""
        hidden_by = (
            ModerationDecision.objects.filter(
                **{target_field(contribution): contribution}, action=Action.HIDE
            )
            .order_by("-at", "-pk")
            .values_list("actor", flat=True)
            .first()
        )
        try:
            with transaction.atomic():
                appeal = cls.objects.create(
                    **{target_field(contribution): contribution},
                    author=author,
                    explanation=explanation,
                    hidden_by_id=hidden_by,
                )
        except IntegrityError as error:
            raise AlreadyAppealed from error
        appeal.alert_moderators()
        return appeal

    def alert_moderators(self):
        """Those who may decide: not the moderator who hid it."""
        notifications.alert_moderators(
            "participation/emails/appeal_filed",
            self.contribution,
            appeal=self,
            url=absolute_url(
                reverse("participation_moderation:appeal", args=[self.pk])
            ),
            leaving_out=self.hidden_by_id,
        )

    @transaction.atomic
    def decide(self, moderator, outcome, reason):
        """Keep the contribution hidden or restore it; logged, and the author told.

        The row is locked first: two moderators deciding at once give one decision.
        Who may decide is the rules' business (``participation.decide_appeal``).
        """
        locked = type(self).objects.select_for_update().get(pk=self.pk)
        if not locked.is_open:
            raise AppealClosed
        action = (
            Action.OVERTURN if outcome == AppealOutcome.OVERTURNED else Action.UPHOLD
        )
        decision = ModerationDecision.apply(
            self.contribution, moderator, action, reason
        )
        self.outcome = outcome
        self.decided_at = timezone.now()
        self.decided_by = moderator
        self.save(update_fields=["outcome", "decided_at", "decided_by"])
        return decision

    @classmethod
    def open_queue(cls):
        """Appeals waiting for a decision, oldest first, with what the queue shows."""
        return (
            cls.objects.filter(decided_at__isnull=True)
            .select_related(
                "author",
                "hidden_by",
                "proposal__consultation",
                "proposal__author",
                "comment__consultation",
                "comment__author",
            )
            .order_by("created_at", "pk")
        )
