"""The consultation page's list of proposals: one query for a page and its total, cards
rendered once and kept in the cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Subquery
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe


def page_with_total(queryset, per_page, number):
    """A page of rows and the total in one query: the count rides along as a subquery.

    Only a page past the end (the paginator then shows the last one) costs the usual
    separate count.
    """
    paginator = Paginator(queryset, per_page)
    try:
        wanted = max(int(number), 1)
    except (TypeError, ValueError):
        wanted = 1
    counted = (
        queryset.order_by()
        .values("consultation")
        .annotate(rows=Count("pk"))
        .values("rows")
    )
    offset = (wanted - 1) * per_page
    rows = list(
        queryset.annotate(total_rows=Subquery(counted))[offset : offset + per_page]
    )
    if not rows and wanted > 1:
        return paginator.get_page(number)
    paginator.count = rows[0].total_rows if rows else 0
    page = paginator.page(wanted)
    page.object_list = rows
    return page


def render_cards(proposals, show_answers):
    """Each proposal card's HTML, kept in the cache under a digest of all it shows.

    The key is made of the very values the card displays (title, author, dates, counts,
    answer…), so any change to one of them gives a new key; a page of cards is then one
    cache round trip instead of a dozen template renderings.
    """
    keys = []
    for proposal in proposals:
        answer = getattr(proposal, "answer", None)
        shown = (
            proposal.pk,
            proposal.title,
            proposal.easy_read,
            str(proposal.author_name),
            proposal.created_at.isoformat(),
            proposal.commune.name if proposal.commune_id else "",
            proposal.category.name if proposal.category_id else "",
            proposal.body,
            proposal.support_count,
            proposal.comment_count,
            (answer.status, answer.explanation) if answer else None,
            proposal.answer_is_late,
            bool(show_answers),
        )
        digest = hashlib.sha1(  # noqa: S324  (a cache key, not a secret)
            repr(shown).encode()
        ).hexdigest()
        keys.append(f"participation:card:{proposal.pk}:{digest}")
    found = cache.get_many(keys)
    missing = {}
    for proposal, key in zip(proposals, keys, strict=True):
        html = found.get(key)
        if html is None:
            html = render_to_string(
                "participation/includes/proposal_card.html",
                {"proposal": proposal, "show_answers": show_answers},
            )
            missing[key] = html
        proposal.card_html = mark_safe(html)  # noqa: S308  (our template's output)
    if missing:
        cache.set_many(missing, settings.PAGE_CACHE_TIMEOUT)
