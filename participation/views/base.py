"""What every participation view shares: refusals, the way back, maps, the charter."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

from cms import cache_policy, restrictions

from ..charter import charter_url
from ..models import ConsultationPage

__all__ = [
    "FIRST_CONTRIBUTION_MESSAGE",
    "back_to",
    "charter_url",
    "consultation_or_404",
    "map_settings",
    "public_consultation_or_404",
    "refused",
    "under_visible_consultation",
]


def map_settings():
    return {
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def refused(request, message):
    """Every refusal takes the one path: the 403 page with its French reason."""
    raise PermissionDenied(message)


def consultation_or_404(request, pk):
    """The consultation a resident acts on, if ``request`` passed its restrictions
    (password, sign-in): what the request writes concerns it only."""
    consultation = get_object_or_404(
        restrictions.visible_to(ConsultationPage.objects.live(), request).specific(),
        pk=pk,
    )
    cache_policy.writes_concern(consultation.pk)
    return consultation


def under_visible_consultation(queryset, request):
    """Proposals or comments of consultations ``request`` may see: the restriction of a
    consultation follows its content and every action on it."""
    return restrictions.visible_to(queryset, request, "consultation__")


def back_to(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


FIRST_CONTRIBUTION_MESSAGE = gettext_lazy(
    "Merci ! C’est votre première contribution : elle sera publiée après sa relecture "
    "par l’équipe de modération. Vous la voyez déjà, avec la mention « En attente "
    "de modération »."
)


def public_consultation_or_404(request, pk):
    """A live consultation outside every restricted section: what open data and the
    poster may show."""
    return get_object_or_404(
        restrictions.public(ConsultationPage.objects.live(), request), pk=pk
    )
