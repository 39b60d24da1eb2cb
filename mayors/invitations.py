"""Invite a person into the intranet: an account without password and a one-time link.

The link is allauth's password-reset-from-key view at the intranet's address
(``mayors:invitation``): its token hashes the password, so it stops working as soon as
the password is set (one use), and expires with PASSWORD_RESET_TIMEOUT.
"""

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.notifications import absolute_url

from . import notifications


def link_validity_days():
    """How long the link works, in whole days (told in the e-mail and on the page)."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def password_link(user):
    return absolute_url(
        reverse(
            "mayors:invitation",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
    )


def account_for(email, first_name="", last_name=""):
    """The existing account for this address, or a new one that cannot log in yet."""
    User = get_user_model()
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    # Staff vouch for the address and the link proves it: allauth may log the user in.
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def send_invitation(official, by=None):
    official.invited_at = timezone.now()
    official.invited_by = by
    official.save(update_fields=["invited_at", "invited_by"])
    link = password_link(official.user)
    notifications.after_commit(
        notifications.invitation, official, link, link_validity_days()
    )
    return link
