"""What happens to proposals, for other modules to react to (receivers: ``receivers``)."""

from django.dispatch import Signal

from contrats.signals import send_on_commit

__all__ = ["proposal_linked", "send_on_commit"]

#: Staff linked a proposal to the project it became (first link or a new project);
#: sent once the transaction commits. sender: ``Proposal``; kwargs: ``proposal``,
#: ``project``. Not sent when the link is removed.
proposal_linked = Signal()
