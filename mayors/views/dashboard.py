"""The dashboard of a commune's people, and the mayor designating who submits."""

from django.contrib import messages
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View

from .. import rules as intranet_rules
from ..models import (
    ElectedOfficial,
    Role,
    Submission,
)
from ..models.lifecycle import state_label
from .base import IntranetMixin, calendar, new_staff_messages, url_maker


class DashboardView(IntranetMixin, TemplateView):
    template_name = "mayors/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        now = timezone.now()
        memberships = context["memberships"]
        communes = [m.commune for m in memberships if m.commune_id]
        organisations = [
            m.organisation
            for m in memberships
            if m.organisation_id and m.organisation.is_active
        ]
        # Every call (a handful a year), so that each row finds its call here.
        calls, sessions = calendar()
        calls.sort(key=lambda call: call.year or 0, reverse=True)
        drafting = intranet_rules.drafting_commune_ids(user)
        open_calls = []
        for call in calls:
            if call.opens_at > now:
                continue
            rows = []
            if call.open_to_communes:
                for commune in communes:
                    deadline = call.deadline_for(commune)
                    if deadline > now:
                        rows.append(
                            {
                                "holder": commune,
                                "deadline": deadline,
                                "create_url": reverse(
                                    "mayors:submission_create",
                                    args=[call.pk, commune.pk],
                                )
                                if commune.pk in drafting
                                else None,
                            }
                        )
            if call.closes_at > now:
                rows.extend(
                    {
                        "holder": organisation,
                        "deadline": call.closes_at,
                        "create_url": reverse(
                            "mayors:organisation_submission_create",
                            args=[call.pk, organisation.pk],
                        ),
                    }
                    for organisation in organisations
                    if call.is_open_to(organisation)
                )
            if rows:
                open_calls.append({"call": call, "rows": rows})
        context.update(
            now=now,
            # Only communes take part in the priority démarche that feeds the PO.
            feeds_programme=bool(communes),
            open_calls=open_calls,
            **self.submission_rows(user, calls),
            **self.team(memberships),
            **self.conference(sessions, now),
        )
        return context

    def submission_rows(self, user, calls):
        """The user's communes' (and organisations') submissions, newest call first,
        with unread counts.

        The holders come from the memberships already loaded, so the query is a plain
        filter (what ``Submission.objects.for_user`` selects).
        """
        commune_ids = intranet_rules.commune_ids(user)
        epci_ids = intranet_rules.epci_ids(user)
        organisation_ids = intranet_rules.organisation_ids(user)
        mine = Q(commune_id__in=commune_ids) if commune_ids else Q(pk__in=[])
        if epci_ids:
            mine |= Q(commune__epci_id__in=epci_ids)
        if organisation_ids:
            mine |= Q(organisation_id__in=organisation_ids)
        submissions = list(
            Submission.objects.filter(mine)
            .select_related("commune", "organisation")
            .only(
                "call_id",
                "commune__name",
                "organisation__name",
                "title",
                "rank",
                "state",
                "reference",
            )
            .annotate(call_year=F("call__year"), new_messages=new_staff_messages())
            .order_by("-call_year", "commune__name", "organisation__name", "rank")
        )
        # The calls (and their prefetched extensions) are shared: deadlines cost no query.
        calls_by_id = {call.pk: call for call in calls}
        detail_url = url_maker("mayors:submission_detail")
        move_url = {
            direction: url_maker("mayors:submission_move", direction=direction)
            for direction in ("monter", "descendre")
        }
        superuser = user.is_active and user.is_superuser
        # get_state_display() hashes every (lazy) choice on each call: translate once.
        state_labels = {}
        for submission in submissions:
            call = calls_by_id.get(submission.call_id)
            key = (submission.state, call is None or call.feeds_programme)
            if key not in state_labels:
                state_labels[key] = str(state_label(*key))
            submission.state_label = state_labels[key]
            if submission.new_messages:
                submission.new_messages_label = ngettext(
                    "%(n)s nouveau", "%(n)s nouveaux", submission.new_messages
                ) % {"n": submission.new_messages}
            if submission.call_id in calls_by_id:
                submission.call = calls_by_id[submission.call_id]
            submission.detail_url = detail_url(submission.pk)
            # user.has_perm("mayors.edit_submission", submission), minus the detour
            # through every authentication backend for each row.
            submission.can_edit = superuser or intranet_rules.edit_submission.test(
                user, submission
            )
            if submission.can_edit:
                submission.up_url = move_url["monter"](submission.pk)
                submission.down_url = move_url["descendre"](submission.pk)
        return {
            "submissions": submissions,
            "new_message_total": sum(s.new_messages for s in submissions),
        }

    def team(self, memberships):
        """Who the user may designate to submit: a mayor's adjoint·es, a legal
        representative's members (one query each, whatever their number)."""
        mayor_of = [m.commune_id for m in memberships if m.role == Role.MAIRE]
        representative_of = intranet_rules.representative_of(self.request.user)
        return {
            "adjoints": self.designable(
                commune_id__in=mayor_of, role=Role.ADJOINT
            ).order_by("commune__name", "pk")
            if mayor_of
            else [],
            "members": self.designable(
                organisation_id__in=representative_of, role=Role.MEMBRE
            ).order_by("organisation__name", "user__last_name", "pk")
            if representative_of
            else [],
        }

    @staticmethod
    def designable(**filters):
        return (
            ElectedOfficial.objects.active()
            .filter(**filters)
            .select_related("user", "commune", "organisation")
            .only(
                "can_submit",
                "commune__name",
                "organisation__name",
                "user__first_name",
                "user__last_name",
                "user__email",
            )
        )

    def conference(self, sessions, now):
        """The next session, and the sessions open for opinions (latest first)."""
        upcoming = [s for s in sessions if s.starts_at >= now]
        opinion = [s for s in sessions if s.is_opinion_open(now)]
        opinion.sort(key=lambda s: s.starts_at, reverse=True)
        return {
            "next_session": min(upcoming, key=lambda s: (s.starts_at, s.pk))
            if upcoming
            else None,
            "opinion_sessions": opinion,
        }


class DesignateView(IntranetMixin, View):
    """The mayor gives (or takes back) an adjoint·e's right to submit; an
    organisation's legal representative, a member's."""

    http_method_names = ["post"]

    def post(self, request, pk):
        official = get_object_or_404(
            ElectedOfficial.objects.select_related("user", "commune", "organisation"),
            pk=pk,
            role__in=(Role.ADJOINT, Role.MEMBRE),
            is_active=True,
        )
        if not request.user.has_perm("mayors.designate_submitter", official):
            raise Http404
        official.can_submit = request.POST.get("can_submit") == "1"
        official.save(update_fields=["can_submit"])
        name = official.user.get_full_name() or official.user.email
        if official.organisation_id:
            text = (
                _("%(name)s peut désormais déposer les dossiers de %(holder)s.")
                if official.can_submit
                else _("%(name)s ne peut plus déposer les dossiers de %(holder)s.")
            ) % {"name": name, "holder": official.organisation}
        elif official.can_submit:
            text = _("%(name)s peut désormais déposer les dossiers de la commune.") % {
                "name": name
            }
        else:
            text = _("%(name)s ne peut plus déposer les dossiers de la commune.") % {
                "name": name
            }
        messages.success(request, text)
        return redirect(reverse("mayors:dashboard") + "#equipe")
