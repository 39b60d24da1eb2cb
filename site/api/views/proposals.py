"""``/api/v1/proposals/`` and ``/api/v1/answers/``."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view

from participation.models import Answer, Proposal, Status

from .. import filters, serializers
from .base import ReadOnlyViewSet, detail_schema, id_parameter, list_schema
from .consultations import public_consultations


@extend_schema_view(
    list=list_schema(
        serializers.ProposalSerializer,
        filters.ProposalFilters,
        _("Propositions"),
        _(
            "Les propositions publiées des consultations publiées, avec leur réponse "
            "officielle. Aucune donnée personnelle : ni auteur·rice, ni adresse "
            "électronique, ni nom affiché. Les propositions en attente de modération "
            "ou masquées n’y figurent pas."
        ),
    ),
    retrieve=detail_schema(
        serializers.ProposalSerializer,
        _("Une proposition"),
        id_parameter(_("Identifiant de la proposition.")),
    ),
)
class ProposalViewSet(ReadOnlyViewSet):
    queryset = Proposal.objects.none()  # the model, for the schema; see get_queryset
    serializer_class = serializers.ProposalSerializer
    filters_class = filters.ProposalFilters

    def get_queryset(self):
        return (
            Proposal.objects.published()
            .filter(consultation__in=public_consultations().values("pk"))
            .select_related("category", "commune", "answer")
            .only(
                "id",
                "consultation_id",
                "title",
                "body",
                "category__id",
                "category__name",
                "commune__id",
                "commune__insee_code",
                "is_official",
                "created_at",
                "support_count",
                "comment_count",
                "project_id",
                "answer__id",
                "answer__proposal_id",
                "answer__status",
                "answer__explanation",
                "answer__created_at",
                "answer__updated_at",
            )
            .order_by("-created_at", "-pk")
        )


@extend_schema_view(
    list=list_schema(
        serializers.AnswerSerializer,
        filters.AnswerFilters,
        _("Réponses officielles"),
        _(
            "Les réponses officielles aux propositions publiées, les plus récentes "
            "d’abord."
        ),
    ),
)
class AnswerViewSet(ReadOnlyViewSet):
    queryset = Answer.objects.none()  # the model, for the schema; see get_queryset
    serializer_class = serializers.AnswerSerializer
    filters_class = filters.AnswerFilters

    def get_queryset(self):
        return (
            Answer.objects.filter(
                proposal__status=Status.PUBLISHED,
                proposal__consultation__in=public_consultations().values("pk"),
            )
            .select_related("proposal")
            .only(
                "id",
                "proposal__id",
                "proposal__consultation_id",
                "proposal__title",
                "status",
                "explanation",
                "created_at",
                "updated_at",
            )
            .order_by("-created_at", "-pk")
        )

    def url_for(self, answer):
        return self.absolute(
            reverse("participation:proposal", args=[answer.proposal_id])
        )


# --- projects and communes ----------------------------------------------------------
