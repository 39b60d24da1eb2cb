"""Reports by residents and decisions by moderators, every one of them logged."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .contributions import Comment, Proposal, Status


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Publicité ou contenu indésirable")
    OFFENSIVE = "offensive", _("Propos injurieux, haineux ou discriminatoires")
    OFF_TOPIC = "off_topic", _("Hors sujet")
    PERSONAL_DATA = "personal_data", _("Données personnelles d’un tiers")
    OTHER = "other", _("Autre motif")


class AlreadyReported(Exception):
    pass


class Report(models.Model):
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("commentaire"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
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

    @property
    def contribution(self):
        return self.proposal or self.comment

    @staticmethod
    def target_field(contribution):
        return "proposal" if isinstance(contribution, Proposal) else "comment"

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
        counts = cls.open_for(contribution).aggregate(
            total=Count("pk"),
            charter=Count(
                "pk", filter=Q(reason__in=settings.PARTICIPATION_HIDING_REASONS)
            ),
        )
        hidden_now = (
            counts["charter"] >= threshold and contribution.status == Status.PUBLISHED
        )
        if hidden_now:
            contribution.status = Status.HIDDEN
            contribution.hidden_reason = str(
                _("Masqué après plusieurs signalements, en attente d’examen.")
            )
            contribution.save(update_fields=["status", "hidden_reason", "updated_at"])
        # Open reports reaching the threshold put it at the top of the queue; hiding is
        # a second, distinct event. Reports a moderator closes start the count again.
        if counts["total"] == threshold or hidden_now:
            cls.alert_moderators(contribution, counts["total"], hidden=hidden_now)
        return report

    @staticmethod
    def alert_moderators(contribution, total, *, hidden):
        """One e-mail to the moderation team, through the app's notification path."""
        from accounts.models import User
        from accounts.notifications import absolute_url, email_address
        from cms.roles import MODERATION

        addresses = list(
            User.objects.filter(groups__name=MODERATION, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if not addresses:
            return False
        kind = "proposition" if isinstance(contribution, Proposal) else "commentaire"
        email_address(
            addresses,
            "participation/emails/report_threshold",
            {
                "contribution": contribution,
                "is_proposal": kind == "proposition",
                "total": total,
                "hidden": hidden,
                "url": absolute_url(contribution.get_absolute_url()),
                "queue_url": absolute_url(
                    reverse(
                        "participation_moderation:decide", args=[kind, contribution.pk]
                    )
                ),
            },
        )
        return True


class Action(models.TextChoices):
    PUBLISH = "publish", _("Publier")
    HIDE = "hide", _("Masquer")
    RESTORE = "restore", _("Rétablir")
    DISMISS = "dismiss", _("Classer les signalements sans suite")
    BLOCK = "block", _("Bloquer le ou la participant·e")
    UNBLOCK = "unblock", _("Débloquer le ou la participant·e")


class ModerationDecision(models.Model):
    """The log: who decided what, when, about which contribution or person, and why."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modérateur·rice"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    action = models.CharField(_("décision"), max_length=10, choices=Action.choices)
    reason = models.TextField(_("motif"), blank=True)
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    comment = models.ForeignKey(
        Comment,
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

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("décision de modération")
        verbose_name_plural = _("journal de modération")

    def __str__(self):
        return f"{self.get_action_display()} — {self.subject}"

    CONTRIBUTION_ACTIONS = {
        Action.PUBLISH: Status.PUBLISHED,
        Action.RESTORE: Status.PUBLISHED,
        Action.HIDE: Status.HIDDEN,
        Action.DISMISS: None,
    }

    @classmethod
    @transaction.atomic
    def apply(cls, contribution, moderator, action, reason):
        """Change the contribution, close its reports, log it and tell the author why."""
        new_status = cls.CONTRIBUTION_ACTIONS[action]
        if new_status is not None:
            contribution.status = new_status
            contribution.hidden_reason = reason if new_status == Status.HIDDEN else ""
            contribution.save(update_fields=["status", "hidden_reason", "updated_at"])
        Report.open_for(contribution).update(resolved_at=timezone.now())
        decision = cls.objects.create(
            moderator=moderator,
            action=action,
            reason=reason,
            participant=contribution.author,
            subject=str(contribution.excerpt)[:200],
            **{Report.target_field(contribution): contribution},
        )
        if action != Action.DISMISS:
            decision.notify_author()
        if action == Action.PUBLISH and isinstance(contribution, Comment):
            contribution.notify_reply()
        return decision

    @classmethod
    @transaction.atomic
    def block(cls, participant, moderator, reason, *, blocked=True):
        if blocked:
            participant.block_contributions(reason, by=moderator)
        else:
            participant.unblock_contributions()
        decision = cls.objects.create(
            moderator=moderator,
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
        from accounts.notifications import absolute_url, notify

        from ..notifications import MODERATION

        if self.participant is None:
            return False
        contribution = self.contribution
        return notify(
            self.participant,
            "participation/emails/moderation_decision",
            {
                "decision": self,
                "contribution": contribution,
                "url": absolute_url(contribution.get_absolute_url())
                if contribution
                else "",
            },
            topic=MODERATION,
        )
