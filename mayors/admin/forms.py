"""Admin forms of the intranet: an invited official, a démarche and its form, the
project a priority became."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from contrats.admin.choosers import project_chooser_viewset
from contrats.models import Mesure, Project

from .. import invitations
from ..models import (
    DemarcheDocument,
    DemarcheField,
    ElectedOfficial,
    FieldKind,
    Role,
    Submission,
)
from ..models.demarches import default_key
from ..models.people import ORGANISATION_ROLES

ANSWERED = _(
    "Ce champ a déjà des réponses : créez une nouvelle version de la démarche."
)
FROZEN = ("kind", "key", "required")
DOCUMENT_ANSWERED = _(
    "Des dossiers déposés ont répondu à cette liste de pièces : pour retirer ou "
    "renommer une pièce, créez une nouvelle version de la démarche."
)


def kept_forms(formset):
    """The inline forms that will be saved (valid, not deleted)."""
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


class OfficialForm(WagtailAdminModelForm):
    """The person (e-mail, name) and the membership in one form; creating it invites them."""

    email = forms.EmailField(label=_("Adresse électronique"))
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            user = self.instance.user
            self.initial.update(
                email=user.email, first_name=user.first_name, last_name=user.last_name
            )
            self.fields["email"].disabled = True

    def clean(self):
        data = super().clean()
        commune, epci, role = data.get("commune"), data.get("epci"), data.get("role")
        organisation = data.get("organisation")
        if role in ORGANISATION_ROLES:
            if not organisation:
                self.add_error("organisation", _("Choisissez l’organisation."))
            elif commune or epci:
                self.add_error(
                    "organisation",
                    _(
                        "Un membre d’organisation est rattaché à son organisation, "
                        "sans commune ni EPCI."
                    ),
                )
        elif organisation:
            self.add_error(
                "organisation",
                _("Laissez l’organisation vide pour un rôle communal ou d’EPCI."),
            )
        elif role == Role.REFERENT_EPCI:
            if not epci or commune:
                self.add_error(
                    "epci",
                    _("Un·e référent·e EPCI est rattaché·e à un EPCI, sans commune."),
                )
        elif not commune:
            self.add_error("commune", _("Choisissez la commune."))
        elif epci:
            self.add_error("epci", _("Laissez l’EPCI vide pour un rôle communal."))
        if data.get("can_submit") and role not in (
            Role.ADJOINT,
            Role.MAIRE,
            *ORGANISATION_ROLES,
        ):
            self.add_error(
                "can_submit",
                _(
                    "Seul·e un·e adjoint·e ou un membre d’organisation peut être "
                    "désigné·e pour déposer."
                ),
            )
        if commune and role == Role.MAIRE and data.get("is_active", True):
            other_mayor = (
                ElectedOfficial.objects.active()
                .filter(commune=commune, role=Role.MAIRE)
                .exclude(pk=self.instance.pk)
                .select_related("user")
                .first()
            )
            if other_mayor is not None:
                self.add_error(
                    "role",
                    _(
                        "%(commune)s a déjà un·e maire dans l’espace des élus "
                        "(%(name)s). Désactivez d’abord son accès, puis invitez la "
                        "nouvelle personne."
                    )
                    % {
                        "commune": commune,
                        "name": other_mayor.user.get_full_name()
                        or other_mayor.user.email,
                    },
                )
        if commune and data.get("email") and not self.instance.pk:
            taken = ElectedOfficial.objects.filter(
                commune=commune, user__email__iexact=data["email"]
            ).exists()
            if taken:
                self.add_error(
                    "email", _("Cette personne est déjà invitée pour cette commune.")
                )
        if organisation and data.get("email") and not self.instance.pk:
            taken = ElectedOfficial.objects.filter(
                organisation=organisation, user__email__iexact=data["email"]
            ).exists()
            if taken:
                self.add_error(
                    "email",
                    _("Cette personne est déjà invitée pour cette organisation."),
                )
        return data

    def save(self, commit=True):
        official = super().save(commit=False)
        if not official.pk:
            official.user = invitations.account_for(
                self.cleaned_data["email"],
                self.cleaned_data["first_name"],
                self.cleaned_data["last_name"],
            )
        else:
            official.user.first_name = self.cleaned_data["first_name"]
            official.user.last_name = self.cleaned_data["last_name"]
            official.user.save(update_fields=["first_name", "last_name"])
        if commit:
            official.save()
        return official


class DemarcheForm(WagtailAdminModelForm):
    """A démarche and its typed fields: keys filled and distinct, choices given, and
    the version rule once dossiers have been deposited (answers keep their meaning)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "measure" in self.fields:
            # Each measure's label names its axis and orientation: one query for all.
            self.fields["measure"].queryset = Mesure.objects.with_codes()

    def clean(self):
        data = super().clean()
        deposited = self.instance.pk and self.has_deposits()
        documents = self.formsets.get("documents")
        if documents is not None:
            valid = documents.is_valid()
            kept = kept_forms(documents)
            self.check_document_names(kept)
            if valid and deposited:
                self.check_document_version(kept)
        formset = self.formsets.get("form_fields")
        if formset is None or not formset.is_valid():
            return data
        kept = kept_forms(formset)
        self.fill_keys(kept)
        if deposited:
            self.check_version(formset, kept)
        return data

    def check_document_names(self, forms_kept):
        """A dossier's piece names its document: names are distinct."""
        taken = set()
        for form in forms_kept:
            name = form.cleaned_data.get("name", "").strip()
            if name in taken:
                form.add_error("name", _("Une autre pièce porte déjà ce nom."))
            taken.add(name)

    def check_document_version(self, forms_kept):
        """Deposited dossiers answered the documents: none removed nor renamed, and
        none newly required (those dossiers could not have given it)."""
        originals = {
            document.pk: document
            for document in DemarcheDocument.objects.filter(call=self.instance)
        }
        if set(originals) - {form.instance.pk for form in forms_kept}:
            self.add_error(None, DOCUMENT_ANSWERED)
        for form in forms_kept:
            original = originals.get(form.instance.pk)
            required = form.cleaned_data.get("required")
            if original is not None and form.cleaned_data.get("name") != original.name:
                form.add_error("name", DOCUMENT_ANSWERED)
                self.add_error(None, DOCUMENT_ANSWERED)
            elif required and (original is None or not original.required):
                form.add_error(
                    "required",
                    _(
                        "Des dossiers ont déjà été déposés : une pièce ajoutée ou "
                        "jusqu’ici facultative le reste."
                    ),
                )

    def fill_keys(self, forms_kept):
        taken = set()
        for form in forms_kept:
            data = form.cleaned_data
            key = data.get("key") or default_key(data.get("label", ""), taken)
            if key in taken:
                form.add_error("key", _("Un autre champ porte déjà cet identifiant."))
            taken.add(key)
            data["key"] = form.instance.key = key
            if data.get("kind") == FieldKind.CHOICE and not form.instance.choice_list:
                form.add_error(
                    "choices", _("Indiquez au moins une option, une par ligne.")
                )

    def has_deposits(self):
        return Submission.objects.filter(
            call=self.instance, reference__isnull=False
        ).exists()

    def check_version(self, formset, forms_kept):
        """Optional fields may be added; answered ones never removed nor changed."""
        originals = {
            field.pk: field
            for field in DemarcheField.objects.filter(call=self.instance)
        }
        kept_pks = {form.instance.pk for form in forms_kept if form.instance.pk}
        if set(originals) - kept_pks:
            self.add_error(None, ANSWERED)
        for form in forms_kept:
            original = originals.get(form.instance.pk)
            if original is None:
                if form.cleaned_data.get("required"):
                    form.add_error(
                        "required",
                        _(
                            "Des dossiers ont déjà été déposés : un champ ajouté "
                            "reste facultatif."
                        ),
                    )
                continue
            changed = [
                name
                for name in FROZEN
                if form.cleaned_data.get(name) != getattr(original, name)
            ]
            if changed:
                form.add_error(changed[0], ANSWERED)
                self.add_error(None, ANSWERED)


class SubmissionProjectForm(forms.Form):
    """Which contrats project carries the priority (the PO compilation sets it too)."""

    project = forms.ModelChoiceField(
        label=_("Projet des contrats"),
        queryset=Project.objects.all(),
        required=False,
        widget=project_chooser_viewset.widget_class(),
        help_text=_(
            "La commune suit l’avancement de ce projet depuis son espace. "
            "Laissez vide pour délier la priorité de son projet."
        ),
        error_messages={"invalid_choice": _("Ce projet n’existe pas.")},
    )

    def __init__(self, *args, submission, **kwargs):
        self.submission = submission
        kwargs.setdefault("initial", {"project": submission.project_id})
        super().__init__(*args, **kwargs)

    def clean_project(self):
        project = self.cleaned_data["project"]
        if project is None:
            return None
        other = (
            Submission.objects.filter(project=project)
            .exclude(pk=self.submission.pk)
            .first()
        )
        if other is not None:
            raise forms.ValidationError(
                _("Ce projet est déjà lié à la priorité « %(title)s » (%(commune)s).")
                % {"title": other.title, "commune": other.holder}
            )
        return project

    def save(self):
        self.submission.project = self.cleaned_data["project"]
        self.submission.save(update_fields=["project"])
        return self.submission
