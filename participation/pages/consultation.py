"""The context of a consultation page: its proposals, comments, and what the visitor may do."""

from cms import cache_policy, opendata

from .. import rules
from ..forms import ProposalFilterForm
from .cards import page_with_total, render_cards
from .threads import comment_thread, participation_context

PROPOSALS_PER_PAGE = 12


def consultation_context(page, request):
    """The proposals (filtered, one page of cards), the comments, what the visitor may do."""
    cache_policy.valid_until(page.next_state_change())
    filters = ProposalFilterForm(request.GET, **page.filter_choices())
    proposals = filters.filter(page.proposals_for_list())
    proposal_page = page_with_total(
        proposals, PROPOSALS_PER_PAGE, request.GET.get("page")
    )
    for proposal in proposal_page.object_list:
        proposal.consultation = page  # what the late badge asks, without a query
    render_cards(proposal_page.object_list, page.results_published)
    user = request.user
    return {
        "filters": filters,
        "proposals": proposal_page,
        "comments": comment_thread(request, page, None, param="cpage"),
        "can_propose": user.has_perm("participation.add_proposal", page),
        "propose_refusal": rules.refusal(user, "participation.add_proposal", page),
        **participation_context(request, page, page),
        "open_data_licence": opendata.LICENCE_URL,
    }
