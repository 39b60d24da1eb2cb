from .consultations import (
    ConsultationCategory,
    ConsultationDocument,
    ConsultationIndexPage,
    ConsultationPage,
    ModerationMode,
)
from .contributions import (
    DELETED_PARTICIPANT,
    Answer,
    AnswerStatus,
    Comment,
    CommentRevision,
    Follow,
    Proposal,
    Status,
    Support,
)
from .council import College, CouncilMeeting, CouncilMember, CouncilOpinion, CouncilPage
from .moderation import (
    Action,
    AlreadyReported,
    ModerationDecision,
    Report,
    ReportReason,
)

__all__ = [
    "DELETED_PARTICIPANT",
    "Action",
    "AlreadyReported",
    "Answer",
    "AnswerStatus",
    "College",
    "Comment",
    "CommentRevision",
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
    "Proposal",
    "Report",
    "ReportReason",
    "Status",
    "Support",
]
