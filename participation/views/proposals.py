"""A proposal: its page, its creation, supports and follows."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms import cache as page_cache
from cms import cache_policy, restrictions

from .. import abuse, rules
from ..forms import ProposalForm
from ..models import ConsultationPage, Follow, Proposal, Support
from ..pages.threads import (
    comment_thread,
    hidden_notice_context,
    participation_context,
    stance_summary,
)
from ..trace import trace_html
from .base import (
    FIRST_CONTRIBUTION_MESSAGE,
    back_to,
    consultation_or_404,
    map_settings,
    refused,
    under_visible_consultation,
)


def proposal_detail(request, pk):
    cached = page_cache.get_cached_response(request)
    if cached is not None:
        return cached
    user = request.user
    proposals = Proposal.objects.for_list()
    if user.is_authenticated:
        mine = {"proposal": OuterRef("pk"), "user": user}
        proposals = proposals.annotate(
            has_supported=Exists(Support.objects.filter(**mine)),
            is_following=Exists(Follow.objects.filter(**mine)),
        )
    proposal = get_object_or_404(proposals, pk=pk)
    # Read apart: joined to the proposal's, the page's tables cost PostgreSQL more
    # time to plan than both queries take to run.
    consultation = get_object_or_404(
        ConsultationPage.objects.live(), pk=proposal.consultation_id
    )
    proposal.consultation = consultation
    # The consultation's password or sign-in guards its proposals too.
    refused_here = restrictions.restricted_response(consultation, request)
    if refused_here is not None:
        return refused_here
    own = user.is_authenticated and proposal.author_id == user.pk
    if proposal.is_pending and not own and not rules.is_moderator(user):
        raise Http404
    context = {
        "proposal": proposal,
        "consultation": consultation,
        "comments": comment_thread(request, consultation, proposal),
        "can_support": user.has_perm("participation.support_proposal", proposal),
        "support_refusal": rules.refusal(
            user, "participation.support_proposal", proposal
        ),
        "can_report": user.has_perm("participation.report_contribution", proposal),
        "can_follow": user.has_perm("participation.follow_proposal", proposal),
        "can_edit": user.has_perm("participation.change_proposal", proposal),
        "can_withdraw": user.has_perm("participation.withdraw_proposal", proposal),
        "has_supported": getattr(proposal, "has_supported", False),
        "is_following": getattr(proposal, "is_following", False),
        "stances": stance_summary(proposal),
        **hidden_notice_context(request, proposal),
        "trace_html": trace_html(proposal),
        **participation_context(request, consultation, proposal),
        **map_settings(),
    }
    if proposal.latitude is not None:
        context["map_points"] = [
            {
                "lat": float(proposal.latitude),
                "lng": float(proposal.longitude),
                "title": proposal.title,
            }
        ]
    cache_policy.valid_until(consultation.next_state_change())
    response = render(request, "participation/proposal_detail.html", context)
    if restrictions.may_be_restricted(consultation):
        add_never_cache_headers(response)  # never kept for anyone else
    return page_cache.store_response(request, response)


def proposal_create(request, consultation_pk):
    consultation = consultation_or_404(request, consultation_pk)
    message = rules.refusal(request.user, "participation.add_proposal", consultation)
    if message:
        return refused(request, message)
    form = ProposalForm(request.POST or None, consultation=consultation)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif not abuse.consume(request, "proposal"):
            form.add_error(None, abuse.LIMIT_MESSAGE)
            status = 429
        else:
            proposal = form.save(commit=False)
            proposal.consultation = consultation
            proposal.author = request.user
            proposal.status = proposal.initial_status(request)
            proposal.save()
            if proposal.is_pending and not consultation.pre_moderated:
                messages.success(request, FIRST_CONTRIBUTION_MESSAGE)
            elif proposal.is_pending:
                messages.success(
                    request,
                    _(
                        "Merci ! Votre proposition sera publiée après sa relecture "
                        "par l’équipe de modération."
                    ),
                )
            else:
                messages.success(request, _("Merci ! Votre proposition est publiée."))
            return redirect(proposal)
    return render(
        request,
        "participation/proposal_form.html",
        {
            "form": form,
            "consultation": consultation,
            "remaining": consultation.max_proposals_per_person
            - consultation.proposals_count_by(request.user),
            **map_settings(),
        },
        status=status,
    )


def own_proposal(pk):
    proposal = get_object_or_404(Proposal.objects.select_related("consultation"), pk=pk)
    proposal.consultation = proposal.consultation.specific
    return proposal


def proposal_edit(request, pk):
    """Its author changes the proposal within the edit window; the previous words
    stay for the moderators (``Proposal.edit``)."""
    proposal = own_proposal(pk)
    message = rules.refusal(request.user, "participation.change_proposal", proposal)
    if message:
        return refused(request, message)
    consultation = proposal.consultation
    original = Proposal.objects.get(pk=proposal.pk)
    form = ProposalForm(
        request.POST or None, instance=proposal, consultation=consultation
    )
    if request.method == "POST" and form.is_valid():
        edited = form.save(commit=False)
        fields = {
            name: getattr(edited, name)
            for name in form.Meta.fields
            if name in form.fields
        }
        if original.edit(**fields):
            messages.success(request, _("Votre proposition a été modifiée."))
        return redirect(original)
    return render(
        request,
        "participation/proposal_form.html",
        {
            "form": form,
            "consultation": consultation,
            "proposal": original,
            **map_settings(),
        },
        status=400 if form.is_bound else 200,
    )


def proposal_withdraw(request, pk):
    """Its author withdraws the proposal, after a confirmation page (works without JS)."""
    proposal = own_proposal(pk)
    message = rules.refusal(request.user, "participation.withdraw_proposal", proposal)
    if message:
        return refused(request, message)
    if request.method == "POST":
        proposal.withdraw()
        messages.success(request, _("Votre proposition est retirée."))
        return redirect(proposal.consultation.url)
    return render(
        request,
        "participation/proposal_withdraw.html",
        {"proposal": proposal, "consultation": proposal.consultation},
    )


@require_POST
def support(request, pk):
    proposal = get_object_or_404(
        under_visible_consultation(
            Proposal.objects.select_related("consultation"), request
        ),
        pk=pk,
    )
    proposal.consultation = proposal.consultation.specific
    cache_policy.writes_concern(proposal.consultation_id, proposal_pk=proposal.pk)
    message = rules.refusal(request.user, "participation.support_proposal", proposal)
    if message:
        return refused(request, message)
    if request.POST.get("action") == "remove":
        Support.objects.filter(proposal=proposal, user=request.user).delete()
        messages.success(request, _("Votre soutien a été retiré."))
    else:
        try:
            with transaction.atomic():
                Support.objects.create(proposal=proposal, user=request.user)
        except IntegrityError:
            messages.info(request, _("Vous soutenez déjà cette proposition."))
        else:
            messages.success(request, _("Merci pour votre soutien !"))
    return back_to(request, proposal.get_absolute_url())


@require_POST
def follow(request, pk):
    proposal = get_object_or_404(
        under_visible_consultation(Proposal.objects.all(), request), pk=pk
    )
    cache_policy.writes_concern(proposal.consultation_id, proposal_pk=proposal.pk)
    message = rules.refusal(request.user, "participation.follow_proposal", proposal)
    if message:
        return refused(request, message)
    if request.POST.get("action") == "remove":
        Follow.objects.filter(proposal=proposal, user=request.user).delete()
        messages.success(request, _("Vous ne suivez plus cette proposition."))
    else:
        Follow.objects.get_or_create(proposal=proposal, user=request.user)
        messages.success(
            request,
            _("Vous serez prévenu·e par courriel de la réponse à cette proposition."),
        )
    return back_to(request, proposal.get_absolute_url())
