from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import prefetch_related_objects
from django.template.defaultfilters import filesizeformat
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from aides.financing import scheme_funder_error
from aides.models import AidScheme, Funder
from cms.widgets import FastSelect, LeanFields
from participation.models import Comment, Proposal
from participation.models.contributions import (
    CONSENT_REQUIRED,
    RESIDENT_NAME_REQUIRED,
    DepositChannel,
)

from . import sniffing
from .models import Attachment, FinancingPlanLine, Message, Opinion, Submission

FILE_HELP = _("PDF, ODT, ODS, DOCX, XLSX, JPEG ou PNG ; 10 Mo au plus.")
FILE_ACCEPT = ".pdf,.odt,.ods,.docx,.xlsx,.jpg,.jpeg,.png"
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SubmissionForm(LeanFields, forms.ModelForm):
    """Short and mobile-first: every field optional while drafting, checked at submission."""

    class Meta:
        model = Submission
        fields = [
            "title",
            "description",
            "measure",
            "estimated_cost",
            "planned_start",
            "planned_end",
            "maturity",
            "latitude",
            "longitude",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "measure": FastSelect,
            "planned_start": DATE_INPUT,
            "planned_end": DATE_INPUT,
            "maturity": forms.RadioSelect,
            "latitude": forms.NumberInput(attrs={"step": "any", "data-map-lat": ""}),
            "longitude": forms.NumberInput(attrs={"step": "any", "data-map-lng": ""}),
        }
        help_texts = {
            "latitude": _("En degrés décimaux, par exemple 44,45."),
            "longitude": _("Par exemple 1,52."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maturity"].choices = Submission.Maturity.choices
        self.fields["maturity"].required = False
        if "measure" in self.fields:
            # The label needs the axe and orientation numbers, not the contract page.
            measures = self.fields["measure"].queryset.select_related(
                "axe__orientation"
            )
            if self.instance.call_id:
                # Only the measures of the call's CTO strategy tree.
                measures = measures.filter(
                    axe__orientation__contract_id=self.instance.call.contract_id
                )
            self.fields["measure"].queryset = measures
            self.fields["measure"].label_from_instance = lambda m: (
                f"{m.code}. {m.title}"
            )

    def clean(self):
        data = super().clean()
        lat, lng = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lng is None):
            self.add_error("longitude", _("Indiquez la latitude et la longitude."))
        cost = data.get("estimated_cost")
        if cost is not None and cost <= 0:
            self.add_error("estimated_cost", _("Le coût doit être supérieur à 0 €."))
        return data

    def draft_fields(self):
        """What ``Submission.create_draft`` takes."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def scheme_choices():
    """The published aid schemes under their funder (« DETR » under « État »), for
    the « Dispositif » of every line of a plan: one query for the whole formset."""
    groups = {}
    for scheme in AidScheme.objects.published().only(
        "name", "programme", "funder", "funder_name"
    ):
        label = (
            f"{scheme.programme} — {scheme.name}"
            if scheme.programme and scheme.programme not in scheme.name
            else scheme.name
        )
        groups.setdefault(scheme.funder, []).append((scheme.pk, label))
    return [
        ("", _("Aucun dispositif précisé")),
        *((label, groups[code]) for code, label in Funder.choices if code in groups),
    ]


class FinancingLineForm(LeanFields, forms.ModelForm):
    class Meta:
        model = FinancingPlanLine
        fields = ["funder", "scheme", "amount", "status"]
        widgets = {"funder": FastSelect, "scheme": FastSelect, "status": FastSelect}

    def __init__(self, *args, schemes=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["scheme"]
        field.queryset = AidScheme.objects.published()
        field.choices = scheme_choices() if schemes is None else schemes

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError(_("Le montant doit être supérieur à 0 €."))
        return amount

    def clean(self):
        data = super().clean()
        scheme, funder = data.get("scheme"), data.get("funder")
        if scheme is not None and funder:
            error = scheme_funder_error(scheme, funder)
            if error:
                self.add_error("scheme", error)
        return data


class BaseFinancingFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, empty_lines=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra = empty_lines

    @cached_property
    def schemes(self):
        return scheme_choices()

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "schemes": self.schemes}

    def empty_lines_left(self):
        """How many blank lines the mayor left in a posted formset."""
        return sum(1 for form in self.extra_forms if not form.has_changed())

    def plan_lines(self):
        """The lines as they will be saved (deleted and empty ones left out)."""
        return [
            form.instance
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def check_total(self, submission):
        """Same rule as a project in the admin: the plan never exceeds the cost HT.

        The commune's minimum share is not asked of a draft: the deposit checks it."""
        errors = submission.cost_errors(self.plan_lines())
        if errors:
            self._non_form_errors = self.error_class(errors)
        return not errors


FinancingFormSet = forms.inlineformset_factory(
    Submission,
    FinancingPlanLine,
    form=FinancingLineForm,
    formset=BaseFinancingFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    max_num=20,
)


class AttachmentForm(LeanFields, forms.Form):
    kind = forms.ChoiceField(label=_("Nature de la pièce"), widget=FastSelect)
    file = forms.FileField(
        label=_("Fichier"),
        help_text=FILE_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}),
    )

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        if call:
            prefetch_related_objects([call], "documents")
        kinds = call.document_kinds() if call else []
        optional = (
            {d.name for d in call.documents.all() if not d.required} if call else ()
        )
        self.fields["kind"].choices = [
            (k, _("%(name)s (facultative)") % {"name": k} if k in optional else k)
            for k in kinds
        ] + [("Autre pièce", _("Autre pièce"))]

    def clean_file(self):
        return checked_upload(self.cleaned_data["file"])

    def clean(self):
        """A piece the démarche types must be one of its allowed types (by content)."""
        data = super().clean()
        upload, kind = data.get("file"), data.get("kind")
        document = self.call.document_for(kind) if self.call and kind else None
        if upload and document is not None:
            refusal = document.refusal(upload.sniffed_type)
            if refusal:
                self.add_error("file", refusal)
        return data

    def save(self, submission, by):
        return store_upload(
            self.cleaned_data["file"], submission, by, kind=self.cleaned_data["kind"]
        )


