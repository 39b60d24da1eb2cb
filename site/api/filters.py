"""Query-string filters of the API, validated (a wrong value is a 400, never a 500)
and documented in the OpenAPI schema from these serializers."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from contrats.models import Project
from participation.models import AnswerStatus
from participation.phases import State

from .messages import french
from .serializers import INSEE_PATTERN, MAX_ID

NO_ANSWER = "none"


def insee_field(help_text):
    return serializers.RegexField(
        INSEE_PATTERN,
        required=False,
        help_text=help_text,
        error_messages=french(
            serializers.RegexField,
            {"invalid": _("Code INSEE invalide (5 caractères).")},
        ),
    )


def id_field(help_text):
    return serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=help_text,
        error_messages=french(serializers.IntegerField),
    )


def choice_field(choices, help_text, **kwargs):
    return serializers.ChoiceField(
        choices=choices,
        help_text=help_text,
        error_messages=french(serializers.ChoiceField),
        **kwargs,
    )


class ConsultationFilters(serializers.Serializer):
    state = choice_field(
        choices=State.choices,
        required=False,
        help_text=_("Seulement les consultations dans cette phase."),
    )
    commune = insee_field(_("Seulement les consultations concernant cette commune."))

    def apply(self, queryset):
        data = self.validated_data
        now = timezone.now()
        state = data.get("state")
        if state == State.UPCOMING:
            queryset = queryset.filter(opens_at__gt=now)
        elif state == State.OPEN:
            queryset = queryset.filter(opens_at__lte=now, closes_at__gt=now)
        elif state == State.CLOSED:
            queryset = queryset.filter(closes_at__lte=now).exclude(
                results_published_at__lte=now
            )
        elif state == State.RESULTS:
            queryset = queryset.filter(
                opens_at__lte=now, closes_at__lte=now, results_published_at__lte=now
            )
        if "commune" in data:
            queryset = queryset.filter(communes__insee_code=data["commune"])
        return queryset


class ProposalFilters(serializers.Serializer):
    SORTS = {
        "recent": ("-created_at", "-id"),
        "supports": ("-support_count", "-created_at", "-id"),
        "comments": ("-comment_count", "-created_at", "-id"),
    }

    consultation = id_field(_("Seulement les propositions de cette consultation."))
    commune = insee_field(_("Seulement les propositions concernant cette commune."))
    category = id_field(_("Seulement les propositions de cette catégorie."))
    answer = choice_field(
        choices=[*AnswerStatus.choices, (NO_ANSWER, _("sans réponse"))],
        required=False,
        help_text=_(
            "Seulement les propositions qui ont reçu cette réponse officielle "
            "(« none » : sans réponse)."
        ),
    )
    sort = choice_field(
        choices=[
            ("recent", _("les plus récentes d’abord")),
            ("supports", _("les plus soutenues d’abord")),
            ("comments", _("les plus commentées d’abord")),
        ],
        default="recent",
        help_text=_("Ordre des résultats."),
    )

    def apply(self, queryset):
        data = self.validated_data
        if "consultation" in data:
            queryset = queryset.filter(consultation_id=data["consultation"])
        if "commune" in data:
            queryset = queryset.filter(commune__insee_code=data["commune"])
        if "category" in data:
            queryset = queryset.filter(category_id=data["category"])
        answer = data.get("answer")
        if answer == NO_ANSWER:
            queryset = queryset.filter(answer__isnull=True)
        elif answer:
            queryset = queryset.filter(answer__status=answer)
        return queryset.order_by(*self.SORTS[data["sort"]])


class AnswerFilters(serializers.Serializer):
    consultation = id_field(_("Seulement les réponses d’une consultation."))
    status = choice_field(
        choices=AnswerStatus.choices,
        required=False,
        help_text=_("Seulement les réponses de ce type."),
    )

    def apply(self, queryset):
        data = self.validated_data
        if "consultation" in data:
            queryset = queryset.filter(proposal__consultation_id=data["consultation"])
        if "status" in data:
            queryset = queryset.filter(status=data["status"])
        return queryset


class ProjectFilters(serializers.Serializer):
    commune = insee_field(_("Seulement les projets concernant cette commune."))
    status = choice_field(
        choices=Project.Status.choices,
        required=False,
        help_text=_("Seulement les projets dans cet état."),
    )
    holder_kind = choice_field(
        choices=Project.HolderKind.choices,
        required=False,
        help_text=_("Seulement les projets de ce type de porteur."),
    )
    year = serializers.IntegerField(
        required=False,
        min_value=1900,
        max_value=2200,
        error_messages=french(serializers.IntegerField),
        help_text=_("Seulement les projets en cours cette année-là."),
    )
    contract = serializers.SlugField(
        required=False,
        max_length=255,
        error_messages=french(serializers.SlugField),
        help_text=_(
            "Seulement les projets relevant d’une mesure de ce contrat "
            "(identifiant d’adresse du contrat, par exemple « crte »)."
        ),
    )

    def apply(self, queryset):
        data = self.validated_data
        if "commune" in data:
            queryset = queryset.filter(
                pk__in=Project.communes.through.objects.filter(
                    commune__insee_code=data["commune"]
                ).values("project_id")
            )
        if "status" in data:
            queryset = queryset.filter(status=data["status"])
        if "holder_kind" in data:
            queryset = queryset.filter(holder_kind=data["holder_kind"])
        if "year" in data:
            year = data["year"]
            queryset = queryset.filter(start_year__lte=year).exclude(end_year__lt=year)
            queryset = queryset.exclude(end_year__isnull=True, start_year__lt=year)
        if "contract" in data:
            queryset = queryset.filter(
                pk__in=Project.measures.through.objects.filter(
                    mesure__axe__orientation__contract__slug=data["contract"]
                ).values("project_id")
            )
        return queryset


class CommuneFilters(serializers.Serializer):
    epci = serializers.RegexField(
        r"^[0-9]{9}$",
        required=False,
        help_text=_("Seulement les communes de cet EPCI (numéro SIREN)."),
        error_messages=french(
            serializers.RegexField,
            {"invalid": _("Numéro SIREN invalide (9 chiffres).")},
        ),
    )
    petr = serializers.BooleanField(
        required=False,
        error_messages=french(serializers.BooleanField),
        help_text=_(
            "true : seulement les communes du PETR Grand Quercy ; false : les autres."
        ),
    )

    def apply(self, queryset):
        data = self.validated_data
        if "epci" in data:
            queryset = queryset.filter(epci__siren=data["epci"])
        if "petr" in data:
            queryset = queryset.filter(epci__is_petr_member=data["petr"])
        return queryset
