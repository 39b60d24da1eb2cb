"""What every intranet view shares: the access mixins, per-row URLs, the calendar."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Q
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import generational

from .. import rules as intranet_rules
from ..models import (
    CallForPriorities,
    ConferenceSession,
    Submission,
)


class IntranetMixin(LoginRequiredMixin):
    """Only invited people (an active membership) enter; others get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm("mayors.access_intranet"):
            raise PermissionDenied(
                _("L’espace des élus est réservé aux personnes invitées par le PETR.")
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.intranet_context())
        return context

    def intranet_context(self):
        """What every intranet page shows: who one is, where one may deposit."""
        user = self.request.user
        memberships = intranet_rules._memberships(user)
        return {
            "memberships": memberships,
            "deposit_communes": [
                m.commune
                for m in memberships
                if m.commune_id
                and intranet_rules.deposits_for_commune.test(user, m.commune)
            ],
            "tile_url": settings.MAP_TILE_URL,
        }


class SubmissionMixin(IntranetMixin):
    """Loads the submission; another holder's dossier is a 404, whatever the URL says."""

    permission = "mayors.read_submission"

    def get_submission(self):
        if not hasattr(self, "_submission"):
            submission = get_object_or_404(
                Submission.objects.select_related(
                    "call",
                    "commune__epci",
                    "organisation",
                    "measure__axe__orientation",
                ).defer("commune__geometry", "commune__epci__geometry"),
                pk=self.kwargs["pk"],
            )
            if not self.request.user.has_perm("mayors.read_submission", submission):
                raise Http404
            if not self.request.user.has_perm(self.permission, submission):
                raise PermissionDenied(self.refusal(submission))
            self._submission = submission
        return self._submission

    def refusal(self, submission):
        """The French reason shown on the 403 page."""
        user = self.request.user
        if self.permission == "mayors.edit_submission":
            return intranet_rules.edit_refusal(user, submission)
        if self.permission in (
            "mayors.submit_submission",
            "mayors.withdraw_submission",
        ):
            return intranet_rules.not_a_submitter(submission)
        if self.permission == "mayors.signal_ready":
            return _("Ce brouillon ne peut pas être signalé comme prêt.")
        return _("Vous ne pouvez pas faire cette action sur ce dossier.")


def message_visibility(queryset):
    """Communes never see staff private notes."""
    return queryset.filter(is_private_note=False)


def url_maker(name, **kwargs):
    """``reverse`` once, then a plain format per row: ``url_maker(name)(pk)``.

    Reversing for each of dozens of rows costs more than the rest of the row.
    """
    sentinel = "987654321"
    url = reverse(name, kwargs={**kwargs, "pk": sentinel})
    if url.count(sentinel) != 1:  # pragma: no cover - only if the URLs changed
        return lambda pk: reverse(name, kwargs={**kwargs, "pk": pk})
    prefix, suffix = url.split(sentinel)
    return lambda pk: f"{prefix}{pk}{suffix}"


# Per submission: the staff's (public) messages since the commune last wrote; a staff
# message is new when no commune message is as recent. Written in SQL: one level of
# correlated subqueries keeps the plan cheap (no JIT) even for an EPCI's long list, and
# the ORM took longer to build the expression than the database to run it.
NEW_STAFF_MESSAGES_SQL = (
    "SELECT COUNT(*) FROM mayors_message m"
    " WHERE m.submission_id = mayors_submission.id"
    " AND m.from_staff AND NOT m.is_private_note"
    " AND NOT EXISTS (SELECT 1 FROM mayors_message c"
    " WHERE c.submission_id = m.submission_id"
    " AND NOT c.from_staff AND c.created_at >= m.created_at)"
)


def new_staff_messages():
    # A constant statement without parameters: nothing to inject.
    return RawSQL(NEW_STAFF_MESSAGES_SQL, (), output_field=IntegerField())  # noqa: S611


def calendar():
    """The calls (with their extensions) and the sessions that are or may become
    relevant: rarely changed, so read once per content generation.

    Exact: any change to a call, an extension or a session bumps the generation, and
    time only moves forward — a session already past with its opinion window closed
    never shows again; the dashboard applies the current time to what is kept.
    """

    def compute():
        now = timezone.now()
        calls = CallForPriorities.load_extensions(
            list(CallForPriorities.objects.prefetch_related("documents"))
        )
        sessions = list(
            ConferenceSession.objects.filter(
                Q(starts_at__gte=now) | Q(opinion_closes_at__gt=now)
            ).only(
                "title",
                "starts_at",
                "place",
                "agenda",
                "programme_id",
                "opinion_opens_at",
                "opinion_closes_at",
            )
        )
        return calls, sessions

    return generational.get_or_compute("mayors:dashboard-calendar", compute)
