import json
from urllib.parse import urlencode

from allauth.account.models import EmailAddress
from allauth.account.views import ConfirmEmailView as AllauthConfirmEmailView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from . import dashboard as dashboard_registry
from . import gdpr
from .forms import DeleteAccountForm, NotificationPreferencesForm, ProfileForm
from .mfa import has_mfa, may_use_mfa
from .models import User
from .notifications import read_unsubscribe_token
from .topics import topics


@never_cache
@login_required
@require_GET
def dashboard(request):
    user = request.user
    return render(
        request,
        "accounts/dashboard.html",
        {
            "primary_email": EmailAddress.objects.filter(user=user, primary=True)
            .only("email", "verified")
            .first(),
            "topics": [
                {"label": topic.label, "enabled": user.wants_notification(code)}
                for code, topic in topics().items()
            ],
            "sections": dashboard_registry.render_sections(request),
            "offer_mfa": may_use_mfa(user),
            "has_mfa": has_mfa(user),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(
        request.POST if request.method == "POST" else None, instance=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Votre profil a été enregistré."))
        return redirect("accounts:dashboard")
    return render(request, "accounts/profile.html", {"form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    form = NotificationPreferencesForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("Vos préférences de notification sont enregistrées.")
        )
        return redirect("accounts:dashboard")
    return render(request, "accounts/notification_preferences.html", {"form": form})


@never_cache
@login_required
@require_GET
def my_data(request):
    sections = [str(section.label) for section in gdpr.sections().values()]
    return render(request, "accounts/my_data.html", {"sections": sections})


@never_cache
@login_required
@require_GET
def my_data_download(request):
    """Everything we hold about the signed-in person, as a JSON attachment."""
    payload = json.dumps(
        gdpr.export_user_data(request.user), ensure_ascii=False, indent=2
    )
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    filename = f"grand-quercy-mes-donnees-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    if not request.user.has_usable_password():
        return render(request, "accounts/delete_account.html", {"form": None})
    form = DeleteAccountForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        gdpr.erase_user(user)
        messages.success(
            request,
            _("Votre compte a été supprimé et vos données personnelles effacées."),
        )
        return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})


def read_token(token):
    """The (user, topics) a signed unsubscribe token designates, or (None, None)."""
    try:
        user_pk, chosen = read_unsubscribe_token(token)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None, None
    declared = topics()
    if not chosen or any(topic not in declared for topic in chosen):
        return None, None
    user = User.objects.filter(pk=user_pk, is_active=True).first()
    if user is None:
        return None, None
    return user, chosen


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One click from an e-mail: GET asks, POST (ours or a mail client's RFC 8058
    one-click request) turns the topics off. CSRF-exempt because the signed token,
    not the session, is the authority, and it can only ever switch topics off."""
    user, chosen = read_token(token)
    context = {"notifications_url": reverse("accounts:notifications")}
    if user is None:
        return render(request, "accounts/unsubscribe_invalid.html", context, status=400)
    declared = topics()
    labels = [str(declared[topic].label) for topic in chosen]
    context.update(topic_label=" », « ".join(labels), token=token)
    if request.method == "POST":
        user.set_notifications(dict.fromkeys(chosen, False))
        return render(request, "accounts/unsubscribe_done.html", context)
    context["already_off"] = not any(user.wants_notification(t) for t in chosen)
    return render(request, "accounts/unsubscribe.html", context)


class ConfirmEmailView(AllauthConfirmEmailView):
    """allauth signs in on confirmation only in the sign-up's own browser; in another
    one the address is confirmed, then the sign-in page keeps the way (``next``)."""

    def get_redirect_url(self):
        next_url = self.get_next_url()
        if next_url and not self.request.user.is_authenticated:
            return f"{reverse('account_login')}?{urlencode({'next': next_url})}"
        return super().get_redirect_url()


confirm_email = ConfirmEmailView.as_view()
