"""The intranet's card among the home page's « Accès rapides » (cms.home)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cms import chrome
from cms.home import QuickAccess

SITE_RELATED = "site__intranetsettings"


def quick_access(home, request):
    """Its text is the intranet settings', read with the page chrome (no query)."""
    site_settings = chrome.get_chrome(request)["settings"]
    site = site_settings.site if site_settings else None
    intranet = getattr(site, "intranetsettings", None) if site else None
    return QuickAccess(
        key="intranet",
        title=_("Espace des élus"),
        url=reverse("mayors:dashboard"),
        text=(intranet.home_text if intranet else "")
        or _("L’intranet des collectivités : déposez et suivez vos dossiers en ligne."),
    )
