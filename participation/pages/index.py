"""The context of the consultations' index: consultations grouped by state."""

from cms import cache_policy

from .. import phases
from ..models.council import CouncilPage

STATES_IN_ORDER = (
    phases.State.OPEN,
    phases.State.UPCOMING,
    phases.State.RESULTS,
    phases.State.CLOSED,
)


def index_context(index):
    """The consultations grouped by state, open ones first, and the council's page."""
    groups = {state: [] for state in phases.State}
    for consultation in index.consultations():
        groups[consultation.state].append(consultation)
        cache_policy.valid_until(consultation.next_state_change())
    return {
        "groups": [
            (state, groups[state]) for state in STATES_IN_ORDER if groups[state]
        ],
        "council": CouncilPage.objects.child_of(index).live().first(),
    }
