"""A dossier's life cycle: its states, what staff may do from each, and its steps."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.history import StateChange

from .. import notifications


class TransitionError(ValidationError):
    """A life-cycle step that the rules forbid; its message is shown to the user."""


class State(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposé")
    IN_REVIEW = "in_review", _("En instruction")
    CHANGES_REQUESTED = "changes_requested", _("À corriger")
    RETAINED = "retained", _("Retenu au PO")
    POSTPONED = "postponed", _("Reporté")
    REJECTED = "rejected", _("Non retenu")
    WITHDRAWN = "withdrawn", _("Retiré")
    EXPIRED = "expired", _("Expiré")
    CLOSED = "closed", _("Classé sans suite")


DECISIONS = (State.RETAINED, State.POSTPONED, State.REJECTED)
CLOSED_STATES = (*DECISIONS, State.WITHDRAWN, State.EXPIRED, State.CLOSED)
# Dossiers that use up one of the commune's places in a call.
COUNTED_STATES = tuple(
    s for s in State if s not in (State.WITHDRAWN, State.EXPIRED, State.CLOSED)
)
# A dossier acknowledged (ARE) is a legal record: closed, never deleted.
ACKNOWLEDGED_OPEN_STATES = (State.SUBMITTED, State.IN_REVIEW, State.CHANGES_REQUESTED)


# What staff may do, and from which states (the methods below enforce the same).
STAFF_ACTIONS = (
    ("start_review", _("Passer en instruction"), (State.SUBMITTED,)),
    (
        "request_changes",
        _("Renvoyer à la commune pour correction"),
        (State.SUBMITTED, State.IN_REVIEW),
    ),
    (State.RETAINED.value, _("Retenir au Programme Opérationnel"), (State.IN_REVIEW,)),
    (State.POSTPONED.value, _("Reporter"), (State.IN_REVIEW,)),
    (State.REJECTED.value, _("Ne pas retenir"), (State.IN_REVIEW,)),
    (State.CLOSED.value, _("Classer sans suite"), ACKNOWLEDGED_OPEN_STATES),
)

#: A form démarche feeds no Programme Opérationnel: its dossiers and the steps on them
#: in its own words; the priority démarche keeps the ones above.
FORM_STATE_LABELS = {State.RETAINED.value: _("Retenu")}
FORM_ACTION_LABELS = {
    "request_changes": _("Renvoyer au porteur pour correction"),
    State.RETAINED.value: _("Retenir le dossier"),
}


def state_label(state, feeds_programme):
    """A dossier's state in the words of its démarche's kind."""
    if not feeds_programme and state in FORM_STATE_LABELS:
        return FORM_STATE_LABELS[state]
    return State(state).label


class ReferenceSequence(models.Model):
    """One counter per year for acknowledgement references (GQ-2026-0042)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("séquence de références")

    def __str__(self):
        return f"{self.year} : {self.last}"

    @classmethod
    def next_reference(cls, year):
        with transaction.atomic():
            cls.objects.get_or_create(year=year)
            sequence = cls.objects.select_for_update().get(year=year)
            sequence.last += 1
            sequence.save(update_fields=["last"])
        return f"GQ-{year}-{sequence.last:04d}"


