from django.urls import path

from . import feeds, views
from .decorators import cache_anonymous_view

urlpatterns = [
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("recherche/", views.search, name="search"),
    path(
        "flux/actualites.rss", cache_anonymous_view(feeds.NewsFeed()), name="news_rss"
    ),
    path(
        "flux/actualites.atom",
        cache_anonymous_view(feeds.AtomNewsFeed()),
        name="news_atom",
    ),
    path(
        "flux/agenda.ics", cache_anonymous_view(feeds.agenda_ical), name="agenda_ical"
    ),
]
