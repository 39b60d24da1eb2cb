"""The read-only JSON API: lists and details, paginated, filtered, throttled.

Every list reads its page in a fixed number of queries whatever the data size
(``tests/api/test_queries.py``). Responses are the same for every visitor, so they
go through the anonymous page cache like the site's pages (``cms.cache``).

One module per resource (``consultations``, ``proposals`` with the answers,
``projects``, ``communes``, ``aides``), what they share in ``base``, the schema and its page in
``documentation``.
"""

from .aides import AidSchemeViewSet
from .communes import CommuneViewSet
from .consultations import ConsultationViewSet
from .documentation import SchemaView, documentation, not_found, openapi_schema
from .projects import ProjectViewSet
from .proposals import AnswerViewSet, ProposalViewSet

__all__ = [
    "AidSchemeViewSet",
    "AnswerViewSet",
    "CommuneViewSet",
    "ConsultationViewSet",
    "ProjectViewSet",
    "ProposalViewSet",
    "SchemaView",
    "documentation",
    "not_found",
    "openapi_schema",
]
