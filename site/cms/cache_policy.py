"""What the page cache keeps, what each write makes stale, and for how long: in one place.

A *scope* is a part of what the public sees. A cached page or fragment names the
scopes it shows; a write stales only the scopes of the table it touches (seen in the
database connection by ``cms.cache.note_writes``, so ``update()``, ``bulk_create()``
and raw SQL count too). A page that shows nothing but content is kept through any
number of sign-ins, supports and comments; a consultation's pages are renewed at once
when something is written about that consultation, and no other consultation's are.

- ``CONTENT``: pages, snippets, images, documents, contracts, projects, settings;
- ``PARTICIPATION``: any figure of any consultation (lists, key figures, communes);
- ``CONSULTATIONS`` and ``consultation(pk)``: a consultation's own pages. A write made
  while a request handles one consultation (``writes_concern``) stales that
  consultation only; any other participation write stales them all;
- ``proposal(pk)`` and ``proposals_of(consultation pk)``: a proposal's page. A support
  or a comment on a proposal renews that proposal and its consultation's pages (which
  list the proposals), not the consultation's other proposals;
- ``INTRANET``: the collectivités' intranet;
- ``NAMES``: the public names of participants;
- ``PRIVATE``: whatever else a signed-in user's own pages may show;
- ``SEARCH``: the search index, which Wagtail also writes when a draft is saved.

Writes that show nowhere stale nothing (``SILENT_TABLES``, ``SILENT_COLUMNS``): a
sign-in, sessions, notices, revisions and drafts until published, editing sessions,
task rows, log entries, the e-mail outbox. Rate-limit counters live in the cache,
not in the database, and stale nothing either.

Figures shown away from their consultation (``PARTICIPATION``: the home page, the
communes, the list of consultations) may be ``PAGE_CACHE_FIGURES_LAG`` seconds behind:
the writes of that window make them stale once, at its end (``LAGGED_SCOPES``). On a
busy day a support a second would otherwise render all of them again every second;
the consultation's own pages, and the proposal supported, still show it at once.

Time is explicit: what depends on the clock (a consultation changing phase, answers
becoming late, a new year of statistics) calls ``valid_until(moment)`` while it
renders; the page or fragment is then kept no longer, by the application and by a
CDN alike (``s-maxage``). A CDN in front keeps anonymous pages ``PAGE_CACHE_S_MAXAGE``
seconds at most, so no purge is needed; see the README.

Pages opt in to narrower scopes in ``PAGE_SCOPES`` (Wagtail page models) and
``VIEW_SCOPES`` (URL names); the apps declare theirs, and which scope a write to their
tables stales, through Wagtail hooks (``register_page_cache_scopes``,
``register_cache_scopes``, ``register_write_cache_scopes``; ``cms.hooks``), so cms
names no app. Anything cached and not declared shows every public scope
(``EVERYTHING``): correct, only renewed more often than it could be.
"""

import contextvars
import datetime
import functools
import re

from django.apps import apps
from django.utils import timezone
from wagtail import hooks

CONTENT = "content"
PARTICIPATION = "participation"
CONSULTATIONS = "consultations"
INTRANET = "intranet"
NAMES = "names"
PRIVATE = "private"
SEARCH = "search"
FIXED_SCOPES = (CONTENT, PARTICIPATION, CONSULTATIONS, INTRANET, NAMES, PRIVATE, SEARCH)
EVERYTHING = (CONTENT, PARTICIPATION, INTRANET, NAMES)
LAGGED_SCOPES = (PARTICIPATION,)
ONLY_CONTENT = (CONTENT,)


def consultation(pk):
    return f"consultation:{pk}"


def consultation_pages(pk):
    """What a consultation's own pages show."""
    return (CONTENT, NAMES, CONSULTATIONS, consultation(pk))


def proposals_of(consultation_pk):
    return f"proposals:{consultation_pk}"


def proposal(pk):
    return f"proposal:{pk}"


def proposal_pages(consultation_pk, proposal_pk):
    """What a proposal's page shows: its own support, comments and answer, and of its
    consultation only the content (the rest of the consultation is not on it)."""
    return (
        CONTENT,
        NAMES,
        CONSULTATIONS,
        proposals_of(consultation_pk),
        proposal(proposal_pk),
    )


# --- what a page shows ---------------------------------------------------------------

PAGE_SCOPES = {
    "cms.standardpage": (CONTENT,),
    "cms.sitemappage": (CONTENT,),
    "cms.newsindexpage": (CONTENT,),
    "cms.newspage": (CONTENT,),
    "cms.eventindexpage": (CONTENT,),
    "cms.eventpage": (CONTENT,),
}


VIEW_SCOPES = {
    "search": (*EVERYTHING, SEARCH),
    "news_rss": (CONTENT,),
    "news_atom": (CONTENT,),
    "agenda_ical": (CONTENT,),
}

# Each hook returns a dict: Wagtail page model labels (``"app.modelname"``) to scopes
# or callables of the page; URL names to scopes or callables of the URL's kwargs; app
# labels (or one table's name, which wins) to the one scope a write to their tables
# stales.
PAGE_SCOPES_HOOK = "register_page_cache_scopes"
SCOPES_HOOK = "register_cache_scopes"
WRITE_SCOPES_HOOK = "register_write_cache_scopes"


def declared_by_apps(hook_name):
    declared = {}
    for hook in hooks.get_hooks(hook_name):
        declared.update(hook())
    return declared


@functools.cache
def app_page_scopes():
    return declared_by_apps(PAGE_SCOPES_HOOK)


