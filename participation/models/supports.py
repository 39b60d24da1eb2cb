"""Supports and follows: what a resident does for a proposal without writing."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Support(models.Model):
    proposal = models.ForeignKey(
        "participation.Proposal",
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
        "participation.Proposal", on_delete=models.CASCADE, related_name="follows"
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
