"""The app's own signal receivers: announcements on publishing, counters kept exact."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import Comment, ConsultationPage, Proposal, Support


@receiver(page_published, sender=ConsultationPage)
def announce_open_consultation(sender, instance, **kwargs):
    """Publishing an open consultation tells the residents who opted in (once)."""
    instance.announce_opening()


# Fields of a comment that change what its proposal's counter counts.
COUNTED_COMMENT_FIELDS = {"status", "deleted_at", "proposal", "proposal_id"}


@receiver(post_save, sender=Support)
@receiver(post_delete, sender=Support)
def recount_supports(sender, instance, **kwargs):
    recount(instance.proposal_id)


@receiver(post_save, sender=Comment)
@receiver(post_delete, sender=Comment)
def recount_comments(sender, instance, **kwargs):
    """Every save that may change what is counted recounts: no drift, whatever the path."""
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not COUNTED_COMMENT_FIELDS & set(update_fields):
        return
    if instance.proposal_id:
        recount(instance.proposal_id)


def recount(proposal_id):
    """Recount under the proposal's row lock, so that counters never drift.

    PostgreSQL takes a snapshot per statement: a recount that waited for the lock of
    a concurrent one counts that one's row too, however many arrive at once.
    """
    with transaction.atomic():
        proposals = Proposal.objects.filter(pk=proposal_id)
        list(proposals.select_for_update().values_list("pk", flat=True))
        proposals.refresh_counts()
