"""The participation models, one module per kind (see each module's docstring)."""

from .answers import Answer
from .appeals import Appeal, AppealOutcome
from .choices import AnswerStatus, Stance, Status
from .comments import Comment, CommentRevision
from .consultation_index import ConsultationIndexPage
from .consultations import (
    ConsultationCategory,
    ConsultationDocument,
    ConsultationPage,
    ModerationMode,
)
from .contributions import DELETED_PARTICIPANT
from .council import College, CouncilMeeting, CouncilMember, CouncilOpinion, CouncilPage
from .moderation import (
    Action,
    AlreadyAppealed,
    AlreadyReported,
    AppealClosed,
    ModerationDecision,
    Report,
)
from .profiles import ParticipantProfile
from .proposals import Proposal, ProposalRevision
from .reasons import ReportReason
from .site_settings import ParticipationSettings
from .supports import Follow, Support

__all__ = [
    "DELETED_PARTICIPANT",
    "Action",
    "AlreadyAppealed",
    "AlreadyReported",
    "Answer",
    "AnswerStatus",
    "Appeal",
    "AppealClosed",
    "AppealOutcome",
    "College",
    "Comment",
    "CommentRevision",
    "ProposalRevision",
    "ConsultationCategory",
    "ConsultationDocument",
    "ConsultationIndexPage",
    "ConsultationPage",
    "CouncilMeeting",
    "CouncilMember",
    "CouncilOpinion",
    "CouncilPage",
    "Follow",
    "ModerationDecision",
    "ModerationMode",
    "ParticipantProfile",
    "ParticipationSettings",
    "Proposal",
    "Report",
    "ReportReason",
    "Stance",
    "Status",
    "Support",
]
