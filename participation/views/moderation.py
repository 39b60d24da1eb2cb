"""Reports, appeals and the public moderation statistics."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms import cache_policy, generational
from cms.decorators import cache_anonymous_view

from .. import abuse, rules
from ..forms import AppealForm, ReportForm
from ..models import (
    AlreadyAppealed,
    AlreadyReported,
    Appeal,
    Comment,
    Proposal,
    Report,
    ReportReason,
)
from ..pages.threads import comment_location
from ..statistics import first_statistics_year, yearly_statistics
from .base import charter_url, refused, under_visible_consultation


def contribution_or_404(request, kind, pk):
    """The proposal or comment a report or an appeal is about, with its consultation."""
    model = Proposal if kind == "proposition" else Comment
    contribution = get_object_or_404(
        under_visible_consultation(
            model.objects.select_related("consultation"), request
        ),
        pk=pk,
    )
    contribution.consultation = contribution.consultation.specific
    cache_policy.writes_concern(contribution.consultation_id)
    return contribution


def report(request, kind, pk):
    contribution = contribution_or_404(request, kind, pk)
    message = rules.refusal(
        request.user, "participation.report_contribution", contribution
    )
    if message:
        return refused(request, message)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif over_cap := abuse.report_cap_refusal(
            Report.objects.filter(reporter=request.user)
        ):
            form.add_error(None, over_cap)
            status = 429
        elif not abuse.consume(request, "report"):
            form.add_error(None, abuse.LIMIT_MESSAGE)
            status = 429
        else:
            try:
                contribution.report(
                    request.user,
                    form.cleaned_data["reason"],
                    form.cleaned_data["details"],
                )
            except AlreadyReported:
                messages.info(request, _("Vous avez déjà signalé ce contenu."))
            else:
                messages.success(
                    request,
                    _("Merci. L’équipe de modération va examiner ce signalement."),
                )
            return redirect(contribution.get_absolute_url())
    return render(
        request,
        "participation/report_form.html",
        {
            "form": form,
            "contribution": contribution,
            "charter_url": charter_url(request),
        },
        status=status,
    )


# --- appeals -------------------------------------------------------------------------


def appeal(request, kind, pk):
    """The author of a hidden contribution asks, once, for another moderator's review."""
    contribution = contribution_or_404(request, kind, pk)
    message = rules.refusal(
        request.user, "participation.appeal_contribution", contribution
    )
    if message:
        return refused(request, message)
    form = AppealForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            try:
                Appeal.file(
                    contribution, request.user, form.cleaned_data["explanation"]
                )
            except AlreadyAppealed:
                messages.info(
                    request,
                    _("Vous avez déjà demandé le réexamen de cette contribution."),
                )
            else:
                messages.success(
                    request,
                    _(
                        "Votre demande de réexamen est enregistrée. Une autre personne "
                        "de l’équipe de modération que celle qui a masqué votre "
                        "contribution va la réexaminer ; vous recevrez sa décision "
                        "par courriel."
                    ),
                )
            if isinstance(contribution, Comment):
                return HttpResponseRedirect(comment_location(contribution))
            return redirect(contribution)
    return render(
        request,
        "participation/appeal_form.html",
        {
            "form": form,
            "contribution": contribution,
            "consultation": contribution.consultation,
            "charter_url": charter_url(request),
        },
        status=status,
    )


# --- public moderation statistics ----------------------------------------------------


def moderation_statistics_latest(request):
    return redirect(
        "participation:moderation_statistics", year=timezone.localdate().year
    )


@cache_anonymous_view
@require_GET
def moderation_statistics(request, year):
    """The year's figures, computed once per content generation; no cached copy
    outlives the new year (the list of years changes then)."""
    current = timezone.localdate().year
    cache_policy.valid_until(cache_policy.end_of_year())
    first = generational.get_or_compute(
        "participation:moderation-first-year", first_statistics_year
    )
    years = list(range(current, min(first or current, current) - 1, -1))
    if year not in years:
        raise Http404
    statistics = generational.get_or_compute(
        f"participation:moderation-statistics:{year}",
        lambda: yearly_statistics(year),
    )
    response = render(
        request,
        "participation/moderation_statistics.html",
        {
            "statistics": statistics,
            "years": years,
            "year": year,
            "charter_url": charter_url(request),
            "automatic_reasons": [
                str(reason.label) for reason in ReportReason.automatic()
            ],
            "threshold": settings.PARTICIPATION_REPORT_THRESHOLD,
        },
    )
    return response
