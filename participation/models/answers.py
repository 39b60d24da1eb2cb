"""The official answer to a proposal."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.notifications import absolute_url, announce

from .. import notifications
from .choices import AnswerStatus
from .proposals import Proposal


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
        """A step for everyone the proposal concerns: whether they wrote, supported or
        follow it, each hears of this answer once (a new status is a new step)."""
        return announce(
            self.proposal.followers(),
            f"proposal:{self.proposal_id}:answer:{self.status}",
            "participation/emails/answer",
            {
                "answer": self,
                "proposal": self.proposal,
                "url": absolute_url(self.proposal.get_absolute_url()),
            },
            topic=notifications.ANSWER,
        )
