"""Reports by residents and decisions by moderators, logged (appeals: ``appeals``).

Moderation is meant to be visible and hard to weaponise: a hidden contribution says why
(a reason of the charter, ``reasons.ReportReason``), its author may ask once for a
review that another moderator decides, reports past the threshold only hide content
for the charter's automatic reasons, and the yearly figures are public.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.notifications import absolute_url, notify
from cms.history import StateChange

from .. import notifications
from .choices import Status
from .profiles import ParticipantProfile
from .reasons import ReportReason

AUTOMATIC_HIDING_TEXT = _(
    "Masqué automatiquement après plusieurs signalements, en attente d’examen par "
    "l’équipe de modération."
)


class AlreadyReported(Exception):
    pass


class AlreadyAppealed(Exception):
    pass


class AppealClosed(Exception):
    """The appeal was decided meanwhile (another moderator, another tab)."""


def target_field(contribution):
    """``proposal`` or ``comment``: the field that points to this contribution."""
    return contribution._meta.model_name


def is_proposal(contribution):
    return target_field(contribution) == "proposal"


def kind_of(contribution):
    """The contribution's kind as the public and admin URLs spell it."""
    return "proposition" if is_proposal(contribution) else "commentaire"


def appeal_url(contribution):
    return reverse(
        f"participation:{target_field(contribution)}_appeal", args=[contribution.pk]
    )


