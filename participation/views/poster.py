"""The A4 poster of a consultation, for the mairies' notice boards."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from accounts.notifications import absolute_url
from cms import chrome
from cms.decorators import cache_anonymous_view

from .. import poster
from .base import public_consultation_or_404


@cache_anonymous_view
@require_GET
def consultation_poster(request, pk):
    """The A4 poster (PDF) of a live, public consultation; a restricted one has none."""
    consultation = public_consultation_or_404(request, pk)
    response = HttpResponse(
        poster.render(
            organisation=chrome.organisation_name(request),
            title=consultation.title,
            opens_at=consultation.opens_at,
            closes_at=consultation.closes_at,
            text=consultation.easy_read or consultation.summary,
            url=absolute_url(consultation.url),
        ),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'inline; filename="affiche-{consultation.slug}.pdf"'
    )
    return response
