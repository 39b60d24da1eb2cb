"""``/api/v1/consultations/``."""

import datetime

from django.conf import settings
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view

from cms import cache_policy
from cms.sites import page_url_maker
from contrats.models import Commune
from participation.models import (
    Comment,
    ConsultationCategory,
    ConsultationPage,
    Proposal,
    Status,
)

from .. import filters, serializers
from .base import ReadOnlyViewSet, detail_schema, id_parameter, list_schema


def public_consultations():
    """Live consultations that nobody has to sign in to read."""
    return ConsultationPage.objects.live().public()


def _total(queryset, aggregate):
    rows = (
        queryset.order_by()
        .values("consultation")
        .annotate(total=aggregate)
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


@extend_schema_view(
    list=list_schema(
        serializers.ConsultationSerializer,
        filters.ConsultationFilters,
        _("Consultations"),
        _(
            "Les consultations publiées, les plus récentes d’abord, avec leur phase, "
            "leurs dates et le nombre de propositions, de soutiens et de commentaires "
            "publiés."
        ),
    ),
    retrieve=detail_schema(
        serializers.ConsultationSerializer,
        _("Une consultation"),
        id_parameter(_("Identifiant de la consultation.")),
    ),
)
class ConsultationViewSet(ReadOnlyViewSet):
    queryset = (
        ConsultationPage.objects.none()
    )  # the model, for the schema; see get_queryset
    serializer_class = serializers.ConsultationSerializer
    filters_class = filters.ConsultationFilters

    def get_queryset(self):
        published = Proposal.objects.filter(
            consultation=OuterRef("pk"), status=Status.PUBLISHED
        )
        own_comments = Comment.objects.filter(
            consultation=OuterRef("pk"),
            proposal__isnull=True,
            status=Status.PUBLISHED,
            deleted_at__isnull=True,
        )
        return (
            public_consultations()
            .only(
                "id",
                "title",
                "url_path",
                "summary",
                "theme",
                "opens_at",
                "closes_at",
                "results_published_at",
                "answers_promised_by",
            )
            .annotate(
                contract_short_name=F("contract__short_name"),
                proposals_count=_total(published, Count("pk")),
                supports_count=_total(published, Sum("support_count")),
                comments_count=_total(published, Sum("comment_count"))
                + _total(own_comments, Count("pk")),
            )
            .prefetch_related(
                Prefetch("communes", Commune.objects.only("pk", "insee_code")),
                Prefetch(
                    "categories",
                    ConsultationCategory.objects.order_by("sort_order", "pk").only(
                        "pk", "name", "page_id"
                    ),
                ),
            )
            .order_by("-opens_at", "-pk")
        )

    def url_for(self, consultation):
        if not hasattr(self, "_page_url"):
            self._page_url = page_url_maker()
        url = self._page_url(consultation.url_path)
        return self.absolute(url) if url is not None else None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            # A phase changes without any write: no cached copy may outlive it.
            cache_policy.valid_until(self.next_phase_change())
        return response

    def next_phase_change(self):
        now = timezone.now()
        window = (now, now + datetime.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT))
        moments = (
            ConsultationPage.objects.live()
            .filter(
                Q(opens_at__range=window)
                | Q(closes_at__range=window)
                | Q(results_published_at__range=window)
            )
            .values_list("opens_at", "closes_at", "results_published_at")
        )
        return cache_policy.next_moment(*(m for row in moments for m in row))


# --- proposals and answers ----------------------------------------------------------
