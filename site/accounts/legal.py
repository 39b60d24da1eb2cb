"""The privacy notice of participants, as chosen by editors in the cms site settings.

The participation charter belongs to participation (its own site settings): accounts
knows no app.
"""

from dataclasses import dataclass

from wagtail.models import Page

from cms.models import SiteSettings


@dataclass(frozen=True)
class LegalPages:
    privacy: Page | None = None


def live_specific(page):
    if page is None or not page.live:
        return None
    return page


def legal_pages(request):
    """Read the cms site settings; a page not chosen (or unpublished) is None."""
    if request is None:
        return LegalPages()
    site_settings = SiteSettings.for_request(request)
    return LegalPages(privacy=live_specific(site_settings.privacy_page))
