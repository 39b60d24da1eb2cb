"""One way to keep a state history: who changed what, when, and why.

A dossier's steps (mayors ``Transition``), a project's status changes (contrats
``ProjectStatusChange``) and the moderation log (participation ``ModerationDecision``)
each subclass ``StateChange``: the same ``actor`` and ``at`` columns, ``record()`` to
write a step, ``history()`` to read them oldest first, and ``summary`` and ``note`` for
the one timeline template, ``includes/history.html``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StateChange(models.Model):
    """A step of a history, written once and never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Vide quand l’application a agi d’elle-même."),
    )
    at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
        get_latest_by = ["at", "pk"]

    @classmethod
    def record(cls, *, actor=None, at=None, **fields):
        """Write one step (``actor`` None: the application did it on its own)."""
        return cls.objects.create(actor=actor, at=at or timezone.now(), **fields)

    @property
    def date(self):
        return timezone.localdate(self.at)

    @property
    def summary(self):
        """What happened, in French, as the timeline says it."""
        raise NotImplementedError

    @property
    def note(self):
        """Why, in the actor's words; empty when there is nothing to add."""
        return ""


def history(changes):
    """The steps of one history (a related manager or queryset), oldest first, with
    their actors: what ``includes/history.html`` shows."""
    return changes.select_related("actor").order_by("at", "pk")