class AboutOneContribution(models.Model):
    """About one proposal or one comment (a report, an appeal): each model's check
    constraint makes sure exactly one is set."""

    proposal = models.ForeignKey(
        "participation.Proposal",
        verbose_name=_("proposition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    comment = models.ForeignKey(
        "participation.Comment",
        verbose_name=_("commentaire"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )

    class Meta:
        abstract = True

    @property
    def contribution(self):
        return self.proposal or self.comment


class Report(AboutOneContribution):
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signalé par"),
        on_delete=models.CASCADE,
        related_name="participation_reports",
    )
    reason = models.CharField(_("motif"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("précisions"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("signalé le"), default=timezone.now)
    resolved_at = models.DateTimeField(_("traité le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=True) ^ Q(comment__isnull=True),
                name="report_targets_one_contribution",
            ),
            models.UniqueConstraint(
                fields=["reporter", "proposal"],
                condition=Q(proposal__isnull=False),
                name="one_report_per_person_per_proposal",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(comment__isnull=False),
                name="one_report_per_person_per_comment",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} — {self.contribution}"

    target_field = staticmethod(target_field)

    @classmethod
    def open_for(cls, contribution):
        return cls.objects.filter(
            **{cls.target_field(contribution): contribution}, resolved_at__isnull=True
        )

    @classmethod
    def file(cls, contribution, reporter, reason, details=""):
        """Record a report; past the threshold, charter reasons hide the content pending review."""
        try:
            with transaction.atomic():
                report = cls.objects.create(
                    **{cls.target_field(contribution): contribution},
                    reporter=reporter,
                    reason=reason,
                    details=details,
                )
        except IntegrityError as error:
            raise AlreadyReported from error
        threshold = settings.PARTICIPATION_REPORT_THRESHOLD
        automatic = ReportReason.automatic()
        # Accounts younger than the counting age reach the queue but never hide anything:
        # a handful of fresh sign-ups cannot silence a resident (a Sybil attack).
        mature = Q(
            reporter__date_joined__lte=timezone.now()
            - datetime.timedelta(hours=settings.PARTICIPATION_REPORT_COUNTING_AGE_HOURS)
        )
        counts = cls.open_for(contribution).aggregate(
            total=Count("pk"),
            **{
                f"n_{reason.value}": Count("pk", filter=Q(reason=reason.value) & mature)
                for reason in automatic
            },
        )
        charter = sum(counts[f"n_{reason.value}"] for reason in automatic)
        hidden_now = charter >= threshold and contribution.status == Status.PUBLISHED
        if hidden_now:
            # The reason most reported (the first of the settings' order on a tie).
            contribution.hidden_reason_code = max(
                automatic, key=lambda reason: counts[f"n_{reason.value}"]
            )
            contribution.status = Status.HIDDEN
            contribution.hidden_reason = str(AUTOMATIC_HIDING_TEXT)
            contribution.save(
                update_fields=[
                    "status",
                    "hidden_reason_code",
                    "hidden_reason",
                    "updated_at",
                ]
            )
        # Open reports reaching the threshold put it at the top of the queue; hiding is
        # a second, distinct event. Reports a moderator closes start the count again.
        if counts["total"] == threshold or hidden_now:
            cls.alert_moderators(contribution, counts["total"], hidden=hidden_now)
        return report

    @staticmethod
    def alert_moderators(contribution, total, *, hidden):
        notifications.alert_moderators(
            "participation/emails/report_threshold",
            contribution,
            total=total,
            hidden=hidden,
            url=absolute_url(contribution.get_absolute_url()),
            queue_url=absolute_url(
                reverse(
                    "participation_moderation:decide",
                    args=[kind_of(contribution), contribution.pk],
                )
            ),
        )


class Action(models.TextChoices):
    PUBLISH = "publish", _("Publier")
    HIDE = "hide", _("Masquer")
    RESTORE = "restore", _("Rétablir")
    DISMISS = "dismiss", _("Classer les signalements sans suite")
    BLOCK = "block", _("Bloquer le ou la participant·e")
    UNBLOCK = "unblock", _("Débloquer le ou la participant·e")
    UPHOLD = "uphold", _("Maintenir le masquage après réexamen")
    OVERTURN = "overturn", _("Rétablir après réexamen")


class ModerationDecision(StateChange):
    """The log: who decided what, when, about which contribution or person, and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modérateur·rice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("décision"), max_length=10, choices=Action.choices)
    reason_code = models.CharField(
        _("motif de la charte"),
        max_length=20,
        choices=ReportReason.choices,
        blank=True,
    )
    reason = models.TextField(_("motif"), blank=True)
    proposal = models.ForeignKey(
        "participation.Proposal",
        verbose_name=_("proposition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    comment = models.ForeignKey(
        "participation.Comment",
        verbose_name=_("commentaire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant·e"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_moderation_decisions",
    )
    subject = models.CharField(_("objet"), max_length=200, blank=True)

    class Meta(StateChange.Meta):
        ordering = ["-at"]
        verbose_name = _("décision de modération")
        verbose_name_plural = _("journal de modération")

    def __str__(self):
        return f"{self.get_action_display()} — {self.subject}"

    @property
    def summary(self):
        if self.reason_code:
            return f"{self.get_action_display()} ({self.get_reason_code_display()})"
        return self.get_action_display()

    @property
    def note(self):
        return self.reason

    CONTRIBUTION_ACTIONS = {
        Action.PUBLISH: Status.PUBLISHED,
        Action.RESTORE: Status.PUBLISHED,
        Action.HIDE: Status.HIDDEN,
        Action.DISMISS: None,
        Action.UPHOLD: None,
        Action.OVERTURN: Status.PUBLISHED,
    }

    @classmethod
    @transaction.atomic
    def apply(cls, contribution, moderator, action, reason, reason_code=""):
        """Change the contribution, close its reports, log it and tell the author why.

        Hiding records the charter's reason (``reason_code``) with the moderator's
        words; both are shown in the public placeholder.
        """
        new_status = cls.CONTRIBUTION_ACTIONS[action]
        hides = new_status == Status.HIDDEN
        if new_status is not None:
            contribution.status = new_status
            contribution.hidden_reason = reason if hides else ""
            contribution.hidden_reason_code = reason_code if hides else ""
            contribution.save(
                update_fields=[
                    "status",
                    "hidden_reason",
                    "hidden_reason_code",
                    "updated_at",
                ]
            )
        Report.open_for(contribution).update(resolved_at=timezone.now())
        decision = cls.record(
            actor=moderator,
            action=action,
            reason=reason,
            reason_code=reason_code if hides else "",
            participant=contribution.author,
            subject=str(contribution.excerpt)[:200],
            **{Report.target_field(contribution): contribution},
        )
        if action != Action.DISMISS:
            decision.notify_author()
        if action == Action.PUBLISH and not is_proposal(contribution):
            contribution.notify_reply()
        return decision

    @classmethod
    @transaction.atomic
    def block(cls, participant, moderator, reason, *, blocked=True):
        profile = ParticipantProfile.to_write(participant)
        if blocked:
            profile.block(reason, by=moderator)
        else:
            profile.unblock()
        decision = cls.record(
            actor=moderator,
            action=Action.BLOCK if blocked else Action.UNBLOCK,
            reason=reason,
            participant=participant,
            subject=participant.public_name[:200],
        )
        decision.notify_author()
        return decision

    @property
    def contribution(self):
        return self.proposal or self.comment

    def notify_author(self):
        if self.participant is None:
            return False
        contribution = self.contribution
        may_appeal = (
            self.action == Action.HIDE
            and contribution is not None
            and not contribution.appeals.exists()
        )
        return notify(
            self.participant,
            "participation/emails/moderation_decision",
            {
                "decision": self,
                "contribution": contribution,
                "url": absolute_url(contribution.get_absolute_url())
                if contribution
                else "",
                "appeal_url": absolute_url(appeal_url(contribution))
                if may_appeal
                else "",
            },
            topic=notifications.MODERATION,
        )
