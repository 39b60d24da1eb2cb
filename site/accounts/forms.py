import re

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context as allauth_context
from django import forms
from django.db import IntegrityError, transaction
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .legal import legal_pages
from .models import Frequency, User
from .topics import topics

# Names that would let someone pass for the PETR's staff or moderation.
RESERVED_NAMES = re.compile(
    r"\bmod[ée]rat|\badministrat|\bpetr\b|grand[\s-]*quercy", re.IGNORECASE
)


def clean_display_name(value):
    """A public name must not reveal an e-mail address nor impersonate the staff."""
    name = " ".join(value.split())
    if "@" in name:
        raise forms.ValidationError(
            _(
                "Pour protéger votre vie privée, n’utilisez pas d’adresse électronique comme nom affiché."
            )
        )
    if RESERVED_NAMES.search(name):
        raise forms.ValidationError(
            _("Ce nom est réservé à l’équipe du PETR : choisissez-en un autre.")
        )
    return name


ACCOUNT_FIELDS_HOOK = "register_account_fields"


class AccountFields:
    """Fields an app adds to the sign-up and profile forms, and where it keeps them.

    An app declares an instance with the ``register_account_fields`` hook
    (``cms.hooks``): the sign-up form shows its fields before the privacy consent, the
    profile form after the public name; ``save`` runs once the account is saved.
    """

    def signup_fields(self, request):
        return {}

    def profile_fields(self, user):
        return {}

    def save(self, user, cleaned_data):
        pass


def account_fields():
    return [hook() for hook in hooks.get_hooks(ACCOUNT_FIELDS_HOOK)]


def page_link(page, request, text):
    if page is None:
        return ""
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">{} '
        '<span class="visually-hidden">{}</span></a>',
        page.get_url(request),
        text,
        _("(s’ouvre dans un nouvel onglet)"),
    )


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, plus a public name, a dated consent to the privacy notice and
    what apps add (participation: the commune and the charter)."""

    display_name = forms.CharField(
        label=_("Nom affiché"),
        max_length=60,
        help_text=_(
            "Il apparaîtra à côté de vos contributions. Un pseudonyme convient : "
            "inutile de donner votre vrai nom."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    accept_privacy = forms.BooleanField(
        label=_(
            "J’ai lu la politique de confidentialité et j’accepte que mes données "
            "soient traitées pour ma participation"
        ),
        error_messages={
            "required": _(
                "Pour créer un compte, vous devez accepter la politique de "
                "confidentialité."
            )
        },
    )

    field_order = ["email", "display_name", "password1", "password2"]

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = allauth_context.request
        self.extensions = account_fields()
        added = {}
        for extension in self.extensions:
            added.update(extension.signup_fields(request))
        self.fields.update(added)
        self.order_fields([*self.field_order, *added, "accept_privacy"])
        self.fields["accept_privacy"].help_text = page_link(
            legal_pages(request).privacy,
            request,
            _("Lire la politique de confidentialité"),
        )
        honeypot = self.fields.get("site_web")
        if honeypot is not None:
            honeypot.label = _("Laissez ce champ vide")
            honeypot.widget.attrs["autocomplete"] = "off"
            # Hidden by the style sheet, not by an inline style the CSP would refuse.
            honeypot.widget.attrs.pop("style", None)
            honeypot.widget.attrs["class"] = "honeypot"

    def custom_signup(self, request, user):
        super().custom_signup(request, user)
        for extension in self.extensions:
            extension.save(user, self.cleaned_data)

    def try_save(self, request):
        """The same address sent twice at once: the first creates the account; the
        other meets the unique constraint and is answered as allauth answers an
        address already known (an e-mail to it, nothing said on the page)."""
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            self.account_already_exists = True
            return super().try_save(request)


class ProfileForm(forms.ModelForm):
    """The public name, and what apps add (participation: the commune)."""

    class Meta:
        model = User
        fields = ["display_name"]
        labels = {"display_name": _("Nom affiché")}
        help_texts = {
            "display_name": _(
                "Il apparaît à côté de vos contributions. Un pseudonyme convient."
            )
        }
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "nickname"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        self.extensions = account_fields()
        for extension in self.extensions:
            self.fields.update(extension.profile_fields(self.instance))

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            for extension in self.extensions:
                extension.save(user, self.cleaned_data)
        return user


class NotificationPreferencesForm(forms.Form):
    """One checkbox per registered topic, and how often to hear of what one follows."""

    frequency = forms.ChoiceField(
        label=_("Pour suivre les propositions et les projets, je préfère recevoir :"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        required=False,  # a form without it keeps the current rhythm
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["frequency"].initial = user.notification_frequency
        self.topics = topics()
        for code, topic in self.topics.items():
            self.fields[code] = forms.BooleanField(
                label=topic.label,
                required=False,
                initial=user.wants_notification(code),
            )

    def topic_fields(self):
        return [self[code] for code in self.topics]

    def save(self):
        self.user.notification_settings = {
            **self.user.notification_settings,
            **{code: bool(self.cleaned_data.get(code)) for code in self.topics},
        }
        self.user.notification_frequency = (
            self.cleaned_data["frequency"] or self.user.notification_frequency
        )
        self.user.save(
            update_fields=["notification_settings", "notification_frequency"]
        )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Nous vous le demandons pour être sûrs que c’est bien vous."),
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que la suppression est définitive"),
        error_messages={
            "required": _("Cochez cette case pour confirmer la suppression.")
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Ce mot de passe ne correspond pas à votre compte."),
                code="password_incorrect",
            )
        return password
