"""The intranet of the communes and the Conférence des Maires."""

from .calls import CallForPriorities, DeadlineExtension
from .conference import ConferencePage, ConferenceSession, Opinion, SessionDocument
from .demarches import DemarcheDocument, DemarcheField, DocumentFamily, FieldKind
from .exchanges import Attachment, Message
from .lifecycle import ReferenceSequence, Transition
from .organisations import Organisation, OrganisationKind
from .people import ElectedOfficial, Role
from .site_settings import IntranetSettings
from .submissions import FinancingPlanLine, Submission

__all__ = [
    "Attachment",
    "CallForPriorities",
    "ConferencePage",
    "ConferenceSession",
    "DeadlineExtension",
    "DemarcheDocument",
    "DemarcheField",
    "DocumentFamily",
    "ElectedOfficial",
    "FieldKind",
    "FinancingPlanLine",
    "IntranetSettings",
    "Message",
    "Opinion",
    "Organisation",
    "OrganisationKind",
    "ReferenceSequence",
    "Role",
    "SessionDocument",
    "Submission",
    "Transition",
]
