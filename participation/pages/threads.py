"""Comment threads, shared by the consultation page and the proposal page."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from cms import cache as page_cache
from cms import cache_policy, generational

from .. import rules
from ..charter import charter_url
from ..forms import AppealForm, CommentForm
from ..models import Appeal, Comment, Proposal

COMMENTS_PER_PAGE = 20


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
            page_cache.token(cache_policy.consultation_pages(consultation.pk)),
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
        context["own_hidden"] = True
        if user.has_perm("participation.appeal_contribution", contribution):
            context["appeal_form"] = AppealForm()
    return context


def stance_summary(proposal):
    """A proposal's published comments per stance, counted once per content generation."""
    return generational.get_or_compute(
        f"participation:stances:{proposal.pk}",
        lambda: Comment.objects.filter(proposal=proposal).stance_counts(),
        scopes=cache_policy.proposal_pages(proposal.consultation_id, proposal.pk),
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
