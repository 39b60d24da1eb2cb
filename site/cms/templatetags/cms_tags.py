from django import template

from .. import chrome, images, typography

register = template.Library()


@register.simple_tag
def existing_rendition(image, spec):
    """``{% existing_rendition image "fill-640x360" as r %}``: a generated rendition or None.

    Never resizes: renditions are made on publish (see cms.images).
    """
    return images.existing_rendition(image, spec)


@register.simple_tag(takes_context=True)
def social_image_url(context, page):
    """Absolute URL of the page's Open Graph image, when its rendition exists."""
    getter = getattr(page, "get_social_image", None)
    rendition = images.existing_rendition(getter() if getter else None, images.SOCIAL)
    if rendition is None:
        return ""
    return context["request"].build_absolute_uri(rendition.url)


@register.simple_tag(takes_context=True)
def get_site_settings(context):
    """The site's SiteSettings, from the cached page chrome (no query on a warm site)."""
    return chrome.get_chrome(context["request"])["settings"]


@register.simple_tag(takes_context=True)
def footer_links(context):
    """``[(label, url), …]`` the apps add to the footer (cms.chrome), from the cache."""
    return chrome.get_chrome(context["request"]).get("footer_links", [])


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    """The staff-edited main menu; the current section is marked with aria-current."""
    path = context["request"].path
    items = []
    for entry in chrome.get_chrome(context["request"])["menu"]:
        url = entry["url"]
        if url == path:
            current = "page"
        elif url != "/" and url.startswith("/") and path.startswith(url):
            current = "true"
        else:
            current = None
        items.append({"text": entry["text"], "url": url, "current": current})
    return {"items": items, "home_current": path == "/"}


@register.inclusion_tag("tags/notice_banners.html", takes_context=True)
def notice_banners(context):
    return {"banners": chrome.active_banners(chrome.get_chrome(context["request"]))}


@register.simple_tag
def breadcrumb_ancestors(page):
    """The pages above ``page``, from the home page down (the tree root left out)."""
    if page is None or not getattr(page, "depth", None) or page.depth <= 2:
        return []
    routed = getattr(page, "_cms_ancestors", None)  # read while routing
    if routed is not None:
        return [ancestor for ancestor in routed if ancestor.depth > 1]
    return list(
        page.get_ancestors()
        .filter(depth__gt=1)
        .only("id", "title", "url_path", "depth", "path", "locale")
    )


@register.simple_tag
def elided_pages(page_obj):
    """Page numbers around the current one (… elsewhere): cost independent of the page count."""
    return page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=2, on_ends=1
    )


@register.simple_tag(takes_context=True)
def page_query(context, number, param="page"):
    """The current query string with one parameter set (other filters are kept)."""
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()


@register.filter(name="of")
def of_place(name):
    """``{{ commune|of }}``: « d’Espère », « de Cahors », « du Vigan »."""
    return typography.of(name)
