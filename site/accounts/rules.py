"""Who may take part: the predicates every app composes into its own permissions."""

import rules


@rules.predicate
def is_active(user):
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_verified(user):
    """The primary e-mail address was confirmed through allauth's link."""
    return is_active(user) and user.has_verified_email


@rules.predicate
def is_blocked_from_contributing(user):
    return bool(user and user.is_authenticated and user.contribution_blocked)


is_active_resident = is_active & is_verified
can_contribute = is_active_resident & ~is_blocked_from_contributing

rules.add_perm("accounts.contribute", can_contribute)
