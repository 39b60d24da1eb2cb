"""The participation charter and the privacy notice, as chosen by editors in Wagtail."""

from dataclasses import dataclass

from wagtail.models import Page

from cms.models import SiteSettings


@dataclass(frozen=True)
class LegalPages:
    charter: Page | None = None
    privacy: Page | None = None


def live_specific(page):
    if page is None or not page.live:
        return None
    return page


def legal_pages(request):
    """Read the cms site settings; pages not chosen (or unpublished) are None."""
    if request is None:
        return LegalPages()
    site_settings = SiteSettings.for_request(request)
    return LegalPages(
        charter=live_specific(site_settings.participation_charter_page),
        privacy=live_specific(site_settings.privacy_page),
    )
