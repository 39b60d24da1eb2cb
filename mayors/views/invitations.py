"""The invitation link: the invited person chooses a password and arrives signed in."""

from allauth.account.internal.flows.login import perform_login
from allauth.account.models import Login
from allauth.account.views import PasswordResetFromKeyView
from django.urls import reverse

from ..invitations import link_validity_days


class InvitationView(PasswordResetFromKeyView):
    """allauth's one-use password link (its token hashes the password), with the
    intranet's words and an end on /espace-elus/, signed in — not a dead-end
    « mot de passe modifié » page, signed out."""

    template_name = "mayors/invitation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse(
            "mayors:invitation",
            kwargs={"uidb36": self.kwargs["uidb36"], "key": self.kwargs["key"]},
        )
        context["validity_days"] = link_validity_days()
        return context

    def form_valid(self, form):
        form.save()
        user = self.reset_user
        login = Login(
            user=user, email=user.email, redirect_url=reverse("mayors:dashboard")
        )
        return perform_login(self.request, login)
