"""Comments on a consultation or a proposal, one level of replies, and their previous texts."""

from django.db import models, transaction
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.notifications import absolute_url, notify

from .. import notifications
from .choices import Stance, Status
from .contributions import Contribution, ContributionQuerySet, deposit_is_complete


class CommentQuerySet(ContributionQuerySet):
    def with_author(self):
        """With what the signature shows (a mairie's name for a resident's deposit)."""
        return self.select_related("author", "deposit_commune").defer(
            "deposit_commune__geometry"
        )

    def stance_counts(self):
        """Published comments per stance, in one query: {"pour": n, "contre": n, …}."""
        counted = self.filter(status=Status.PUBLISHED, deleted_at__isnull=True)
        return counted.aggregate(
            **{
                stance.value: Count("pk", filter=Q(stance=stance.value))
                for stance in Stance
            }
        )


class Comment(Contribution):
    proposal = models.ForeignKey(
        "participation.Proposal",
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
    stance = models.CharField(
        _("étiquette"), max_length=10, choices=Stance.choices, blank=True
    )
    edited_at = models.DateTimeField(_("modifié le"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("supprimé le"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    deposit_mark = _("%(name)s (déposé en mairie %(of_commune)s)")

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        constraints = [deposit_is_complete("comment")]
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
            # A page of a thread and its replies, in one query (pages.threads.comment_thread).
            models.Index(
                Coalesce("parent_id", "id"), name="participation_comment_root"
            ),
            # Recounting a proposal's published comments, and counting them per
            # stance, read only this index.
            models.Index(
                fields=["proposal", "stance"],
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

    def notify_reply(self):
        """Tell the parent comment's author about this reply, once it is public."""
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
            topic=notifications.REPLY,
        )

    @transaction.atomic
    def edit(self, body, stance=None):
        """Change the text (and the stance) and keep the previous text: moderators
        can see every version."""
        changed = []
        if stance is not None and stance != self.stance:
            self.stance = stance
            changed.append("stance")
        if body != self.body:
            CommentRevision.objects.create(comment=self, body=self.body)
            self.body = body
            self.edited_at = timezone.now()
            changed += ["body", "edited_at"]
        if changed:
            self.save(update_fields=[*changed, "updated_at"])

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
