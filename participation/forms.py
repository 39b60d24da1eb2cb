from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from contrats.models import Commune

from .models import (
    Action,
    AnswerStatus,
    Appeal,
    AppealOutcome,
    Comment,
    Proposal,
    ReportReason,
    Stance,
    Status,
)


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS) and robots fill in."""

    website = forms.CharField(
        label=_("Ne pas remplir ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Envoi refusé."))
        return ""


class ProposalForm(HoneypotMixin, forms.ModelForm):
    # Filled by the map's pin (static/js/map.js), never typed: without JavaScript
    # the commune alone says where.
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        min_value=Decimal("43.5"),
        max_value=Decimal("45.5"),
        decimal_places=5,
        widget=forms.HiddenInput,
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("2.5"),
        decimal_places=5,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Proposal
        fields = [
            "title",
            "easy_read",
            "body",
            "category",
            "commune",
            "latitude",
            "longitude",
        ]
        widgets = {"easy_read": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "title": _("Une phrase courte qui résume votre idée."),
            "body": _(
                "Texte simple. Les adresses web deviennent des liens. N’indiquez pas "
                "de données personnelles (téléphone, adresse…)."
            ),
        }

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["body"].max_length = consultation.max_body_length
        self.fields["body"].widget.attrs["maxlength"] = consultation.max_body_length
        self.fields["body"].validators.append(
            MaxLengthValidator(consultation.max_body_length)
        )
        self.fields["category"].queryset = consultation.categories.all()
        self.fields["category"].empty_label = _("— Aucune —")
        if not consultation.categories.exists():
            del self.fields["category"]
        communes = consultation.communes.all()
        self.fields["commune"].queryset = (
            communes if communes.exists() else Commune.objects.in_petr()
        ).only("pk", "name")
        self.fields["commune"].empty_label = _("— Aucune —")
        self.fields["commune"].help_text = _("Facultatif : la commune concernée.")

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            raise ValidationError(
                _("Indiquez la latitude et la longitude, ou aucune des deux.")
            )
        commune = cleaned.get("commune")
        if (
            commune
            and latitude is not None
            and not commune.contains_point(float(longitude), float(latitude))
        ):
            self.add_error("latitude", _("Ce point n’est pas dans la commune choisie."))
        return cleaned


def stance_field():
    """Radio buttons, "Sans étiquette" first and checked: a tag is never required."""
    return forms.ChoiceField(
        label=_("Étiquette (facultatif)"),
        choices=[("", _("Sans étiquette")), *Stance.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Pour, contre ou une question : les étiquettes sont comptées dans la "
            "synthèse de la consultation."
        ),
    )


class CommentForm(HoneypotMixin, forms.ModelForm):
    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(), required=False, widget=forms.HiddenInput
    )
    stance = stance_field()

    class Meta:
        model = Comment
        fields = ["body", "stance"]
        labels = {"body": _("Votre commentaire")}

    def __init__(self, *args, consultation, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.proposal = proposal
        self.fields["body"].widget.attrs.update(
            {"maxlength": consultation.max_body_length, "rows": 4}
        )
        self.fields["body"].validators.append(
            MaxLengthValidator(consultation.max_body_length)
        )
        self.fields["parent"].queryset = Comment.objects.filter(
            consultation=consultation,
            proposal=proposal,
            parent__isnull=True,
            status=Status.PUBLISHED,
            deleted_at__isnull=True,
        )
        self.fields["parent"].error_messages["invalid_choice"] = _(
            "On ne peut pas répondre à ce commentaire."
        )


class CommentEditForm(forms.ModelForm):
    stance = stance_field()

    class Meta:
        model = Comment
        fields = ["body", "stance"]
        labels = {"body": _("Votre commentaire")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = self.instance.consultation.max_body_length
        self.fields["body"].widget.attrs.update({"maxlength": limit, "rows": 5})
        self.fields["body"].validators.append(MaxLengthValidator(limit))


class ReportForm(HoneypotMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Motif"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Précisions (facultatif)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )


SORTS = [
    ("recent", _("Les plus récentes")),
    ("supports", _("Les plus soutenues")),
    ("comments", _("Les plus commentées")),
    ("random", _("Ordre aléatoire")),
]


class ProposalFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    category = forms.TypedChoiceField(
        label=_("Catégorie"), required=False, coerce=int, empty_value=None
    )
    commune = forms.TypedChoiceField(
        label=_("Commune"), required=False, coerce=int, empty_value=None
    )
    answer = forms.ChoiceField(
        label=_("Réponse"),
        required=False,
        choices=[("", _("Toutes")), ("none", _("Sans réponse")), *AnswerStatus.choices],
    )
    sort = forms.ChoiceField(label=_("Trier par"), required=False, choices=SORTS)
    seed = forms.IntegerField(required=False, min_value=1, max_value=999_999)

    def __init__(self, *args, categories, communes, **kwargs):
        """``categories`` and ``communes``: (pk, name) pairs, cached by the page."""
        super().__init__(*args, **kwargs)
        everything = [("", _("Toutes"))]
        self.fields["category"].choices = everything + list(categories)
        self.fields["commune"].choices = everything + list(communes)
        for name in ("category", "commune", "answer", "sort"):
            self.fields[name].widget.attrs["class"] = "participation-filter"

    SELECTS = ("category", "commune", "answer", "sort")

    def selects(self):
        """The select fields as plain (value, label, selected) options: one template loop
        renders them, not a widget template per option."""
        for name in self.SELECTS:
            bound = self[name]
            current = bound.value()
            current = "" if current is None else str(current)
            yield {
                "name": name,
                "id": bound.auto_id,
                "label": bound.label,
                "errors": bound.errors,
                "options": [
                    (value, label, str(value) == current)
                    for value, label in self.fields[name].choices
                ],
            }

    def filter(self, proposals):
        if not self.is_valid():
            return proposals.order_by("-created_at", "-pk")
        data = self.cleaned_data
        if data["q"]:
            proposals = proposals.filter(
                Q(title__icontains=data["q"]) | Q(body__icontains=data["q"])
            )
        if data["category"]:
            proposals = proposals.filter(category_id=data["category"])
        if data["commune"]:
            proposals = proposals.filter(commune_id=data["commune"])
        if data["answer"] == "none":
            proposals = proposals.filter(answer__isnull=True)
        elif data["answer"]:
            proposals = proposals.filter(answer__status=data["answer"])
        sort = data["sort"] or "recent"
        if sort == "supports":
            return proposals.order_by("-support_count", "-created_at", "-pk")
        if sort == "comments":
            return proposals.order_by("-comment_count", "-created_at", "-pk")
        if sort == "random":
            return proposals.order_by(_seeded_order(data["seed"] or 1), "pk")
        return proposals.order_by("-created_at", "-pk")


def _seeded_order(seed):
    """A stable shuffle from the seed in the URL: pk × (prime + seed) mod another prime."""
    return (F("pk") * (7919 + seed)) % 104729


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Décision"),
        choices=[
            (Action.PUBLISH, Action.PUBLISH.label),
            (Action.HIDE, Action.HIDE.label),
            (Action.RESTORE, Action.RESTORE.label),
            (Action.DISMISS, Action.DISMISS.label),
        ],
        widget=forms.RadioSelect,
    )
    reason_code = forms.ChoiceField(
        label=_("Motif de masquage (liste de la charte)"),
        choices=[
            ("", _("— Choisir un motif —")),
            *((reason.value, reason.label) for reason in ReportReason.charter()),
        ],
        required=False,
        help_text=_("Obligatoire pour masquer : il est affiché à la place du texte."),
    )
    reason = forms.CharField(
        label=_(
            "Explication (envoyée à l’auteur·rice ; affichée publiquement si vous masquez)"
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, open_appeal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_appeal = open_appeal

    def clean(self):
        cleaned = super().clean()
        if self.open_appeal is not None:
            raise ValidationError(
                _(
                    "L’auteur·rice a demandé un réexamen : la décision se prend depuis "
                    "sa demande, par une autre personne que celle qui a masqué."
                )
            )
        if cleaned.get("action") == Action.HIDE and not cleaned.get("reason_code"):
            self.add_error(
                "reason_code",
                _("Choisissez le motif du masquage parmi ceux de la charte."),
            )
        return cleaned


class AppealForm(HoneypotMixin, forms.Form):
    explanation = forms.CharField(
        label=_("Pourquoi demandez-vous un réexamen ?"),
        max_length=Appeal.EXPLANATION_MAX_LENGTH,
        widget=forms.Textarea(
            attrs={"rows": 5, "maxlength": Appeal.EXPLANATION_MAX_LENGTH}
        ),
        help_text=format_lazy(
            _(
                "Expliquez en quelques phrases en quoi votre contribution respecte la "
                "charte ({max} caractères au plus)."
            ),
            max=Appeal.EXPLANATION_MAX_LENGTH,
        ),
        error_messages={
            "required": _("Expliquez pourquoi vous demandez un réexamen."),
        },
    )


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Décision après réexamen"),
        choices=[
            (AppealOutcome.UPHELD, _("Maintenir le masquage")),
            (AppealOutcome.OVERTURNED, _("Rétablir la contribution")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Explication (envoyée à l’auteur·rice)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Expliquez votre décision à l’auteur·rice."),
        },
    )


class BlockForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif (envoyé à la personne)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