def checked_upload(upload):
    """Size and real content type of a private file, whatever form brings it."""
    if not upload:
        return upload
    limit = settings.MAYORS_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise ValidationError(
            _("Le fichier pèse %(size)s ; la limite est de %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    content_type = sniffing.sniff(upload)
    if content_type is None:
        raise ValidationError(
            _(
                "Ce fichier n’est pas un PDF, un document OpenDocument ou Office, ni une image JPEG ou PNG (son contenu a été vérifié, pas seulement son nom)."
            )
        )
    if sniffing.holds_active_content(upload):
        raise ValidationError(
            _(
                "Ce fichier contient du code (page web, script ou action "
                "automatique) : il est refusé. Enregistrez-le à nouveau en PDF depuis "
                "votre logiciel, puis déposez ce nouveau fichier."
            )
        )
    upload.sniffed_type = content_type
    return upload


def store_upload(upload, submission, by, *, kind, message=None):
    """Save a checked upload as a private attachment, pending its virus scan."""
    attachment = Attachment(
        submission=submission,
        message=message,
        kind=kind,
        original_name=upload.name[:255],
        content_type=upload.sniffed_type,
        size=upload.size,
        uploaded_by=by,
    )
    stem = upload.name.rsplit(".", 1)[0]
    upload.name = stem + sniffing.EXTENSIONS[upload.sniffed_type]
    attachment.file = upload
    attachment.save()
    return attachment


class MessageFileMixin:
    """An optional file with a message: the same checks and scan as a dossier's pieces."""

    def clean_file(self):
        return checked_upload(self.cleaned_data.get("file"))

    def save_file(self, message, by):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        return store_upload(
            upload, message.submission, by, kind=MESSAGE_FILE_KIND, message=message
        )


MESSAGE_FILE_KIND = "Pièce jointe à un message"


def message_file_field():
    return forms.FileField(
        label=_("Pièce jointe (facultatif)"),
        required=False,
        help_text=FILE_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}),
    )


class MessageForm(MessageFileMixin, LeanFields, forms.ModelForm):
    file = message_file_field()

    class Meta:
        model = Message
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
        labels = {"body": _("Votre message")}
        error_messages = {"body": {"required": _("Le message est vide.")}}


