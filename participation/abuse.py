"""Abuse limits: fixed-window counters in the shared cache, per account and per IP
address; and caps per account counted from what the account really recorded.

While Redis is away the counters live in each app process's memory
(``cms.redis_cache``): every process enforces the limits on its own.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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
        # A cache that swallows its errors answers None: counted as a first attempt.
        allowed = allowed and (used or 1) <= limit
    return allowed


def report_cap_refusal(reports):
    """The French refusal when an account sent as many reports as its cap allows.

    Beyond ``consume(request, "report")``: ``PARTICIPATION_RATE_LIMITS["report_daily"]``
    ("count/seconds") per account, counted in the database from ``reports`` (the
    account's own) over a sliding window: exact across app servers and cache
    restarts, and attempts that recorded nothing (a second report of the same
    content) do not count.
    """
    rate = settings.PARTICIPATION_RATE_LIMITS.get("report_daily")
    if not rate:
        return None
    limit, seconds = _parse(rate)
    since = timezone.now() - datetime.timedelta(seconds=seconds)
    if reports.filter(created_at__gte=since).count() < limit:
        return None
    hours = max(1, round(seconds / 3600))
    return _(
        "Vous avez atteint le maximum de signalements par compte (%(limit)d en "
        "%(period)s). L’équipe de modération examine ceux que vous avez envoyés ; "
        "vous pourrez en envoyer d’autres plus tard."
    ) % {
        "limit": limit,
        "period": ngettext("%(n)d heure", "%(n)d heures", hours) % {"n": hours},
    }
