from .pages import AidFinderPage
from .schemes import (
    PUBLIC_FUNDERS,
    AidScheme,
    Carrier,
    Funder,
    Theme,
)

__all__ = [
    "PUBLIC_FUNDERS",
    "AidFinderPage",
    "AidScheme",
    "Carrier",
    "Funder",
    "Theme",
]
