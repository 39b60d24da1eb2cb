"""Models of the contracts app, split by topic and re-exported here."""

from .contracts import ContractPage, ContractsIndexPage
from .programmes import POEntry, POVersion, ProgrammeOperationnel
from .progress import ProgressNote, ProgressNotePhoto, ProjectStatusChange
from .projects import FinancingLine, Project, ProjectDocument, ProjectImage
from .strategy import Axe, Mesure, Orientation
from .territory import Commune, CommuneQuerySet, Epci, EpciQuerySet

__all__ = [
    "Axe",
    "Commune",
    "CommuneQuerySet",
    "ContractPage",
    "ContractsIndexPage",
    "Epci",
    "EpciQuerySet",
    "FinancingLine",
    "Mesure",
    "Orientation",
    "POEntry",
    "POVersion",
    "ProgrammeOperationnel",
    "ProgressNote",
    "ProgressNotePhoto",
    "Project",
    "ProjectDocument",
    "ProjectImage",
    "ProjectStatusChange",
]
