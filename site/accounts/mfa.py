"""Two-factor authentication (allauth.mfa: an authenticator app and recovery codes).

Whoever may enter the Wagtail admin (the staff groups, superusers) must set it up before
the admin opens (``MFA_REQUIRED_FOR_STAFF``); mayors and delegates are offered it on their
account page.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def must_use_mfa(user):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def may_use_mfa(user):
    return must_use_mfa(user) or user.has_perm("mayors.access_intranet")


def has_mfa(user):
    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


class StaffMfaMiddleware:
    """The admin stays closed to staff accounts without an authenticator app."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and request.path.startswith("/admin/")
            and must_use_mfa(request.user)
            and not has_mfa(request.user)
        ):
            messages.warning(
                request,
                _(
                    "L’administration demande une double authentification : "
                    "installez une application d’authentification (FreeOTP, "
                    "Aegis, Google Authenticator…) et saisissez le code qu’elle affiche."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
