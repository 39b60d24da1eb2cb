"""The intranet at /espace-elus/: thin views over the models, every access checked by rules."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, IntegerField, Q
from django.db.models.expressions import RawSQL
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, FormView, TemplateView, View

from accounts.legal import legal_pages
from cms import generational
from cms.pagination import paginate
from contrats.models import Commune
from participation import abuse
from participation import rules as participation_rules
from participation.models import Comment, Proposal
from participation.models.contributions import of_commune

from . import deposits, notifications
from . import rules as intranet_rules
from .forms import (
    AttachmentForm,
    DepositCommentForm,
    DepositProposalForm,
    FinancingFormSet,
    MessageForm,
    OpinionForm,
    ProposalSearchForm,
    SubmissionForm,
    WithdrawForm,
)
from .models import (
    Attachment,
    CallForPriorities,
    ConferenceSession,
    ElectedOfficial,
    Opinion,
    Role,
    Submission,
)
from .models.submissions import TransitionError
from .tasks import scan_attachment


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
    """Loads the submission; another commune's dossier is a 404, whatever the URL says."""

    permission = "mayors.read_submission"

    def get_submission(self):
        if not hasattr(self, "_submission"):
            submission = get_object_or_404(
                Submission.objects.select_related(
                    "call", "commune__epci", "measure__axe__orientation"
                ).defer("commune__geometry", "commune__epci__geometry"),
                pk=self.kwargs["pk"],
            )
            if not self.request.user.has_perm("mayors.read_submission", submission):
                raise Http404
            if not self.request.user.has_perm(self.permission, submission):
                raise PermissionDenied
            self._submission = submission
        return self._submission


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
        calls = CallForPriorities.load_extensions(list(CallForPriorities.objects.all()))
        sessions = list(
            ConferenceSession.objects.filter(
                Q(starts_at__gte=now) | Q(opinion_closes_at__gt=now)
            ).only(
                "title",
                "starts_at",
                "place",
                "agenda",
                "opinion_opens_at",
                "opinion_closes_at",
            )
        )
        return calls, sessions

    return generational.get_or_compute("mayors:dashboard-calendar", compute)


