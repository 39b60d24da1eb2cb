from urllib.parse import urlencode, urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from allauth.core import context
from django.contrib.sites.shortcuts import get_current_site

from .notifications import absolute_url, send_email


def public_url(url):
    """allauth's links on the same public address as every other e-mail's
    (``notifications.absolute_url``), whatever host the request came through."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


class AccountAdapter(DefaultAccountAdapter):
    """Our sign-up fields, and allauth's e-mails sent through the task queue."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.display_name = data.get("display_name", "")
        if data.get("accept_privacy"):
            user.record_consents()
        if commit:
            user.save()
        return user

    def get_login_redirect_url(self, request):
        """Members of a commune land in their intranet; an explicit ``next`` still wins."""
        if request.user.has_perm("mayors.access_intranet"):
            return "/espace-elus/"
        return super().get_login_redirect_url(request)

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The link carries the sign-up's ``next``: opened in another browser, where
        the sign-up's session is not, it still leads back there."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        next_url = get_next_redirect_url(request) if request is not None else None
        if next_url:
            url = f"{url}?{urlencode({'next': next_url})}"
        return public_url(url)

    def get_reset_password_from_key_url(self, key):
        return public_url(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix, email, context_data):
        """Render as allauth does, but queue the sending: a slow SMTP server never
        blocks sign-up, and a failing one loses nothing in production."""
        request = context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context_data,
            },
        )
        send_email.enqueue(
            list(message.to), message.subject, message.body, dict(message.extra_headers)
        )
