"""What taking part needs to know about an account, kept beside it by participation.

The account (``accounts.User``) knows nothing of communes nor of moderation: the
resident's commune, the charter they accepted and a moderator's block live here, one
row per account, created the first time one of them is written. Reading never
writes: an account without a row reads as a profile with nothing set.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BLOCK_FIELDS = [
    "contribution_blocked",
    "contribution_blocked_reason",
    "contribution_blocked_at",
    "contribution_blocked_by",
]


class ParticipantProfile(models.Model):
    """A resident's commune, charter and contribution state (one per account)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="participation_profile",
    )
    commune = models.ForeignKey(
        "contrats.Commune",
        verbose_name=_("commune de résidence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
    )
    charter_accepted_at = models.DateTimeField(
        _("charte de participation acceptée le"), null=True, blank=True
    )
    contribution_blocked = models.BooleanField(
        _("bloqué·e pour contribuer"),
        default=False,
        help_text=_(
            "Un·e participant·e bloqué·e peut lire et se connecter, mais ne peut plus "
            "proposer, commenter, soutenir ni signaler."
        ),
    )
    contribution_blocked_reason = models.TextField(_("motif du blocage"), blank=True)
    contribution_blocked_at = models.DateTimeField(
        _("bloqué·e le"), null=True, blank=True
    )
    contribution_blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bloqué·e par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("profil de participant·e")
        verbose_name_plural = _("profils de participant·es")

    def __str__(self):
        return str(self.user)

    @classmethod
    def of(cls, user):
        """The account's profile, read with the account when it was loaded through its
        manager; an unsaved empty one when there is none (never written on read)."""
        if user is None or not user.is_authenticated:
            return cls()
        try:
            return user.participation_profile
        except cls.DoesNotExist:
            return cls()

    @classmethod
    def to_write(cls, user):
        """The account's profile, created now if it has none."""
        profile = cls.of(user)
        if profile._state.adding:
            profile, _created = cls.objects.get_or_create(user=user)
            user.participation_profile = profile
        return profile

    def accept_charter(self, when=None):
        self.charter_accepted_at = when or timezone.now()
        self.save(update_fields=["charter_accepted_at"])

    def block(self, reason, by=None):
        """Moderators stop someone contributing; reading and signing in still work."""
        self.contribution_blocked = True
        self.contribution_blocked_reason = reason
        self.contribution_blocked_at = timezone.now()
        self.contribution_blocked_by = by
        self.save(update_fields=BLOCK_FIELDS)

    def unblock(self):
        self.contribution_blocked = False
        self.contribution_blocked_reason = ""
        self.contribution_blocked_at = None
        self.contribution_blocked_by = None
        self.save(update_fields=BLOCK_FIELDS)

    def erase(self):
        """What identifies the person goes; the block itself stays on the erased row."""
        self.commune = None
        self.charter_accepted_at = None
        self.contribution_blocked_reason = ""
        self.contribution_blocked_by = None
        self.save(
            update_fields=[
                "commune",
                "charter_accepted_at",
                "contribution_blocked_reason",
                "contribution_blocked_by",
            ]
        )