class StaffMessageForm(MessageFileMixin, forms.ModelForm):
    file = message_file_field()

    class Meta:
        model = Message
        fields = ["body", "is_private_note"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class WithdrawForm(LeanFields, forms.Form):
    reason = forms.CharField(
        label=_("Motif du retrait (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OpinionForm(LeanFields, forms.ModelForm):
    class Meta:
        model = Opinion
        fields = ["verdict", "comment"]
        widgets = {
            "verdict": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "verdict": {"required": _("Choisissez l’avis de la commune.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Three real answers, none chosen in advance (no blank « --------- » radio).
        self.fields["verdict"].choices = Opinion.Verdict.choices


class DecisionForm(forms.Form):
    """Staff state actions in the admin: only the steps valid from the dossier's state."""

    action = forms.ChoiceField(label=_("Action"), widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message ou motif"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Obligatoire pour une correction, un report ou un refus ; envoyé au porteur du "
            "dossier."
        ),
    )

    def __init__(self, *args, submission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = submission.staff_actions()
        self.fields["action"].error_messages["invalid_choice"] = _(
            "Cette action n’est pas possible dans l’état « %(state)s »."
        ) % {"state": submission.state_display}


class ResidentDepositForm(LeanFields, forms.ModelForm):
    """Who gave the contribution, how it came, and their consent (required, recorded).

    The resident's name or pseudonym is shown publicly with the mairie's mark; the
    account of the person typing it is kept with the consent, never shown.
    """

    channel = forms.ChoiceField(
        label=_("Comment la contribution est-elle arrivée ?"),
        choices=DepositChannel.choices,
        initial=DepositChannel.IN_PERSON,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "L’habitant·e accepte que sa contribution soit publiée sous ce nom et "
            "s’engage à respecter la charte de participation."
        ),
        error_messages={"required": CONSENT_REQUIRED},
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        name = self.fields["resident_name"]
        name.required = True
        name.error_messages["required"] = RESIDENT_NAME_REQUIRED
        name.label = _("Nom ou pseudonyme de l’habitant·e")
        name.help_text = _(
            "Affiché publiquement, suivi de la mention « déposée en mairie de … ». "
            "Jamais d’adresse, de téléphone ni de courriel."
        )
        name.widget.attrs["autocomplete"] = "off"
        body = self.fields["body"]
        body.widget.attrs["maxlength"] = consultation.max_body_length
        body.validators.append(MaxLengthValidator(consultation.max_body_length))

    def clean_resident_name(self):
        name = self.cleaned_data["resident_name"]
        if "@" in name:
            raise ValidationError(
                _("Un nom ou un pseudonyme, pas une adresse électronique.")
            )
        return name

    def deposit_fields(self):
        """What ``deposit_at_mairie`` takes, from the cleaned data."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self._meta.fields if name in data}
        fields["consented"] = data["consent"]
        return fields


class DepositProposalForm(ResidentDepositForm):
    class Meta:
        model = Proposal
        fields = ["resident_name", "title", "easy_read", "body", "category", "channel"]
        widgets = {
            "easy_read": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 8}),
            "category": FastSelect,
        }
        help_texts = {
            "title": _("Une phrase courte qui résume l’idée."),
            "body": _(
                "Recopiez le texte de l’habitant·e, sans données personnelles "
                "(téléphone, adresse…)."
            ),
        }

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, consultation=consultation, **kwargs)
        if consultation.categories.exists():
            self.fields["category"].queryset = consultation.categories.all()
            self.fields["category"].empty_label = _("— Aucune —")
        else:
            del self.fields["category"]


class DepositCommentForm(ResidentDepositForm):
    class Meta:
        model = Comment
        fields = ["resident_name", "body", "channel"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        labels = {"body": _("Commentaire")}
        help_texts = {"body": _("Recopiez le commentaire, sans données personnelles.")}


class ProposalSearchForm(LeanFields, forms.Form):
    q = forms.CharField(
        label=_("Titre de la proposition (ou un mot du titre)"),
        required=False,
        max_length=100,
    )
