"""Who may take part: the permission every app composes into its own (``cms.permissions``)."""

import rules
from django.utils.translation import gettext_lazy as _

from cms.permissions import define, is_active, is_verified


@rules.predicate
def is_blocked_from_contributing(user):
    return bool(user and user.is_authenticated and user.contribution_blocked)


is_active_resident = is_active & is_verified
can_contribute = is_active_resident & ~is_blocked_from_contributing

define(
    "accounts.contribute",
    (
        can_contribute,
        _(
            "Il faut un compte actif, à l’adresse électronique confirmée et non "
            "bloqué par la modération, pour contribuer."
        ),
    ),
)
