"""What happens to projects and programmes, for other apps to react to.

contrats knows neither participation nor mayors: they connect receivers here (the
e-mails to a proposal's followers, for instance). Each signal is sent once, after the
transaction that made the change commits, so a receiver never sees a change that
was rolled back and may read everything saved with it (a note's photos).
"""

from django.db import transaction
from django.dispatch import Signal

#: A new project was registered (its first status recorded, its communes saved).
#: sender: ``Project``; kwargs: ``project``, ``change`` (the first ``ProjectStatusChange``).
project_registered = Signal()

#: A project's status changed (not sent for the first status of a new project).
#: sender: ``Project``; kwargs: ``project``, ``change`` (the ``ProjectStatusChange``).
project_status_changed = Signal()

#: Staff published a progress note; sent when the note is created, not on later edits.
#: sender: ``ProgressNote``; kwargs: ``note``.
progress_note_published = Signal()

#: A version of a Programme Opérationnel was adopted (initial adoption or avenant).
#: sender: ``POVersion``; kwargs: ``version``.
po_version_adopted = Signal()


def send_on_commit(signal, sender, **kwargs):
    """Send ``signal`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: signal.send(sender=sender, **kwargs))
