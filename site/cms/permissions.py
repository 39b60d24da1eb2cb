"""The one permission dialect of the project, on django-rules.

A permission is a list of checks, each a predicate and the French message shown when it
fails (``define``): the server refuses with the reason and pages say beforehand what is
possible. Views, templates and the admin all ask ``user.has_perm(name, obj)``;
``refusal()`` gives the first reason why not, ``require()`` refuses with it.

Staff roles are Django permissions that data migrations grant to groups
(``participation.moderate``, ``mayors.review_submission``): code asks for the permission
(``holds``), never for a group's name, so renaming a group in the admin changes nothing.
"""

from functools import reduce

import rules
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

PERMISSIONS = {}
# Rules that bind superusers too: Django's ``User.has_perm`` lets a superuser do
# anything, so these are asked of the predicates themselves (``allowed()``).
BINDING_SUPERUSERS = set()


def memo(user, key, compute):
    """Remember a per-user fact on the request's user object: no query per list item."""
    if isinstance(user, LazyObject):  # request.user: the same memo as the user inside
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    cache = user.__dict__.setdefault("_permission_memo", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


# --- who: shared predicates -----------------------------------------------------------


@rules.predicate
def is_active(user):
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_verified(user):
    """Signed in with the primary e-mail address confirmed through allauth's link."""
    return is_active(user) and memo(user, "verified", lambda: user.has_verified_email)


def holds(permission):
    """A predicate: the user holds the Django permission ``permission`` (through a
    group, directly, or as a superuser). How a staff role is recognised."""

    @rules.predicate(name=f"holds_{permission}")
    def predicate(user):
        return is_active(user) and memo(
            user, ("holds", permission), lambda: user.has_perm(permission)
        )

    return predicate


def holders(permission):
    """Active people who hold ``permission`` through a group or themselves (superusers
    only when they do too): whom to tell, whatever the groups are called."""
    return get_user_model()._default_manager.with_perm(
        permission, include_superusers=False, backend=MODEL_BACKEND
    )


# --- the dialect -------------------------------------------------------------------------


def define(name, *checks, binding_superusers=False):
    """``name`` is allowed when every check ``(predicate, message)`` passes.

    ``binding_superusers``: ``allowed()`` asks the checks even of a superuser (a rule
    about who acts, such as "not the moderator who hid it").
    """
    PERMISSIONS[name] = checks
    rules.add_perm(name, reduce(lambda a, b: a & b, (check[0] for check in checks)))
    if binding_superusers:
        BINDING_SUPERUSERS.add(name)


def explain(permission, message):
    """The refusal message of a Django permission (a role that groups are granted):
    not a rule, so that ``holds(permission)`` asks Django's own permissions."""
    PERMISSIONS[permission] = ((holds(permission), message),)


def allowed(user, name, obj=None):
    """``user.has_perm(name, obj)``, except that no superuser passes over the rules
    defined with ``binding_superusers``."""
    if name in BINDING_SUPERUSERS:
        return user.is_active and rules.has_perm(name, user, obj)
    return user.has_perm(name, obj)


def refusal(user, name, obj=None):
    """The first reason why ``user`` may not do ``name`` on ``obj``, or None."""
    if allowed(user, name, obj):
        return None
    for predicate, message in PERMISSIONS.get(name, ()):
        if not predicate.test(user, obj):
            return message(user, obj) if callable(message) else message
    return _("Cette action n’est pas permise.")


def require(user, name, obj=None):
    """Refuse unless allowed: the PermissionDenied that carries the French reason, the
    one refusal path of the site and of the admin (``cms.admin.refusals``)."""
    if not allowed(user, name, obj):
        raise PermissionDenied(refusal(user, name, obj))
