"""Abuse limits: fixed-window counters in the shared cache, per account and per IP address."""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

LIMIT_MESSAGE = _(
    "Vous avez atteint la limite de contributions pour le moment. "
    "Merci de réessayer un peu plus tard."
)


def client_ip(request):
    """The client's address as allauth sees it (ALLAUTH_TRUSTED_PROXY_COUNT behind a proxy)."""
    from allauth.account.adapter import get_adapter

    return get_adapter(request).get_client_ip(request) or ""


def _parse(rate):
    count, seconds = rate.split("/")
    return int(count), int(seconds)


def consume(request, action):
    """Count one ``action``; False when the account or the address is over its limit."""
    rate = settings.PARTICIPATION_RATE_LIMITS.get(action)
    if not rate:
        return True
    limit, seconds = _parse(rate)
    keys = [f"participation-rl:{action}:ip:{client_ip(request)}"]
    if request.user.is_authenticated:
        keys.append(f"participation-rl:{action}:user:{request.user.pk}")
    allowed = True
    for key in keys:
        cache.add(key, 0, timeout=seconds)
        try:
            used = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=seconds)
            used = 1
        allowed = allowed and used <= limit
    return allowed
