"""What participation adds to a commune's page (« Ma commune », contrats): the
consultations that name the commune and those of the whole territory (which name
none), and what its residents proposed — with what became of it.

Registered with contrats' ``register_commune_section`` hook (wagtail_hooks.py), so
contrats needs to know nothing of participation. Three queries, whatever the data, once
per content generation.
"""

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils.translation import ngettext

from cms import cache_policy, generational, restrictions
from cms.sites import page_url_maker
from contrats.views.communes import CommuneSection

from .models import ConsultationPage, Proposal
from .models.choices import AnswerStatus, Status

LATEST_PROPOSALS = 5
TERRITORY_CONSULTATIONS = 5


def consultations_about(commune, private_q, url):
    """The consultations naming the commune, and the latest of those naming none (the
    whole PETR, so this commune too): one query."""
    named = ConsultationPage.communes.through.objects.filter(
        consultationpage_id=OuterRef("pk")
    )
    here = (
        Proposal.objects.filter(
            consultation=OuterRef("pk"), commune=commune, status=Status.PUBLISHED
        )
        .order_by()
        .values("consultation")
        .annotate(total=Count("pk"))
        .values("total")
    )
    consultations = list(
        ConsultationPage.objects.live()
        .exclude(private_q)
        .annotate(
            names_commune=Exists(named.filter(commune=commune)),
            names_any=Exists(named),
        )
        .filter(Q(names_commune=True) | Q(names_any=False))
        .annotate(
            commune_proposals=Coalesce(
                Subquery(here, output_field=IntegerField()), Value(0)
            )
        )
        .order_by("-opens_at", "pk")
        .only(
            "pk",
            "title",
            "url_path",
            "summary",
            "opens_at",
            "closes_at",
            "results_published_at",
            "answers_promised_by",
        )
    )
    for consultation in consultations:
        consultation.public_url = url(consultation.url_path)
    territory = [c for c in consultations if not c.names_commune]
    more = None
    if len(territory) > TERRITORY_CONSULTATIONS:
        index_path = territory[0].url_path.rstrip("/").rsplit("/", 1)[0] + "/"
        more = url(index_path)
    return (
        [c for c in consultations if c.names_commune],
        territory[:TERRITORY_CONSULTATIONS],
        more,
    )


def residents_said(commune):
    """Counts of the published proposals about the commune and the latest ones: two queries."""
    published = (
        Proposal.objects.published()
        .filter(commune=commune, consultation__live=True)
        .exclude(restrictions.private_q(prefix="consultation__"))
    )
    counts = published.aggregate(
        total=Count("pk"),
        answered=Count("answer"),
        accepted=Count(
            "answer",
            filter=Q(answer__status__in=[AnswerStatus.ACCEPTED, AnswerStatus.PARTLY]),
        ),
        supports=Sum("support_count"),
        consultations=Count("consultation", distinct=True),
    )
    counts["supports"] = counts["supports"] or 0
    # what the list shows and no more: fewer joins to plan than the cards' for_list()
    latest = list(
        published.select_related("author", "answer", "deposit_commune", "project")
        .only(
            "pk",
            "title",
            "created_at",
            "is_official",
            "author__display_name",
            "author__first_name",
            "author__last_name",
            "author__erased_at",
            "answer__status",
            "resident_name",
            "deposit_commune__name",
            "project__title",
            "project__slug",
        )
        .annotate(consultation_title=F("consultation__title"))
        .order_by("-created_at", "-pk")[:LATEST_PROPOSALS]
    )
    return counts, latest


def commune_section(request, commune, private_q):
    """Read once per content generation: every list is content (the restricted
    sections included); only the phases, computed from the dates, follow the clock."""

    def compute():
        return (
            consultations_about(commune, private_q, page_url_maker()),
            residents_said(commune),
        )

    (consultations, territory, all_consultations_url), (said, latest) = (
        generational.get_or_compute(f"participation:commune:{commune.pk}", compute)
    )
    for consultation in [*consultations, *territory]:
        cache_policy.valid_until(consultation.next_state_change())
    html = render_to_string(
        "participation/includes/commune_sections.html",
        {
            "commune": commune,
            "consultations": consultations,
            "territory_consultations": territory,
            "all_consultations_url": all_consultations_url,
            "said": said,
            "latest_proposals": latest,
        },
        request=request,
    )
    label = ngettext(
        "proposition d’habitant·e", "propositions d’habitant·es", said["total"]
    )
    return CommuneSection(
        html=html,
        key_figures=((said["total"], label),),
    )
