"""Public views: thin; the rules decide, the models act, the templates show."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from cms import cache as page_cache
from cms import chrome, generational, opendata, restrictions, sites
from cms.decorators import cache_anonymous_view

from . import abuse, poster, rules
from . import opendata as datasets
from .forms import AppealForm, CommentEditForm, CommentForm, ProposalForm, ReportForm
from .models import (
    AlreadyAppealed,
    AlreadyReported,
    Appeal,
    Comment,
    ConsultationPage,
    Follow,
    Proposal,
    Report,
    ReportReason,
    Support,
)
from .models.moderation import (
    first_statistics_year,
    statistics_year_ends_soon,
    yearly_statistics,
)
from .trace import trace_html

COMMENTS_PER_PAGE = 20


def map_settings():
    return {
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def refused(request, message, status=403):
    return render(
        request, "participation/refused.html", {"message": message}, status=status
    )


def consultation_or_404(pk):
    return get_object_or_404(ConsultationPage.objects.live().specific(), pk=pk)


def charter_url(request):
    """The participation charter's address, from the cached site settings ("" if none)."""
    site_settings = chrome.get_chrome(request)["settings"]
    page = site_settings.participation_charter_page if site_settings else None
    if page is None or not page.live:
        return ""
    return page.get_url(request) or ""


