from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.contrib.sites.shortcuts import get_current_site

from .notifications import send_email


class AccountAdapter(DefaultAccountAdapter):
    """Our sign-up fields, and allauth's e-mails sent through the task queue."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.display_name = data.get("display_name", "")
        user.commune = data.get("commune")
        if data.get("accept_charter") and data.get("accept_privacy"):
            user.record_consents()
        if commit:
            user.save()
        return user

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
