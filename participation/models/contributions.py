"""What proposals and comments share: author, moderation state, deposit at the mairie.

The concrete models live in ``proposals``, ``comments``, ``supports`` and ``answers``;
their states and tags in ``choices``.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.typography import of as of_commune

from .choices import DepositChannel, Status
from .moderation import ModerationDecision, Report
from .reasons import ReportReason
from .site_settings import ParticipationSettings

__all__ = [
    "CONSENT_REQUIRED",
    "DELETED_PARTICIPANT",
    "HIDDEN_AUTHOR",
    "HIDDEN_PROPOSAL_TITLE",
    "RESIDENT_NAME_REQUIRED",
    "WITHDRAWN_PROPOSAL_TITLE",
    "Contribution",
    "ContributionQuerySet",
    "DepositChannel",
    "Status",
    "deposit_is_complete",
    "of_commune",
]

DELETED_PARTICIPANT = _("Participant·e supprimé·e")
# What the public sees of a hidden contribution, wherever it would appear (page,
# <title>, breadcrumb, feeds, search, API, open data, e-mails).
HIDDEN_PROPOSAL_TITLE = _("Proposition masquée par la modération")
HIDDEN_AUTHOR = _("auteur·rice masqué·e")
WITHDRAWN_PROPOSAL_TITLE = _("Proposition retirée par son auteur·rice")

CONSENT_REQUIRED = _(
    "Sans l’accord de l’habitant·e (publication sous ce nom et charte de "
    "participation), la contribution ne peut pas être enregistrée."
)
RESIDENT_NAME_REQUIRED = _(
    "Indiquez le nom ou le pseudonyme sous lequel l’habitant·e veut être publié·e."
)


def deposit_is_complete(prefix):
    """A contribution entered at the mairie always names its resident and their consent."""
    return models.CheckConstraint(
        condition=Q(deposit_commune__isnull=True)
        | (Q(consent_at__isnull=False) & ~Q(resident_name="")),
        name=f"participation_{prefix}_deposit_complete",
    )


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
    hidden_reason_code = models.CharField(
        _("motif de masquage (charte)"),
        max_length=20,
        choices=ReportReason.choices,
        blank=True,
    )
    hidden_reason = models.TextField(_("motif de masquage"), blank=True)
    created_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    # Entered at the mairie on behalf of a resident (see deposit_at_mairie): no
    # author account; the resident's public name and consent, and who recorded them.
    deposit_commune = models.ForeignKey(
        "contrats.Commune",
        verbose_name=_("déposée en mairie de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mairie_%(class)ss",
    )
    deposited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisie par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deposited_%(class)ss",
    )
    resident_name = models.CharField(
        _("nom ou pseudonyme de l’habitant·e"), max_length=80, blank=True
    )
    consent_at = models.DateTimeField(
        _("accord de l’habitant·e recueilli le"), null=True, blank=True
    )
    channel = models.CharField(
        _("arrivée"), max_length=12, choices=DepositChannel.choices, blank=True
    )

    objects = ContributionQuerySet.as_manager()

    deposit_mark = _("%(name)s (déposée en mairie %(of_commune)s)")

    class Meta:
        abstract = True

    @property
    def author_name(self):
        """The public signature: an account's public name, or a resident's with the mark."""
        if self.deposit_commune_id is not None:
            return self.deposit_mark % {
                "name": self.resident_name,
                "of_commune": of_commune(self.deposit_commune.name),
            }
        if self.author_id is None:
            return DELETED_PARTICIPANT
        return self.author.public_name

    @property
    def public_author_name(self):
        """The signature the public sees: none while the contribution is hidden."""
        return HIDDEN_AUTHOR if self.is_hidden else self.author_name

    @property
    def editable_until(self):
        return self.created_at + datetime.timedelta(
            minutes=settings.PARTICIPATION_EDIT_WINDOW_MINUTES
        )

    @property
    def in_edit_window(self):
        return timezone.now() <= self.editable_until

    @property
    def is_deposited(self):
        return self.deposit_commune_id is not None

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_hidden(self):
        return self.status == Status.HIDDEN

    @property
    def is_pending(self):
        return self.status == Status.PENDING

    def initial_status(self, request=None):
        """Pending in a pre-moderated consultation; with ``request``, also a newcomer's
        first contribution when the participation settings ask for it."""
        if self.consultation.pre_moderated or (
            request is not None
            and ParticipationSettings.reviews_first_contribution_of(
                request, self.author
            )
        ):
            return Status.PENDING
        return Status.PUBLISHED

    @classmethod
    def deposit_at_mairie(
        cls, *, consultation, mairie, by, resident_name, channel, consented, **fields
    ):
        """Record what a resident gave at the mairie of ``mairie`` (a commune), in
        person or on paper.

        Signed with the resident's name and the mairie's mark, never with the account
        of the person who typed it (``deposited_by``, kept with the time of consent);
        moderated like any other contribution. The caller checks the rules
        (``mayors.deposit_*``): this side knows nothing of the intranet.
        """
        resident_name = (resident_name or "").strip()
        if not resident_name:
            raise ValidationError({"resident_name": RESIDENT_NAME_REQUIRED})
        if not consented:
            raise ValidationError({"consent": CONSENT_REQUIRED})
        contribution = cls(
            consultation=consultation,
            deposit_commune=mairie,
            deposited_by=by,
            resident_name=resident_name,
            channel=channel,
            consent_at=timezone.now(),
            **fields,
        )
        contribution.status = contribution.initial_status()
        contribution.save()
        return contribution

    # --- moderation (see moderation.py for the log and the reports) ----------------

    def report(self, reporter, reason, details=""):
        return Report.file(self, reporter, reason, details)

    def moderate(self, moderator, action, reason, reason_code=""):
        return ModerationDecision.apply(self, moderator, action, reason, reason_code)