class Transition(StateChange):
    """One step of a dossier's life cycle: who, when, from, to, why."""

    submission = models.ForeignKey(
        "mayors.Submission",
        verbose_name=_("priorité"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_state = models.CharField(
        _("état de départ"), max_length=20, choices=State.choices, blank=True
    )
    to_state = models.CharField(_("nouvel état"), max_length=20, choices=State.choices)
    message = models.TextField(_("message"), blank=True)

    class Meta(StateChange.Meta):
        verbose_name = _("étape")
        verbose_name_plural = _("historique")

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"

    @property
    def summary(self):
        """The step in the words of the dossier's démarche (its submission is the
        one the history was read from: no query)."""
        feeds = self.submission.call.feeds_programme
        to_state = state_label(self.to_state, feeds)
        if not self.from_state:
            return to_state
        return f"{state_label(self.from_state, feeds)} → {to_state}"

    @property
    def note(self):
        return self.message


class LifeCycle:
    """How a ``Submission`` moves: each step checks the rules, records a ``Transition``
    and tells the people concerned once the step is committed (a step rolled back
    tells no one)."""

    def lock(self):
        """Take the row's lock and read its state again: two tabs, or two people, acting
        on one dossier at once act one after the other, the second on what the first
        did (one deposit, one reference, one acknowledgement)."""
        locked = (
            type(self)
            .objects.select_for_update()
            .filter(pk=self.pk)
            .values("state", "reference", "submitted_at")
            .get()
        )
        for name, value in locked.items():
            setattr(self, name, value)

    def _transition(self, to_state, by, now, message="", allowed_from=()):
        self.lock()
        if self.state not in allowed_from:
            raise TransitionError(
                _("Impossible de passer de « %(from)s » à « %(to)s ».")
                % {"from": self.get_state_display(), "to": State(to_state).label}
            )
        from_state = self.state
        self.state = to_state
        self.last_activity_at = now
        self.save()
        return Transition.record(
            submission=self,
            actor=by,
            at=now,
            from_state=from_state,
            to_state=to_state,
            message=message,
        )

    @transaction.atomic
    def submit(self, by, now=None):
        now = now or timezone.now()
        self.lock()
        problems = self.deposit_problems(now=now)
        if problems:
            raise TransitionError(problems)
        transition = self._transition(
            State.SUBMITTED,
            by,
            now,
            allowed_from=(State.DRAFT, State.CHANGES_REQUESTED),
        )
        if not self.reference:
            self.reference = ReferenceSequence.next_reference(now.year)
        self.submitted_at = now
        self.save(update_fields=["reference", "submitted_at"])
        notifications.after_commit(notifications.send_acknowledgement, self, transition)
        return transition

    resubmit = submit

    @transaction.atomic
    def withdraw(self, by, reason="", now=None):
        return self._transition(
            State.WITHDRAWN,
            by,
            now or timezone.now(),
            reason,
            allowed_from=(State.DRAFT, State.SUBMITTED),
        )

    @transaction.atomic
    def start_review(self, by, now=None):
        transition = self._transition(
            State.IN_REVIEW, by, now or timezone.now(), allowed_from=(State.SUBMITTED,)
        )
        notifications.after_commit(notifications.review_started, self)
        return transition

    @transaction.atomic
    def request_changes(self, by, message, now=None):
        if not message.strip():
            raise TransitionError(_("Expliquez ce que la commune doit corriger."))
        now = now or timezone.now()
        # Straight from « déposé » too: an obviously incomplete dossier goes back in
        # one step, without first being put « en instruction ».
        transition = self._transition(
            State.CHANGES_REQUESTED,
            by,
            now,
            message,
            allowed_from=(State.SUBMITTED, State.IN_REVIEW),
        )
        self.messages.create(author=by, body=message, created_at=now)
        notifications.after_commit(notifications.changes_requested, self, message)
        return transition

    @transaction.atomic
    def decide(self, by, outcome, reason="", now=None):
        if outcome not in DECISIONS:
            raise TransitionError(_("Décision inconnue."))
        if outcome != State.RETAINED and not reason.strip():
            raise TransitionError(_("Indiquez le motif de la décision."))
        now = now or timezone.now()
        transition = self._transition(
            outcome, by, now, reason, allowed_from=(State.IN_REVIEW,)
        )
        self.decided_at = now
        self.decision_reason = reason
        self.save(update_fields=["decided_at", "decision_reason"])
        notifications.after_commit(notifications.decided, self)
        return transition

    @transaction.atomic
    def close(self, by, reason, now=None):
        """Classé sans suite: the end of an acknowledged dossier, with its reason in the
        trace (a dossier with an ARE is never deleted)."""
        if not reason.strip():
            raise TransitionError(
                _("Indiquez pourquoi le dossier est classé sans suite.")
            )
        now = now or timezone.now()
        transition = self._transition(
            State.CLOSED, by, now, reason, allowed_from=ACKNOWLEDGED_OPEN_STATES
        )
        self.decided_at = now
        self.decision_reason = reason
        self.save(update_fields=["decided_at", "decision_reason"])
        self.messages.create(author=by, body=reason, created_at=now)
        return transition

    @property
    def is_legal_record(self):
        """An acknowledgement of receipt was issued: the dossier may not be deleted."""
        return bool(self.reference or self.submitted_at)

    @transaction.atomic
    def expire(self, now=None):
        return self._transition(
            State.EXPIRED,
            None,
            now or timezone.now(),
            _("Brouillon inactif depuis trois mois."),
            allowed_from=(State.DRAFT,),
        )

    def staff_actions(self):
        """The instruction steps valid from the current state, in the staff's words
        for the démarche's kind."""
        words = {} if self.call.feeds_programme else FORM_ACTION_LABELS
        return [
            (action, words.get(action, label))
            for action, label, states in STAFF_ACTIONS
            if self.state in states
        ]

    @property
    def state_display(self):
        """The state as holders and staff read it: « Retenu au PO » only where a PO is fed."""
        return state_label(self.state, self.call.feeds_programme)

    @property
    def is_withdrawable(self):
        return self.state in (State.DRAFT, State.SUBMITTED)

    @property
    def is_decided(self):
        return self.state in DECISIONS
