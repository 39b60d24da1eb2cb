"""What every public page shows around its content: settings, main menu, notice banners,
and the links the apps add to the footer (the ``register_footer_links`` hook:
``(site, request) -> [(label, url), …]``, in the hooks' order, after the legal pages).

The apps' own site settings come in the same query (the ``register_site_related``
hook: ``() -> ["site__<setting>", …]``, as ``select_related`` paths), so that reading
them (``get_chrome(request)["settings"].site``) costs nothing.

Read once per content generation (see cms.cache) and kept in the cache, so that the
header and footer cost no SQL query on a warm site. Any save of a setting, menu item or
banner bumps the generation; banner dates are checked at each rendering.
"""

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from . import cache_policy, generational, sites
from .models import MainMenuItem, NoticeBanner, SiteSettings

TIMEOUT = 3600
FOOTER_LINKS_HOOK = "register_footer_links"
SITE_RELATED_HOOK = "register_site_related"


def site_related():
    return [name for hook in hooks.get_hooks(SITE_RELATED_HOOK) for name in hook()]


def _load(site, request):
    settings = (
        SiteSettings.base_queryset()
        .select_related("site", *site_related())
        .prefetch_related(
            Prefetch(
                "menu_items",
                queryset=MainMenuItem.objects.select_related("link_page").order_by(
                    "sort_order"
                ),
            )
        )
        .filter(site=site)
        .first()
    )
    if settings is None:
        settings = SiteSettings(site=site)
        menu = []
    else:
        menu = [
            {"text": item.text, "url": url}
            for item in settings.menu_items.all()
            if (url := item.get_url(request))
        ]
    banners = list(
        NoticeBanner.objects.filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now())
        )
        .select_related("link_page")
        .order_by("-level", "-pk")
    )
    cache_policy.valid_until(cache_policy.next_moment(*(b.ends_at for b in banners)))
    footer_links = [
        link
        for provider in hooks.get_hooks(FOOTER_LINKS_HOOK)
        for link in provider(settings.site, request)
    ]
    return {
        "settings": settings,
        "menu": menu,
        "banners": banners,
        "footer_links": footer_links,
    }


def get_chrome(request):
    """Settings, menu entries (text, url) and banners of the request's site."""
    chrome = getattr(request, "_cms_chrome", None)
    if chrome is not None:
        return chrome
    site = sites.find_site(request)
    if site is None:
        chrome = {"settings": None, "menu": [], "banners": [], "footer_links": []}
    else:
        chrome = generational.get_or_compute(
            f"site-chrome:{site.pk}",
            lambda: _load(site, request),
            TIMEOUT,
            scopes=cache_policy.ONLY_CONTENT,
        )
    request._cms_chrome = chrome
    return chrome


def organisation_name(request):
    """The name the site's settings give the organisation, the PETR's if none."""
    site_settings = get_chrome(request)["settings"]
    return (site_settings.organisation_name if site_settings else "") or _(
        "PETR Grand Quercy"
    )


def active_banners(chrome, now=None):
    now = now or timezone.now()
    return [
        banner
        for banner in chrome["banners"]
        if (banner.starts_at is None or banner.starts_at <= now)
        and (banner.ends_at is None or banner.ends_at > now)
    ]
