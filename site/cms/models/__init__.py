"""The public site's models, split by area (pages, news, agenda, forms, settings)."""

from .base import BasePage, RelatedPageLink
from .events import EventIndexPage, EventPage, EventRelatedPage
from .forms import ContactFormField, ContactPage
from .news import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag, NewsRelatedPage
from .pages import HomePage, SitemapPage, StandardPage
from .settings import MainMenuItem, SiteSettings
from .snippets import NoticeBanner

__all__ = [
    "BasePage",
    "ContactFormField",
    "ContactPage",
    "EventIndexPage",
    "EventPage",
    "EventRelatedPage",
    "HomePage",
    "MainMenuItem",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "NewsRelatedPage",
    "NoticeBanner",
    "RelatedPageLink",
    "SiteSettings",
    "SitemapPage",
    "StandardPage",
]
