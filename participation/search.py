"""The site search's group of published proposals (cms.search)."""

from django.utils.translation import gettext_lazy as _

from cms.search import SearchGroup, search_models

from .models import ConsultationPage, Proposal


def published_proposals(request, query):
    """Published proposals of live, public consultations only."""
    consultations = ConsultationPage.objects.live().public().values("pk")
    return search_models(
        Proposal.objects.published().filter(consultation_id__in=consultations),
        query,
    )


def present(proposals, request):
    return [
        {
            "title": proposal.public_title,
            "url": proposal.get_absolute_url(),
            "excerpt": proposal.easy_read or proposal.body,
        }
        for proposal in proposals
    ]


def proposals():
    return SearchGroup(
        "propositions",
        _("Propositions des habitant·es"),
        published_proposals,
        present,
    )