@functools.cache
def app_view_scopes():
    return declared_by_apps(SCOPES_HOOK)


@functools.cache
def app_write_scopes():
    return {**APP_SCOPES, **declared_by_apps(WRITE_SCOPES_HOOK)}


def page_scopes(page):
    label = page._meta.label_lower
    declared = PAGE_SCOPES.get(label) or app_page_scopes().get(label, EVERYTHING)
    return tuple(declared(page) if callable(declared) else declared)


def view_scopes(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        return EVERYTHING
    declared = VIEW_SCOPES.get(match.view_name) or app_view_scopes().get(
        match.view_name, EVERYTHING
    )
    return tuple(declared(match.kwargs) if callable(declared) else declared)


# --- what a write stales -------------------------------------------------------------

SILENT_TABLES = {
    "django_session",
    "accounts_notice",
    "account_emailconfirmation",
    "wagtailcore_revision",
    "wagtailcore_pagelogentry",
    "wagtailcore_modellogentry",
    "wagtailcore_referenceindex",
    "wagtailcore_pagesubscription",
    "wagtailcore_taskstate",
    "wagtailcore_workflowstate",
    "wagtailadmin_editingsession",
    "wagtailusers_userprofile",
    "django_admin_log",
    "django_tasks_database_dbtaskresult",
    "outbox_outgoingemail",
}
# Columns an UPDATE may set alone without changing anything shown: a sign-in; a draft
# or a revision saved, a page locked (Wagtail writes these on the live row).
SILENT_COLUMNS = {
    "last_login",
    "latest_revision_id",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by_id",
}
APP_SCOPES = {
    "cms": CONTENT,
    "wagtailcore": CONTENT,
    "wagtailimages": CONTENT,
    "wagtaildocs": CONTENT,
    "wagtailredirects": CONTENT,
    "wagtailsearch": SEARCH,
    "wagtailsearchpromotions": SEARCH,
    "taggit": CONTENT,
}
TABLE_SCOPES = {"accounts_user": NAMES}

WRITE_STATEMENT = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|(UPDATE)|DELETE\s+FROM)\s+[\"`]?(\w+)[\"`]?",
    re.IGNORECASE,
)


@functools.cache
def table_apps():
    return {
        model._meta.db_table: model._meta.app_label
        for model in apps.get_models(include_auto_created=True)
    }


SET_CLAUSE = re.compile(r"\sSET\s(.*?)(?:\sWHERE\s|$)", re.IGNORECASE | re.DOTALL)
SET_COLUMN = re.compile(r"[\"`]?(\w+)[\"`]?\s*=")

_concerns = contextvars.ContextVar("cache_policy_concerns", default=None)


def writes_concern(consultation_pk, *, proposal_pk=None, proposals=True):
    """What this request writes from now on is about one consultation only: one of
    its proposals (``proposal_pk``), its own thread and none of its proposals
    (``proposals=False``), or any of its pages (the default, always right)."""
    _concerns.set((consultation_pk, proposal_pk, proposals))


def forget_concern():
    _concerns.set(None)


def stales(sql):
    """The scopes a statement makes stale: an empty tuple for reads and silent writes."""
    match = WRITE_STATEMENT.match(sql)
    if match is None:
        return ()
    table = match[2]
    if table in SILENT_TABLES:
        return ()
    if match[1]:
        clause = SET_CLAUSE.search(sql)
        if clause and set(SET_COLUMN.findall(clause[1])) <= SILENT_COLUMNS:
            return ()
    declared = app_write_scopes()
    scope = (
        TABLE_SCOPES.get(table)
        or declared.get(table)
        or declared.get(table_apps().get(table))
    )
    if scope is None:
        return (PRIVATE,)
    if scope == PARTICIPATION:
        return participation_stales(_concerns.get())
    return (scope,)


def participation_stales(concern):
    if concern is None:
        return (PARTICIPATION, CONSULTATIONS)
    consultation_pk, proposal_pk, proposals = concern
    if proposal_pk is not None:
        return (PARTICIPATION, consultation(consultation_pk), proposal(proposal_pk))
    if not proposals:
        return (PARTICIPATION, consultation(consultation_pk))
    return (PARTICIPATION, consultation(consultation_pk), proposals_of(consultation_pk))


# --- time -----------------------------------------------------------------------------


class Frame:
    """What one page or fragment being rendered shows, and until when it is right."""

    def __init__(self):
        self.until = None
        self.scopes = set()


_frames = contextvars.ContextVar("cache_policy_frames", default=())


def open_frame():
    frame = Frame()
    token = _frames.set((*_frames.get(), frame))
    return frame, token


def close_frame(token):
    _frames.reset(token)


def valid_until(moment):
    """What is being rendered is right until ``moment`` (an aware datetime, or None)."""
    if moment is not None:
        valid_until_stamp(moment.timestamp())


def valid_until_stamp(stamp):
    if stamp is None:
        return
    for frame in _frames.get():
        if frame.until is None or stamp < frame.until:
            frame.until = stamp


def shows(scopes):
    """What is being rendered also shows ``scopes`` (a fragment inside a page)."""
    for frame in _frames.get():
        frame.scopes.update(scopes)


def next_moment(*moments):
    """The earliest of ``moments`` still to come, or None."""
    now = timezone.now()
    future = [moment for moment in moments if moment is not None and moment > now]
    return min(future, default=None)


def end_of_year(now=None):
    """The first moment of next year in the site's time zone."""
    now = timezone.localtime(now)
    return timezone.make_aware(datetime.datetime(now.year + 1, 1, 1))
