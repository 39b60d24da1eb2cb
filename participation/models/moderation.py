"""Reports by residents, decisions by moderators, appeals by authors: all logged.

Moderation is meant to be visible and hard to weaponise: a hidden contribution says why
(a reason of the charter, ``reasons.ReportReason``), its author may ask once for a
review that another moderator decides, reports past the threshold only hide content
for the charter's automatic reasons, and the yearly figures are public.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .contributions import Comment, Proposal, Status
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
    return "proposal" if isinstance(contribution, Proposal) else "comment"


def kind_of(contribution):
    """The contribution's kind as the public and admin URLs spell it."""
    return "proposition" if isinstance(contribution, Proposal) else "commentaire"


def appeal_url(contribution):
    return reverse(
        f"participation:{target_field(contribution)}_appeal", args=[contribution.pk]
    )


class AboutOneContribution(models.Model):
    """About one proposal or one comment (a report, an appeal): each model's check
    constraint makes sure exactly one is set."""

    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    comment = models.ForeignKey(
        Comment,
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
        kind = kind_of(contribution)
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
    UPHOLD = "uphold", _("Maintenir le masquage après réexamen")
    OVERTURN = "overturn", _("Rétablir après réexamen")


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
    reason_code = models.CharField(
        _("motif de la charte"),
        max_length=20,
        choices=ReportReason.choices,
        blank=True,
    )
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
        decision = cls.objects.create(
            moderator=moderator,
            action=action,
            reason=reason,
            reason_code=reason_code if hides else "",
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
            topic=MODERATION,
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
            .order_by("-created_at", "-pk")
            .values_list("moderator", flat=True)
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
        """Tell the moderators who may decide (not the one who hid it) at once."""
        from accounts.models import User
        from accounts.notifications import absolute_url, email_address
        from cms.roles import MODERATION

        addresses = list(
            User.objects.filter(groups__name=MODERATION, is_active=True)
            .exclude(email="")
            .exclude(pk=self.hidden_by_id)
            .values_list("email", flat=True)
            .distinct()
        )
        if not addresses:
            return False
        email_address(
            addresses,
            "participation/emails/appeal_filed",
            {
                "appeal": self,
                "contribution": self.contribution,
                "is_proposal": kind_of(self.contribution) == "proposition",
                "url": absolute_url(
                    reverse("participation_moderation:appeal", args=[self.pk])
                ),
            },
        )
        return True

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


@register_setting(icon="warning")
class ParticipationSettings(BaseSiteSetting):
    """What staff switch without a deployment: here, reviewing newcomers first.

    A site setting of this app rather than a field of cms' SiteSettings: cms knows
    nothing of participation, and moderators get to change this one setting only.
    """

    first_contribution_premoderated = models.BooleanField(
        _("relire la première contribution d’un nouveau compte"),
        default=False,
        help_text=_(
            "Même dans une consultation modérée a posteriori, la première proposition "
            "ou le premier commentaire d’un compte qui n’a encore aucune contribution "
            "publiée attend la validation de l’équipe de modération."
        ),
    )

    panels = [FieldPanel("first_contribution_premoderated")]

    class Meta:
        verbose_name = _("réglages de la participation")

    @classmethod
    def reviews_first_contribution_of(cls, request, user):
        """Whether ``user``'s next contribution waits for review as a newcomer's."""
        if not cls.for_request(request).first_contribution_premoderated:
            return False
        mine = {"author": user, "status": Status.PUBLISHED}
        return not (
            Proposal.objects.filter(**mine).exists()
            or Comment.objects.filter(**mine).exists()
        )


# --- the public yearly statistics ----------------------------------------------------


def year_bounds(year):
    """The first moments of ``year`` and of the next, in the site's time zone."""
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    return start, timezone.make_aware(datetime.datetime(year + 1, 1, 1))


def first_statistics_year():
    """The year of the first resident's contribution, or None (two queries)."""
    firsts = [
        Proposal.objects.filter(is_official=False).aggregate(first=Min("created_at"))[
            "first"
        ],
        Comment.objects.aggregate(first=Min("created_at"))["first"],
    ]
    found = [moment for moment in firsts if moment is not None]
    return timezone.localtime(min(found)).year if found else None


def _contribution_figures(queryset):
    hidden = Q(status=Status.HIDDEN)
    charter_codes = [reason.value for reason in ReportReason.charter()]
    return queryset.aggregate(
        total=Count("pk"),
        published=Count("pk", filter=Q(status=Status.PUBLISHED)),
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        hidden=Count("pk", filter=hidden),
        unspecified=Count(
            "pk", filter=hidden & ~Q(hidden_reason_code__in=charter_codes)
        ),
        **{
            f"hidden_{code}": Count("pk", filter=hidden & Q(hidden_reason_code=code))
            for code in charter_codes
        },
    )


def yearly_statistics(year):
    """The public moderation figures of a year, in four queries whatever the data.

    Contributions (residents' proposals and comments, not those their authors
    deleted) filed during the year, by their present state; reports and appeals
    filed during the year, appeals by their outcome.
    """
    start, end = year_bounds(year)
    during = {"created_at__gte": start, "created_at__lt": end}
    proposals = _contribution_figures(
        Proposal.objects.filter(is_official=False, **during)
    )
    comments = _contribution_figures(
        Comment.objects.filter(deleted_at__isnull=True, **during)
    )
    appeals = Appeal.objects.filter(**during).aggregate(
        filed=Count("pk"),
        upheld=Count("pk", filter=Q(outcome=AppealOutcome.UPHELD)),
        overturned=Count("pk", filter=Q(outcome=AppealOutcome.OVERTURNED)),
        pending=Count("pk", filter=Q(decided_at__isnull=True)),
    )
    columns = ("total", "published", "hidden", "pending")
    rows = [
        {"label": str(_("Propositions")), **{key: proposals[key] for key in columns}},
        {"label": str(_("Commentaires")), **{key: comments[key] for key in columns}},
        {
            "label": str(_("Total")),
            **{key: proposals[key] + comments[key] for key in columns},
        },
    ]
    by_reason = [
        {
            "code": reason.value,
            "label": str(reason.label),
            "proposals": proposals[f"hidden_{reason.value}"],
            "comments": comments[f"hidden_{reason.value}"],
        }
        for reason in ReportReason.charter()
    ]
    if proposals["unspecified"] or comments["unspecified"]:
        by_reason.append(
            {
                "code": "",
                "label": str(_("Motif non précisé (avant la liste de la charte)")),
                "proposals": proposals["unspecified"],
                "comments": comments["unspecified"],
            }
        )
    for row in by_reason:
        row["total"] = row["proposals"] + row["comments"]
    return {
        "year": year,
        "contributions": rows,
        "hidden": rows[2]["hidden"],
        "by_reason": by_reason,
        "reports": Report.objects.filter(**during).count(),
        "appeals": appeals,
    }
