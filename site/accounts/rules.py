"""Who may take part: the permission every app composes into its own (``cms.permissions``)."""

import rules
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms.permissions import define, is_active, is_verified

# A callable ``(user) -> bool``, True when an app stops the account contributing
# (participation: a moderator's block); ``cms.hooks`` lists every hook.
CONTRIBUTION_BAR_HOOK = "register_contribution_bar"


@rules.predicate
def is_blocked_from_contributing(user):
    return bool(user and user.is_authenticated) and any(
        bars(user) for bars in hooks.get_hooks(CONTRIBUTION_BAR_HOOK)
    )


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
