"""The participation charter chosen in the participation settings: accepted at
sign-up, linked from the footer (the ``register_footer_links`` hook of ``cms.chrome``)
and from the consultations.

The settings come with the cached page chrome (``register_site_related``): reading
the charter costs no query.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms import chrome

SITE_RELATED = "site__participationsettings__charter_page"


def charter_of(site):
    """The site's charter page when chosen and published, else None."""
    settings = getattr(site, "participationsettings", None) if site else None
    page = settings.charter_page if settings else None
    if page is None or not page.live:
        return None
    return page


def charter_page(request):
    if request is None:
        return None
    site_settings = chrome.get_chrome(request)["settings"]
    return charter_of(site_settings.site if site_settings else None)


def charter_url(request):
    page = charter_page(request)
    return (page.get_url(request) or "") if page is not None else ""


def footer_links(site, request):
    """The charter (when chosen and published) and the moderation statistics."""
    links = []
    page = charter_of(site)
    if page is not None:
        links.append((_("Charte de participation"), page.get_url(request)))
    links.append(
        (
            _("Statistiques de modération"),
            reverse("participation:moderation_statistics_latest"),
        )
    )
    return links
