from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.decorators import cache_anonymous_view
from ops import views as ops_views
from participation.views import opendata as participation_opendata

urlpatterns = [
    path("healthz", ops_views.healthz, name="healthz"),
    # One login door: Wagtail's own sign-in and password reset send to allauth's.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path(
        "admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("compte/", include("accounts.urls")),
    path("compte/", include("allauth.urls")),
    path("espace-elus/", include("mayors.urls")),
    path("demarches/", include("mayors.public_urls")),
    path("participation/", include("participation.urls")),
    path(
        "donnees/catalogue.jsonld",
        cache_anonymous_view(participation_opendata.dcat_catalogue),
        name="dcat_catalogue",
    ),
    path("api/v1/", include("api.urls")),
    path("aides-financements/", include("aides.urls")),
    path("", include("contrats.urls")),
    path("", include("cms.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))

# PostgreSQL not answering: a French 503 page (JSON under /api/), see cms.outage.
handler500 = "cms.outage.server_error"
