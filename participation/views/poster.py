"""The A4 poster of a consultation, for the mairies' notice boards."""

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from cms import sites
from cms.decorators import cache_anonymous_view

from .. import poster
from .base import public_consultation_or_404


@cache_anonymous_view
@require_GET
def consultation_poster(request, pk):
    """The A4 poster (PDF) of a live, public consultation; a restricted one has none."""
    from cms.models import SiteSettings

    consultation = public_consultation_or_404(request, pk)
    sites.find_site(request)
    path = consultation.url  # relative on a single site, absolute otherwise
    url = path if "://" in path else settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    response = HttpResponse(
        poster.render(
            organisation=SiteSettings.for_request(request).organisation_name,
            title=consultation.title,
            opens_at=consultation.opens_at,
            closes_at=consultation.closes_at,
            text=consultation.easy_read or consultation.summary,
            url=url,
        ),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'inline; filename="affiche-{consultation.slug}.pdf"'
    )
    return response
