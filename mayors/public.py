"""What anyone reads of a démarche before signing in: its public page and the list of
démarches, in a fixed number of queries whatever the number of fields and pieces."""

from urllib.parse import urlencode

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aides.finder import contact_page
from cms import cache_policy

from .models import CallForPriorities

# Open first, then the coming ones, then the closed.
OPEN, UPCOMING, CLOSED = 0, 1, 2


def deposit_url():
    """The intranet, through the sign-in: a member lands on their dashboard."""
    dashboard = reverse("mayors:dashboard")
    return f"{reverse('account_login')}?{urlencode({'next': dashboard})}"


def listed_demarches(now=None):
    now = now or timezone.now()
    return (
        CallForPriorities.objects.select_related("contract")
        .annotate(
            public_rank=Case(
                When(opens_at__gt=now, then=Value(UPCOMING)),
                When(closes_at__gt=now, then=Value(OPEN)),
                default=Value(CLOSED),
                output_field=IntegerField(),
            )
        )
        .order_by("public_rank", "closes_at", "pk")
    )


def with_states(demarches, now=None):
    """Each démarche's state; the page is kept until the first of them changes."""
    now = now or timezone.now()
    for demarche in demarches:
        demarche.state, changes_at = demarche.public_state(now)
        cache_policy.valid_until(changes_at)
    return demarches


def demarche_context(pk):
    demarche = (
        CallForPriorities.objects.select_related(
            "contract", "measure__axe__orientation"
        )
        .prefetch_related("documents", "form_fields")
        .filter(pk=pk)
        .first()
    )
    if demarche is None:
        return None
    with_states([demarche])
    return {
        "demarche": demarche,
        "documents": demarche.documents.all(),
        "form_fields": demarche.form_fields.all() if demarche.has_typed_form else [],
        "deposit_url": deposit_url(),
        "contact_page": contact_page(),
        "crumbs": [(_("Démarches"), reverse("demarches:index"))],
    }