class DashboardView(IntranetMixin, TemplateView):
    template_name = "mayors/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        now = timezone.now()
        memberships = context["memberships"]
        communes = [m.commune for m in memberships if m.commune_id]
        # Every call (a handful a year), so that each row finds its call here.
        calls, sessions = calendar()
        calls.sort(key=lambda call: call.year, reverse=True)
        drafting = intranet_rules.drafting_commune_ids(user)
        open_calls = []
        for call in calls:
            if call.opens_at > now:
                continue
            rows = []
            for commune in communes:
                deadline = call.deadline_for(commune)
                if deadline > now:
                    rows.append(
                        {
                            "commune": commune,
                            "deadline": deadline,
                            "can_draft": commune.pk in drafting,
                        }
                    )
            if rows:
                open_calls.append({"call": call, "rows": rows})
        context.update(
            now=now,
            open_calls=open_calls,
            **self.submission_rows(user, calls),
            **self.team(memberships),
            **self.conference(sessions, now),
        )
        return context

    def submission_rows(self, user, calls):
        """The user's communes' submissions, newest call first, with unread counts.

        The communes and EPCI come from the memberships already loaded, so the query
        is a plain filter (what ``Submission.objects.for_user`` selects).
        """
        commune_ids = intranet_rules.commune_ids(user)
        epci_ids = intranet_rules.epci_ids(user)
        mine = Q(commune_id__in=commune_ids) if commune_ids else Q(pk__in=[])
        if epci_ids:
            mine |= Q(commune__epci_id__in=epci_ids)
        submissions = list(
            Submission.objects.filter(mine)
            .select_related("commune")
            .only(
                "call_id",
                "commune__name",
                "title",
                "rank",
                "state",
                "reference",
            )
            .annotate(call_year=F("call__year"), new_messages=new_staff_messages())
            .order_by("-call_year", "commune__name", "rank")
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
        choices = dict(Submission.State.choices)
        state_labels = {}
        for submission in submissions:
            state = submission.state
            if state not in state_labels:
                state_labels[state] = str(choices.get(state, state))
            submission.state_label = state_labels[state]
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
        mayor_of = [m.commune_id for m in memberships if m.role == Role.MAIRE]
        if not mayor_of:
            return {"adjoints": []}
        return {
            "adjoints": ElectedOfficial.objects.active()
            .filter(commune_id__in=mayor_of, role=Role.ADJOINT)
            .select_related("user", "commune")
            .only(
                "can_submit",
                "commune__name",
                "user__first_name",
                "user__last_name",
                "user__email",
            )
            .order_by("commune__name", "pk")
        }

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
    """The mayor gives (or takes back) an adjoint·e's right to submit."""

    http_method_names = ["post"]

    def post(self, request, pk):
        official = get_object_or_404(
            ElectedOfficial.objects.select_related("user", "commune"),
            pk=pk,
            role=Role.ADJOINT,
            is_active=True,
        )
        if not request.user.has_perm("mayors.designate_submitter", official):
            raise Http404
        official.can_submit = request.POST.get("can_submit") == "1"
        official.save(update_fields=["can_submit"])
        name = official.user.get_full_name() or official.user.email
        if official.can_submit:
            messages.success(
                request,
                _("%(name)s peut désormais déposer les dossiers de la commune.")
                % {"name": name},
            )
        else:
            messages.success(
                request,
                _("%(name)s ne peut plus déposer les dossiers de la commune.")
                % {"name": name},
            )
        return redirect(reverse("mayors:dashboard") + "#equipe")


class SubmissionCreateView(IntranetMixin, FormView):
    template_name = "mayors/submission_form.html"
    form_class = SubmissionForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.call = get_object_or_404(CallForPriorities, pk=kwargs["call_id"])
            commune_id = int(kwargs["commune_id"])
            if commune_id not in intranet_rules.drafting_commune_ids(request.user):
                raise Http404
            self.commune = next(
                m.commune
                for m in intranet_rules._memberships(request.user)
                if m.commune_id == commune_id
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Submission(call=self.call, commune=self.commune, rank=0)
        return kwargs

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            submission = Submission.create_draft(
                call=self.call, commune=self.commune, by=self.request.user, **fields
            )
        except TransitionError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Brouillon enregistré. Complétez le plan de financement et les pièces, puis déposez-le."
            ),
        )
        return redirect("mayors:submission_edit", pk=submission.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(call=self.call, commune=self.commune, creating=True)
        return context


class SubmissionDetailView(SubmissionMixin, DetailView):
    template_name = "mayors/submission.html"
    context_object_name = "submission"

    def get_object(self, queryset=None):
        return self.get_submission()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.object
        user = self.request.user
        financing_lines = list(submission.financing_lines.all())
        attachments = list(submission.attachments.all())
        context.update(
            {
                "financing_lines": financing_lines,
                "attachments": attachments,
                "transitions": submission.transitions.select_related("actor"),
                "thread": message_visibility(
                    submission.messages.select_related("author")
                ),
                "message_form": MessageForm(),
                "can_edit": user.has_perm("mayors.edit_submission", submission),
                "can_submit": user.has_perm("mayors.submit_submission", submission)
                and submission.state
                in (Submission.State.DRAFT, Submission.State.CHANGES_REQUESTED)
                and submission.is_editable(),
                "can_withdraw": user.has_perm("mayors.withdraw_submission", submission)
                and submission.is_withdrawable,
                "can_write": user.has_perm("mayors.write_message", submission),
                "missing": submission.missing_items(financing_lines, attachments)
                if submission.state
                in (Submission.State.DRAFT, Submission.State.CHANGES_REQUESTED)
                else [],
            }
        )
        return context


class SubmissionEditView(SubmissionMixin, FormView):
    template_name = "mayors/submission_form.html"
    form_class = SubmissionForm
    permission = "mayors.edit_submission"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_submission()
        return kwargs

    def get_formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        return FinancingFormSet(
            data, instance=self.get_submission(), prefix="financement"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.get_submission()
        context.setdefault("formset", self.get_formset())
        context.update(
            submission=submission,
            call=submission.call,
            commune=submission.commune,
            attachments=submission.attachments.all(),
            attachment_form=AttachmentForm(call=submission.call),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        formset = self.get_formset()
        if form.is_valid() and formset.is_valid():
            with transaction.atomic():
                submission = form.save()
                formset.save()
                submission.touch()
            messages.success(request, _("Modifications enregistrées."))
            if "deposer" in request.POST:
                return redirect("mayors:submission_submit", pk=submission.pk)
            return redirect("mayors:submission_detail", pk=submission.pk)
        return self.render_to_response(
            self.get_context_data(form=form, formset=formset)
        )


class SubmissionActionView(SubmissionMixin, View):
    """POST-only life-cycle steps; a refused step explains why and changes nothing."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        try:
            self.act(submission)
        except TransitionError as error:
            for text in error.messages:
                messages.error(request, text)
        return redirect(self.get_success_url(submission))

    def get_success_url(self, submission):
        return reverse("mayors:submission_detail", args=[submission.pk])


class SubmitView(SubmissionMixin, TemplateView):
    """GET shows what will be sent and what is missing; POST submits."""

    template_name = "mayors/submission_confirm_submit.html"
    permission = "mayors.submit_submission"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.get_submission()
        context.update(submission=submission, missing=submission.missing_items())
        return context

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        try:
            submission.submit(by=request.user)
        except TransitionError as error:
            for text in error.messages:
                messages.error(request, text)
            return redirect("mayors:submission_detail", pk=submission.pk)
        messages.success(
            request,
            _(
                "Dossier déposé sous la référence %(ref)s. L’accusé de réception vous a été envoyé par courriel."
            )
            % {"ref": submission.reference},
        )
        return redirect("mayors:acknowledgement", pk=submission.pk)


class WithdrawView(SubmissionMixin, FormView):
    template_name = "mayors/submission_confirm_withdraw.html"
    form_class = WithdrawForm
    permission = "mayors.withdraw_submission"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submission"] = self.get_submission()
        return context

    def form_valid(self, form):
        submission = self.get_submission()
        try:
            submission.withdraw(
                by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except TransitionError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Le dossier a été retiré."))
        return redirect("mayors:submission_detail", pk=submission.pk)


class MoveView(SubmissionActionView):
    permission = "mayors.edit_submission"

    def act(self, submission):
        submission.move(-1 if self.kwargs["direction"] == "monter" else 1)

    def get_success_url(self, submission):
        return reverse("mayors:dashboard") + f"#priorite-{submission.pk}"


class AttachmentUploadView(SubmissionMixin, View):
    http_method_names = ["post"]
    permission = "mayors.edit_submission"

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        form = AttachmentForm(request.POST, request.FILES, call=submission.call)
        if form.is_valid():
            with transaction.atomic():
                attachment = form.save(submission, request.user)
                submission.touch()
            scan_attachment.enqueue(attachment.pk)
            messages.success(
                request,
                _(
                    "« %(name)s » est ajouté ; il sera téléchargeable après l’analyse antivirus."
                )
                % {"name": attachment.original_name},
            )
        else:
            for errors in form.errors.values():
                for text in errors:
                    messages.error(request, text)
        return redirect(
            reverse("mayors:submission_edit", args=[submission.pk]) + "#pieces"
        )


class AttachmentDeleteView(SubmissionMixin, View):
    http_method_names = ["post"]
    permission = "mayors.edit_submission"

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        attachment = get_object_or_404(
            submission.attachments, pk=kwargs["attachment_pk"]
        )
        attachment.file.delete(save=False)
        attachment.delete()
        submission.touch()
        messages.success(request, _("Pièce supprimée."))
        return redirect(
            reverse("mayors:submission_edit", args=[submission.pk]) + "#pieces"
        )


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Private files: the commune's people and staff, once the scan allows it."""

    def get(self, request, pk):
        attachment = get_object_or_404(
            Attachment.objects.select_related("submission__commune"), pk=pk
        )
        if not request.user.has_perm(
            "mayors.download_attachment", attachment.submission
        ):
            raise Http404
        if not attachment.is_downloadable:
            raise PermissionDenied(
                _("Ce fichier n’est pas téléchargeable : %(status)s.")
                % {"status": attachment.get_scan_status_display()}
            )
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class MessageCreateView(SubmissionMixin, View):
    http_method_names = ["post"]
    permission = "mayors.write_message"

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        form = MessageForm(request.POST)
        if form.is_valid():
            message = form.save(commit=False)
            message.submission = submission
            message.author = request.user
            message.from_staff = False
            message.save()
            notifications.message_posted(message)
            messages.success(request, _("Message envoyé à l’équipe du PETR."))
        else:
            messages.error(request, _("Le message est vide."))
        return redirect(
            reverse("mayors:submission_detail", args=[submission.pk]) + "#messages"
        )


class AcknowledgementView(SubmissionMixin, DetailView):
    """The printable acknowledgement of receipt (accusé de réception électronique)."""

    template_name = "mayors/acknowledgement.html"
    context_object_name = "submission"

    def get_object(self, queryset=None):
        submission = self.get_submission()
        if not submission.reference:
            raise Http404
        return submission

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["service"] = notifications.service_contact()
        context["receipt"] = (
            self.object.transitions.filter(to_state=Submission.State.SUBMITTED)
            .select_related("actor")
            .last()
        )
        return context


class OpinionView(IntranetMixin, FormView):
    """One voice per commune on the draft PO, while the window is open."""

    template_name = "mayors/opinion_form.html"
    form_class = OpinionForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.session = get_object_or_404(ConferenceSession, pk=kwargs["session_pk"])
            commune_id = int(kwargs["commune_id"])
            membership = next(
                (
                    m
                    for m in intranet_rules._memberships(request.user)
                    if m.commune_id == commune_id
                ),
                None,
            )
            if membership is None:
                raise Http404
            if not request.user.has_perm("mayors.give_opinion", membership.commune):
                raise PermissionDenied(
                    _(
                        "Seul·e le ou la maire, ou l’adjoint·e désigné·e, exprime l’avis de la commune."
                    )
                )
            self.commune = membership.commune
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Opinion.objects.filter(
            session=self.session, commune=self.commune
        ).first() or Opinion(session=self.session, commune=self.commune)
        return kwargs

    def form_valid(self, form):
        if not self.session.is_opinion_open():
            form.add_error(None, _("La période d’expression de l’avis est close."))
            return self.form_invalid(form)
        opinion = form.save(commit=False)
        opinion.author = self.request.user
        opinion.updated_at = timezone.now()
        opinion.save()
        messages.success(self.request, _("L’avis de votre commune est enregistré."))
        return redirect("mayors:dashboard")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            session=self.session,
            commune=self.commune,
            is_open=self.session.is_opinion_open(),
        )
        return context


# --- contributions deposited at the mairie for residents -----------------------------


class DepositMixin(IntranetMixin):
    """The commune in the URL is one whose mairie the user deposits for.

    Another commune is a 404, as for its dossiers; a membership without a counter at
    the mairie (an EPCI référent·e) is a 403.
    """

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and user.has_perm("mayors.access_intranet"):
            self.commune = self.get_commune(user, int(kwargs["commune_id"]))
        return super().dispatch(request, *args, **kwargs)

    def get_commune(self, user, commune_id):
        commune = next(
            (
                m.commune
                for m in intranet_rules._memberships(user)
                if m.commune_id == commune_id
            ),
            None,
        )
        if commune is None:
            if not user.is_superuser:
                raise Http404
            commune = get_object_or_404(
                Commune.objects.defer("geometry"), pk=commune_id
            )
        if not user.has_perm("mayors.deposit_for_resident", commune):
            raise PermissionDenied(
                _(
                    "Seul·es le ou la maire, les adjoint·es et le secrétariat de mairie "
                    "déposent pour les habitant·es de leur commune."
                )
            )
        return commune

    def get_consultation(self):
        return get_object_or_404(
            deposits.public_consultations(self.request),
            pk=self.kwargs["consultation_pk"],
        )

    def refused(self, message):
        return render(
            self.request,
            "mayors/deposit_refused.html",
            {**self.intranet_context(), "commune": self.commune, "message": message},
            status=403,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(commune=self.commune, of_commune=of_commune(self.commune.name))
        return context


class DepositListView(DepositMixin, TemplateView):
    """The consultations a mairie may deposit for today, and what it deposited."""

    template_name = "mayors/deposits.html"
    PER_PAGE = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, commune = self.request.user, self.commune
        rows = []
        for consultation in deposits.open_consultations(commune, self.request):
            deposit = deposits.Deposit(commune, consultation)
            rows.append(
                {
                    "consultation": consultation,
                    "can_propose": user.has_perm("mayors.deposit_proposal", deposit),
                    "propose_refusal": participation_rules.refusal(
                        user, "mayors.deposit_proposal", deposit
                    )
                    if consultation.allow_proposals
                    else None,
                    "can_comment": user.has_perm("mayors.deposit_comment", deposit),
                }
            )
        context.update(
            consultations=rows,
            upcoming=deposits.upcoming_consultations(self.request),
            proposals=paginate(
                self.request, deposits.deposited_proposals(commune), self.PER_PAGE
            ),
            comments=paginate(
                self.request,
                deposits.deposited_comments(commune),
                self.PER_PAGE,
                param="cpage",
            ),
        )
        return context


class DepositFormView(DepositMixin, FormView):
    """A resident's contribution typed in at the mairie: same rules, same moderation."""

    template_name = "mayors/deposit_form.html"
    permission = None

    def get(self, request, *args, **kwargs):
        return self.checked(super().get, request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.checked(super().post, request, *args, **kwargs)

    def checked(self, handler, request, *args, **kwargs):
        """The rules first (phase, options, commune): a refusal says why, changes nothing."""
        self.deposit = self.get_deposit()
        message = participation_rules.refusal(
            request.user, self.permission, self.deposit
        )
        if message:
            return self.refused(message)
        return handler(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["consultation"] = self.deposit.consultation
        return kwargs

    def form_valid(self, form):
        if not abuse.consume(self.request, "deposit"):
            form.add_error(None, abuse.LIMIT_MESSAGE)
            return self.form_invalid(form)
        try:
            contribution = self.save(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        name = contribution.resident_name
        if contribution.is_pending:
            text = _(
                "La contribution de %(name)s est enregistrée ; elle sera publiée après "
                "sa relecture par l’équipe de modération."
            )
        else:
            text = _("La contribution de %(name)s est publiée.")
        messages.success(self.request, text % {"name": name})
        return redirect(
            reverse("mayors:deposits", args=[self.commune.pk]) + "#deposees"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            kind=self.kind,
            deposit=self.deposit,
            consultation=self.deposit.consultation,
            has_categories="category" in context["form"].fields,
            charter=legal_pages(self.request).charter,
        )
        return context


class DepositProposalView(DepositFormView):
    form_class = DepositProposalForm
    permission = "mayors.deposit_proposal"
    kind = "proposal"

    def get_deposit(self):
        return deposits.Deposit(self.commune, self.get_consultation())

    def save(self, form):
        return Proposal.deposit_at_mairie(
            consultation=self.deposit.consultation,
            mairie=self.commune,
            by=self.request.user,
            **form.deposit_fields(),
        )


class DepositCommentView(DepositFormView):
    """On a published proposal, or on the consultation itself."""

    form_class = DepositCommentForm
    permission = "mayors.deposit_comment"
    kind = "comment"

    def get_deposit(self):
        if "proposal_pk" not in self.kwargs:
            return deposits.Deposit(self.commune, self.get_consultation())
        proposal = get_object_or_404(
            Proposal.objects.select_related("consultation").filter(
                consultation__in=deposits.public_consultations(self.request)
            ),
            pk=self.kwargs["proposal_pk"],
        )
        return deposits.Deposit(self.commune, proposal.consultation, proposal)

    def save(self, form):
        return Comment.deposit_at_mairie(
            consultation=self.deposit.consultation,
            proposal=self.deposit.proposal,
            mairie=self.commune,
            by=self.request.user,
            **form.deposit_fields(),
        )


class DepositChooseProposalView(DepositMixin, TemplateView):
    """Which proposal the resident comments on: the published ones, searched by title."""

    template_name = "mayors/deposit_proposals.html"
    PER_PAGE = 20

    def get(self, request, *args, **kwargs):
        self.deposit = deposits.Deposit(self.commune, self.get_consultation())
        message = participation_rules.refusal(
            request.user, "mayors.deposit_comment", self.deposit
        )
        if message:
            return self.refused(message)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = self.deposit.consultation
        search = ProposalSearchForm(self.request.GET)
        proposals = (
            Proposal.objects.for_list()
            .filter(consultation=consultation)
            .published()
            .order_by("-created_at", "-pk")
        )
        if search.is_valid() and search.cleaned_data["q"]:
            proposals = proposals.filter(title__icontains=search.cleaned_data["q"])
        context.update(
            consultation=consultation,
            search=search,
            proposals=paginate(self.request, proposals, self.PER_PAGE),
        )
        return context
