"""Phases as data: the state of a consultation at a moment, and what each state allows.

The rules (``participation/rules.py``) ask ``consultation.allows(feature)``; no view or
template compares dates itself.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

PROPOSE = "propose"
COMMENT = "comment"
SUPPORT = "support"
REPORT = "report"
FEATURES = (PROPOSE, COMMENT, SUPPORT, REPORT)


class State(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    OPEN = "open", _("Ouverte")
    CLOSED = "closed", _("Clôturée")
    RESULTS = "results", _("Résultats publiés")


@dataclass(frozen=True)
class Phase:
    state: State
    allows: frozenset
    explanation: str

    @property
    def label(self):
        return self.state.label


PHASES = {
    State.UPCOMING: Phase(
        State.UPCOMING,
        frozenset(),
        _("La consultation n’est pas encore ouverte."),
    ),
    State.OPEN: Phase(
        State.OPEN,
        frozenset({PROPOSE, COMMENT, SUPPORT, REPORT}),
        _("La consultation est ouverte."),
    ),
    State.CLOSED: Phase(
        State.CLOSED,
        frozenset({REPORT}),
        _("La consultation est clôturée."),
    ),
    State.RESULTS: Phase(
        State.RESULTS,
        frozenset({REPORT}),
        _("La consultation est clôturée et ses résultats sont publiés."),
    ),
}


def state_at(opens_at, closes_at, results_published_at, now):
    """The state for these dates at ``now``; results only count once the consultation closed."""
    if opens_at is None or now < opens_at:
        return State.UPCOMING
    if closes_at is None or now < closes_at:
        return State.OPEN
    if results_published_at is not None and results_published_at <= now:
        return State.RESULTS
    return State.CLOSED


def phase_at(opens_at, closes_at, results_published_at, now):
    return PHASES[state_at(opens_at, closes_at, results_published_at, now)]