def back_to(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


# --- comments, shared by the consultation page and the proposal page ----------------


def comment_thread(request, consultation, proposal=None, param="page"):
    """One page of top-level comments with their replies and what the visitor may do.

    One query for the page and its replies (none when the thread is empty); the page
    carries ``thread``: the comments in reading order, each reply marked first or last
    of its list, so the template renders them in one loop.
    """
    user = request.user
    visible = Comment.objects.visible_to(user)
    top_level = visible.filter(
        consultation=consultation, proposal=proposal, parent__isnull=True
    ).order_by("created_at", "pk")
    paginator = Paginator(top_level, COMMENTS_PER_PAGE)
    paginator.count = thread_count(user, consultation, proposal, top_level)
    page = paginator.get_page(request.GET.get(param))
    page.thread = []
    if not paginator.count:
        page.object_list = []
        return page
    ids = top_level.values("pk")[page.start_index() - 1 : page.end_index()]
    rows = list(
        visible.with_author()
        .annotate(thread_root=Coalesce("parent_id", "id"))  # indexed expression
        .filter(thread_root__in=ids)
        .order_by("created_at", "pk")
    )
    appeals = own_appeals(user, rows)
    charter = charter_url(request)
    tops, replies, memo = [], {}, {}
    urls = comment_urls(consultation, proposal)
    for comment in rows:
        comment.appeal_status = appeals.get(comment.pk, "")
        comment.has_appeal = comment.pk in appeals
        annotate_comment(user, comment, consultation, proposal, memo)
        comment.shown_author = comment.author_name
        comment.charter_url = charter
        for name, pattern in urls.items():
            setattr(comment, name, pattern.replace(URL_SLOT, str(comment.pk)))
        if comment.parent_id is None:
            tops.append(comment)
        else:
            replies.setdefault(comment.parent_id, []).append(comment)
    # Every attribute the template reads is set on every comment: a missing one costs
    # the template engine a dir() of the instance.
    for comment in tops:
        comment.reply_list = replies.get(comment.pk, [])
        comment.first_reply = comment.last_reply = False
        comment.reply_total = len(comment.reply_list)
        page.thread.append(comment)
        for position, reply in enumerate(comment.reply_list):
            reply.reply_list = []
            reply.first_reply = position == 0
            reply.last_reply = position == comment.reply_total - 1
            reply.reply_total = comment.reply_total
            page.thread.append(reply)
    page.object_list = tops
    render_comments(
        page.thread,
        user.has_perm("participation.add_comment", proposal or consultation),
    )
    return page


def own_appeals(user, comments):
    """{comment pk: appeal outcome ("" while open)} for the visitor's own hidden
    comments among these: one query, and only when there are some."""
    if not user.is_authenticated:
        return {}
    mine = [c.pk for c in comments if c.author_id == user.pk and c.is_hidden]
    if not mine:
        return {}
    rows = Appeal.objects.filter(comment__in=mine).values_list("comment", "outcome")
    return {pk: outcome or "open" for pk, outcome in rows}


def render_comments(comments, can_comment):
    """Each comment's HTML, kept in the cache under a key made of all it shows.

    The key holds the comment's last change (``updated_at`` moves with its text, state
    and edits), its stance, the reason it was hidden for and the charter's address,
    its author's public name and what this visitor may do with it (appeal included):
    any real change gives a new key. A page of comments is then one cache round trip
    instead of twenty template renderings.
    """
    keys = []
    for comment in comments:
        comment.can_reply = bool(
            can_comment and comment.parent_id is None and comment.is_published
        )
        shown = (
            comment.updated_at.timestamp(),
            comment.can_reply,
            comment.can_change,
            comment.can_delete,
            comment.can_report,
            comment.can_appeal,
            comment.appeal_status,
            comment.stance,
            comment.hidden_reason_code,
            comment.hidden_reason,
            comment.charter_url,
            str(comment.shown_author),
        )
        digest = hashlib.sha1(  # noqa: S324  (a cache key, not a secret)
            repr(shown).encode()
        ).hexdigest()
        keys.append(f"participation:comment-html:{comment.pk}:{digest}")
    found = cache.get_many(keys)
    missing = {}
    for comment, key in zip(comments, keys, strict=True):
        html = found.get(key)
        if html is None:
            html = render_to_string(
                "participation/includes/comment.html", {"comment": comment}
            )
            missing[key] = html
        comment.html = mark_safe(html)  # noqa: S308  (our template's output)
    if missing:
        cache.set_many(missing, settings.PAGE_CACHE_TIMEOUT)


URL_SLOT = "2147483647"  # a pk no comment has: replaced by each comment's own


def comment_urls(consultation, proposal):
    """The links of a comment, reversed once per thread rather than once per comment."""
    reply = (
        reverse("participation:proposal_comment", args=[proposal.pk])
        if proposal
        else reverse("participation:consultation_comment", args=[consultation.pk])
    )
    return {
        "reply_url": f"{reply}?parent={URL_SLOT}",
        "edit_url": reverse("participation:comment_edit", args=[URL_SLOT]),
        "delete_url": reverse("participation:comment_delete", args=[URL_SLOT]),
        "report_url": reverse("participation:comment_report", args=[URL_SLOT]),
        "appeal_url": reverse("participation:comment_appeal", args=[URL_SLOT]),
    }


def thread_count(user, consultation, proposal, top_level):
    """How many top-level comments this visitor sees, counted once per content generation.

    Every change of a comment bumps the generation (cms.cache), so the figure stays
    exact; a proposal with 70 000 comments is not counted on every request.
    """
    key = ":".join(
        str(part)
        for part in (
            "participation:thread-count",
            consultation.pk,
            proposal.pk if proposal else 0,
            user.pk if user.is_authenticated else 0,
            page_cache.generation(),
        )
    )
    count = cache.get(key)
    if count is None:
        count = top_level.count()
        cache.set(key, count, settings.PAGE_CACHE_TIMEOUT)
    return count


def annotate_comment(user, comment, consultation, proposal, memo=None):
    """What the visitor may do with a comment, asked of the rules.

    Someone else's comment: changing and deleting need authorship, and whether it may be
    reported depends, for a given visitor and thread, only on its state. ``memo``
    keeps the answer per state, so a page of 20 comments asks the rules a few times.
    """
    comment.consultation = consultation
    comment.proposal = proposal
    comment.can_appeal = False
    if not user.is_authenticated:
        comment.can_change = comment.can_delete = comment.can_report = False
        return
    if comment.author_id == user.pk or memo is None or user.is_superuser:
        comment.can_change = user.has_perm("participation.change_comment", comment)
        comment.can_delete = user.has_perm("participation.delete_comment", comment)
        comment.can_report = user.has_perm("participation.report_contribution", comment)
        comment.can_appeal = comment.is_hidden and user.has_perm(
            "participation.appeal_contribution", comment
        )
        return
    comment.can_change = comment.can_delete = False
    state = (comment.status, comment.is_deleted)
    if state not in memo:
        memo[state] = user.has_perm("participation.report_contribution", comment)
    comment.can_report = memo[state]


def comment_page_number(comment):
    """The page of the thread where a comment (or its parent) sits."""
    anchor = comment.parent or comment
    before = Comment.objects.filter(
        consultation_id=anchor.consultation_id,
        proposal_id=anchor.proposal_id,
        parent__isnull=True,
        created_at__lt=anchor.created_at,
    ).count()
    return before // COMMENTS_PER_PAGE + 1


def comment_location(comment):
    """The comment in its thread: the right page, scrolled to it."""
    page = comment_page_number(comment)
    if comment.proposal_id:
        return f"{comment.proposal.get_absolute_url()}?page={page}#commentaire-{comment.pk}"
    return f"{comment.consultation.url}?cpage={page}#commentaire-{comment.pk}"


def hidden_notice_context(request, contribution):
    """What a hidden contribution's notice shows: the charter's link and, to its
    author, the appeal made or the form to make it."""
    if not contribution.is_hidden:
        return {}
    context = {"charter_url": charter_url(request)}
    user = request.user
    if user.is_authenticated and contribution.author_id == user.pk:
        appeal = contribution.appeals.first()
        contribution.has_appeal = appeal is not None
        context["appeal"] = appeal
        if user.has_perm("participation.appeal_contribution", contribution):
            context["appeal_form"] = AppealForm()
    return context


def stance_summary(proposal):
    """A proposal's published comments per stance, counted once per content generation."""
    return generational.get_or_compute(
        f"participation:stances:{proposal.pk}",
        lambda: Comment.objects.filter(proposal=proposal).stance_counts(),
    )


def participation_context(request, consultation, target):
    """What the visitor may do here, and if not, why: pages say it before any click."""
    user = request.user
    context = {
        "can_comment": user.has_perm("participation.add_comment", target),
        "comment_refusal": rules.refusal(user, "participation.add_comment", target),
    }
    if not context["can_comment"] or not user.is_authenticated:
        context["comment_form"] = None
    else:
        context["comment_form"] = CommentForm(
            consultation=consultation,
            proposal=target if isinstance(target, Proposal) else None,
        )
    return context


# --- proposals -----------------------------------------------------------------------


def proposal_detail(request, pk):
    cached = page_cache.get_cached_response(request)
    if cached is not None:
        return cached
    user = request.user
    proposals = Proposal.objects.for_list().select_related("consultation", "project")
    if user.is_authenticated:
        mine = {"proposal": OuterRef("pk"), "user": user}
        proposals = proposals.annotate(
            has_supported=Exists(Support.objects.filter(**mine)),
            is_following=Exists(Follow.objects.filter(**mine)),
        )
    proposal = get_object_or_404(proposals, pk=pk)
    consultation = proposal.consultation
    if not consultation.live:
        raise Http404
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
    response = render(request, "participation/proposal_detail.html", context)
    if consultation.cache_anonymous:
        page_cache.store_response(request, response)
    return response


FIRST_CONTRIBUTION_MESSAGE = gettext_lazy(
    "Merci ! C’est votre première contribution : elle sera publiée après sa relecture "
    "par l’équipe de modération. Vous la voyez déjà, avec la mention « En attente "
    "de modération »."
)


def proposal_create(request, consultation_pk):
    consultation = consultation_or_404(consultation_pk)
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


@require_POST
def support(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("consultation"), pk=pk)
    proposal.consultation = proposal.consultation.specific
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
    proposal = get_object_or_404(Proposal, pk=pk)
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


# --- comments ------------------------------------------------------------------------


def comment_create(request, kind, pk):
    if kind == "proposition":
        proposal = get_object_or_404(
            Proposal.objects.select_related("consultation"), pk=pk
        )
        consultation = proposal.consultation.specific
        proposal.consultation = consultation
        target = proposal
    else:
        proposal = None
        consultation = consultation_or_404(pk)
        target = consultation
    message = rules.refusal(request.user, "participation.add_comment", target)
    if message:
        return refused(request, message)
    form = CommentForm(
        request.POST or None,
        consultation=consultation,
        proposal=proposal,
        initial={"parent": request.GET.get("parent")},
    )
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif not abuse.consume(request, "comment"):
            form.add_error(None, abuse.LIMIT_MESSAGE)
            status = 429
        else:
            comment = form.save(commit=False)
            comment.consultation = consultation
            comment.proposal = proposal
            comment.parent = form.cleaned_data["parent"]
            comment.author = request.user
            comment.status = comment.initial_status(request)
            comment.save()
            if comment.is_published:
                comment.notify_reply()
                messages.success(request, _("Votre commentaire est publié."))
            elif not consultation.pre_moderated:
                messages.success(request, FIRST_CONTRIBUTION_MESSAGE)
            else:
                messages.success(
                    request,
                    _(
                        "Votre commentaire sera publié après sa relecture par "
                        "l’équipe de modération."
                    ),
                )
            page = comment_page_number(comment)
            param = "page" if proposal else "cpage"
            base = proposal.get_absolute_url() if proposal else consultation.url
            return HttpResponseRedirect(
                f"{base}?{param}={page}#commentaire-{comment.pk}"
            )
    parent_id = request.POST.get("parent") or request.GET.get("parent")
    parent = (
        form.fields["parent"]
        .queryset.select_related("author")
        .filter(pk=parent_id)
        .first()
        if parent_id and parent_id.isdigit()
        else None
    )
    return render(
        request,
        "participation/comment_form.html",
        {
            "form": form,
            "consultation": consultation,
            "target": target,
            "parent": parent,
        },
        status=status,
    )


def own_comment(pk):
    comment = get_object_or_404(
        Comment.objects.select_related("consultation", "proposal"), pk=pk
    )
    comment.consultation = comment.consultation.specific
    return comment


def comment_edit(request, pk):
    comment = own_comment(pk)
    message = rules.refusal(request.user, "participation.change_comment", comment)
    if message:
        return refused(request, message)
    form = CommentEditForm(
        request.POST or None,
        initial={"body": comment.body, "stance": comment.stance},
        instance=comment,
    )
    if request.method == "POST" and form.is_valid():
        body, stance = form.cleaned_data["body"], form.cleaned_data["stance"]
        comment.refresh_from_db(fields=["body", "stance"])
        comment.edit(body, stance)
        messages.success(request, _("Votre commentaire a été modifié."))
        return redirect(comment.get_absolute_url())
    return render(
        request,
        "participation/comment_edit.html",
        {"form": form, "comment": comment},
        status=400 if form.is_bound else 200,
    )


def comment_delete(request, pk):
    comment = own_comment(pk)
    message = rules.refusal(request.user, "participation.delete_comment", comment)
    if message:
        return refused(request, message)
    if request.method == "POST":
        target_url = (
            comment.proposal.get_absolute_url()
            if comment.proposal_id
            else comment.consultation.url
        )
        comment.remove()
        messages.success(request, _("Votre commentaire a été supprimé."))
        return HttpResponseRedirect(target_url)
    return render(request, "participation/comment_delete.html", {"comment": comment})


# --- reports -------------------------------------------------------------------------


def contribution_or_404(kind, pk):
    """The proposal or comment a report or an appeal is about, with its consultation."""
    model = Proposal if kind == "proposition" else Comment
    contribution = get_object_or_404(
        model.objects.select_related("consultation"), pk=pk
    )
    contribution.consultation = contribution.consultation.specific
    return contribution


def report(request, kind, pk):
    contribution = contribution_or_404(kind, pk)
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
    contribution = contribution_or_404(kind, pk)
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
    if statistics_year_ends_soon():
        add_never_cache_headers(response)
    return response


# --- open data -----------------------------------------------------------------------

OPEN_DATA_FIELDS = [
    "id",
    "consultation",
    "titre",
    "texte",
    "categorie",
    "commune_insee",
    "commune",
    "latitude",
    "longitude",
    "date",
    "soutiens",
    "commentaires",
    "reponse",
    "explication",
]


def open_data_rows(consultation):
    """Published proposals, their answers and counts; no author, no personal data."""
    proposals = consultation.proposals_for_list().order_by("pk")
    for proposal in proposals.iterator(chunk_size=500):
        answer = getattr(proposal, "answer", None)
        yield {
            "id": proposal.pk,
            "consultation": consultation.title,
            "titre": proposal.title,
            "texte": proposal.body,
            "categorie": proposal.category.name if proposal.category else "",
            "commune_insee": proposal.commune.insee_code if proposal.commune else "",
            "commune": proposal.commune.name if proposal.commune else "",
            "latitude": str(proposal.latitude or ""),
            "longitude": str(proposal.longitude or ""),
            "date": proposal.created_at.date().isoformat(),
            "soutiens": proposal.support_count,
            "commentaires": proposal.comment_count,
            "reponse": answer.get_status_display() if answer else "",
            "explication": answer.explanation if answer else "",
        }


def spreadsheet_safe(value):
    """A cell starting with = + - @ would be a formula in a spreadsheet: make it text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def public_consultation_or_404(request, pk):
    """A live consultation outside every restricted section: what open data and the
    poster may show."""
    return get_object_or_404(
        restrictions.public(ConsultationPage.objects.live(), request), pk=pk
    )


@require_GET
def open_data(request, pk, extension):
    """Published under the Licence Ouverte through the site's shared open-data helpers."""
    consultation = public_consultation_or_404(request, pk)
    rows = list(open_data_rows(consultation))
    filename = f"consultation-{consultation.slug}-propositions.{extension}"
    if extension == "json":
        return opendata.json_response(
            filename,
            rows,
            _("Propositions et réponses : %(title)s") % {"title": consultation.title},
            request,
        )
    return opendata.csv_response(
        filename,
        OPEN_DATA_FIELDS,
        ([spreadsheet_safe(row[key]) for key in OPEN_DATA_FIELDS] for row in rows),
    )


@require_GET
def open_data_comments(request, pk, extension):
    """The published comments, anonymised (see ``participation.opendata``)."""
    consultation = public_consultation_or_404(request, pk)
    rows = list(datasets.comment_rows(consultation))
    filename = f"consultation-{consultation.slug}-commentaires.{extension}"
    if extension == "json":
        return opendata.json_response(
            filename,
            rows,
            _("Commentaires : %(title)s") % {"title": consultation.title},
            request,
        )
    fields = datasets.COMMENT_FIELDS
    return opendata.csv_response(
        filename,
        fields,
        ([spreadsheet_safe(row[key]) for key in fields] for row in rows),
    )


@require_GET
def open_data_dcat(request, pk):
    """One closed consultation's DCAT-AP dataset; none while it is still open."""
    consultation = public_consultation_or_404(request, pk)
    dataset = datasets.dataset(request, consultation)
    if dataset is None:
        raise Http404
    return opendata.jsonld_response(f"consultation-{consultation.slug}.jsonld", dataset)


@require_GET
def dcat_catalogue(request):
    """The DCAT-AP catalogue of the closed consultations, for data.gouv.fr to harvest."""
    catalog, closing_soon = datasets.catalogue(request)
    response = opendata.jsonld_response("catalogue.jsonld", catalog)
    if closing_soon:  # a consultation joins the catalogue before a copy would expire
        add_never_cache_headers(response)
    return response


# --- the poster ----------------------------------------------------------------------


@cache_anonymous_view
@require_GET
def consultation_poster(request, pk):
    """The A4 poster (PDF) of a live, public consultation; a restricted one has none."""
    from cms.models import SiteSettings

    consultation = public_consultation_or_404(request, pk)
    sites.find_site(request)
    path = consultation.url  # relative on a single site, absolute otherwise
    url = path if "://" in path else settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    response = HttpResponse(
        poster.render(
            organisation=SiteSettings.for_request(request).organisation_name,
            title=consultation.title,
            opens_at=consultation.opens_at,
            closes_at=consultation.closes_at,
            text=consultation.easy_read or consultation.summary,
            url=url,
        ),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'inline; filename="affiche-{consultation.slug}.pdf"'
    )
    return response
