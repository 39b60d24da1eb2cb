"""The views of the intranet's admin: French display and exports, invitations, the
compilation of the PO, the review of dossiers (one view per action), the Conférence."""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, DecimalField, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.views import generic

from cms.admin.exports import SafeIndexView
from cms.history import history
from cms.permissions import require
from contrats.models import FinancingLine
from contrats.templatetags.contrats_tags import euros

from .. import invitations, notifications
from ..dossiers import dossier_zip
from ..forms import DecisionForm, StaffMessageForm
from ..models import ConferenceSession, Submission
from ..models.submissions import State, TransitionError
from ..programme import compile_programme
from ..tasks import scan_attachment
from .demarche_columns import DemarcheColumnsMixin, InspectAnswersMixin
from .forms import SubmissionProjectForm

# --- French display ----------------------------------------------------------------


def french_value(value):
    """A value as staff read it: Oui/Non, Paris time, « — » for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j F Y à H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, Decimal):
        return euros(value)
    return value


class FrenchInspectMixin:
    """Wagtail's inspect view prints raw Python values (UTC, True, None)."""

    def get_field_display_value(self, field_name, field):
        return french_value(super().get_field_display_value(field_name, field))


class FrenchExportIndexView(SafeIndexView):
    """Exports as staff read them: choices' labels, Paris time, Oui/Non — through the
    project's safe export path (cms.exports)."""

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for field in row:
            display = getattr(item, f"get_{field}_display", None)
            if "." not in field and callable(display):
                row[field] = display()
        return row

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value)
            if export_format == self.FORMAT_CSV:
                value = date_format(value, "d/m/Y H:i")
            else:
                value = timezone.make_naive(value)
        elif isinstance(value, datetime.date) and export_format == self.FORMAT_CSV:
            value = date_format(value, "d/m/Y")
        elif isinstance(value, bool):
            value = str(_("Oui") if value else _("Non"))
        elif value is None:
            value = ""
        return super().preprocess_field_value(field, value, export_format)


def yes_no(attribute):
    return lambda obj: french_value(bool(getattr(obj, attribute)))


def local_time(attribute):
    return lambda obj: french_value(getattr(obj, attribute))


# --- people, calls and the PO -------------------------------------------------------


class InviteView(generic.CreateView):
    def save_instance(self):
        official = super().save_instance()
        invitations.send_invitation(official, by=self.request.user)
        return official

    def get_success_message(self, instance):
        return _("Invitation envoyée à %(email)s.") % {"email": instance.user.email}


class ObjectActionView(View):
    """A form posted from an object's admin page, at its own address and under its own
    permission; the page is drawn by its own view (``page_view_class``), with the
    bound form when it has errors."""

    http_method_names = ["post"]
    permission_required = None
    page_view_class = None
    page_view_kwargs = {}

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            require(request.user, self.permission_required)
        return super().dispatch(request, *args, **kwargs)

    def page(self):
        view = self.page_view_class(**self.page_view_kwargs)
        view.setup(self.request, *self.args, **self.kwargs)
        return view

    def render_page(self, **context):
        view = self.page()
        return view.render_to_response(view.get_context_data(**context))


class CompilePageView(FrenchInspectMixin, generic.InspectView):
    """What the compilation takes: the call's retained priorities, and after a
    compilation its report."""

    template_name = "mayors/admin/compile.html"
    fields = []

    def get_page_title(self):
        return _("Compiler le Programme Opérationnel")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["retained"] = (
            self.object.submissions.filter(state=State.RETAINED)
            .select_related("commune", "project")
            .defer("commune__geometry")
            .order_by("commune__name", "rank")
        )
        context["report"] = kwargs.get("report")
        return context


class CompileView(ObjectActionView):
    """The page of the compilation (GET); reviewers compile and read the report (POST:
    created / already there)."""

    http_method_names = ["get", "post"]
    permission_required = "mayors.review"

    def get(self, request, *args, **kwargs):
        return self.page_view_class.as_view(**self.page_view_kwargs)(
            request, *args, **kwargs
        )

    def post(self, request, pk):
        try:
            report = compile_programme(self.page().object)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        messages.success(
            request,
            _(
                "Programme Opérationnel compilé : %(created)s ajouté(s), %(existing)s déjà présent(s)."
            )
            % {"created": len(report.created), "existing": len(report.existing)},
        )
        return self.render_page(report=report)


class CallInspectView(FrenchInspectMixin, generic.InspectView):
    template_name = "mayors/admin/call_inspect.html"


# --- review of submissions ---------------------------------------------------------


def region_requested():
    """The Région's share of each dossier's plan, summed in the listing's query."""
    return Coalesce(
        Sum(
            "financing_lines__amount",
            filter=Q(financing_lines__funder=FinancingLine.Funder.REGION),
        ),
        Decimal(0),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


class SubmissionIndexView(DemarcheColumnsMixin, FrenchExportIndexView):
    template_name = "mayors/admin/submission_index.html"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("call", "commune__epci", "measure__axe__orientation")
            .defer("commune__geometry", "commune__epci__geometry")
            .annotate(region_amount=region_requested())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = dict(
            Submission.objects.values_list("state").annotate(n=Count("pk")).order_by()
        )
        current = self.request.GET.get("state", "")
        base = reverse("mayors_submission:index")
        tabs = [
            {
                "label": _("Tous"),
                "url": base,
                "count": sum(counts.values()),
                "current": not current,
            }
        ]
        for value, label in State.choices:
            tabs.append(
                {
                    "label": label,
                    "url": f"{base}?state={value}",
                    "count": counts.get(value, 0),
                    "current": current == value,
                }
            )
        context["state_tabs"] = tabs
        return context


class SubmissionInspectView(
    InspectAnswersMixin, FrenchInspectMixin, generic.InspectView
):
    template_name = "mayors/admin/submission_inspect.html"
    fields = [
        "reference",
        "commune",
        "call",
        "state",
        "rank",
        "submitted_at",
        "measure",
        "maturity",
        "estimated_cost",
        "planned_start",
        "planned_end",
        "description",
        "decision_reason",
    ]

    def get_object(self, queryset=None):
        return get_object_or_404(
            Submission.objects.select_related(
                "call", "commune", "measure__axe__orientation"
            ).defer("commune__geometry"),
            pk=self.pk,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.object
        context.update(
            submission=submission,
            financing_lines=submission.financing_lines.all(),
            attachments=submission.attachments.filter(message__isnull=True),
            transitions=history(submission.transitions),
            thread=submission.messages.select_related("author").prefetch_related(
                "files"
            ),
            zip_url=reverse("mayors_submission:zip", args=[submission.pk]),
            decision_form=kwargs.get("decision_form")
            or DecisionForm(submission=submission),
            financing_total=sum(
                (line.amount for line in submission.financing_lines.all()), Decimal(0)
            ),
            message_form=kwargs.get("message_form") or StaffMessageForm(),
            project_form=kwargs.get("project_form")
            or SubmissionProjectForm(submission=submission),
            action_url=reverse("mayors_submission:act", args=[submission.pk]),
            message_url=reverse("mayors_submission:message", args=[submission.pk]),
            project_url=reverse("mayors_submission:project", args=[submission.pk]),
        )
        return context


class SubmissionFormView(ObjectActionView):
    """Instructors act on a dossier from its page: valid, back to the page; invalid,
    the page again with the form's errors."""

    permission_required = "mayors.review"
    form_class = None
    context_name = None

    def get_form(self, submission):
        return self.form_class(self.request.POST, submission=submission)

    def post(self, request, pk):
        submission = self.page().object
        form = self.get_form(submission)
        if form.is_valid() and self.act(submission, form):
            return redirect("mayors_submission:inspect", submission.pk)
        return self.render_page(**{self.context_name: form})


class SubmissionActView(SubmissionFormView):
    """A transition of the dossier: review, changes requested, decision, closing."""

    form_class = DecisionForm
    context_name = "decision_form"

    def act(self, submission, form):
        action, text = form.cleaned_data["action"], form.cleaned_data["message"]
        by = self.request.user
        try:
            with transaction.atomic():
                if action == "start_review":
                    submission.start_review(by=by)
                elif action == "request_changes":
                    submission.request_changes(by=by, message=text)
                elif action == State.CLOSED:
                    submission.close(by=by, reason=text)
                else:
                    submission.decide(by=by, outcome=action, reason=text)
        except TransitionError as error:
            form.add_error(None, error.messages)
            return False
        messages.success(
            self.request,
            _("Le dossier est désormais « %(state)s ».")
            % {"state": submission.get_state_display()},
        )
        return True


class SubmissionMessageView(SubmissionFormView):
    """A message to the commune, or an internal note, with its file scanned."""

    context_name = "message_form"

    def get_form(self, submission):
        return StaffMessageForm(self.request.POST, self.request.FILES)

    def act(self, submission, form):
        with transaction.atomic():
            message = form.save(commit=False)
            message.submission = submission
            message.author = self.request.user
            message.from_staff = True
            message.save()
            attachment = form.save_file(message, self.request.user)
        if attachment is not None:
            scan_attachment.enqueue(attachment.pk)
        notifications.message_posted(message)
        messages.success(
            self.request,
            _("Note interne enregistrée.")
            if message.is_private_note
            else _("Message envoyé à la commune."),
        )
        return True


class SubmissionProjectView(SubmissionFormView):
    """The contrats project that carries the priority, linked or unlinked."""

    form_class = SubmissionProjectForm
    context_name = "project_form"

    def act(self, submission, form):
        with transaction.atomic():
            submission = form.save()
        if submission.project_id:
            messages.success(
                self.request,
                _("La priorité est liée au projet « %(project)s ».")
                % {"project": submission.project.title},
            )
        else:
            messages.success(
                self.request, _("La priorité n’est plus liée à un projet.")
            )
        return True


class SubmissionZipView(View):
    """Every downloadable file of a dossier in one ZIP, for the instructors."""

    http_method_names = ["get"]

    def get(self, request, pk):
        require(request.user, "mayors.review")
        submission = get_object_or_404(Submission, pk=pk)
        response = HttpResponse(dossier_zip(submission), content_type="application/zip")
        name = submission.reference or f"priorite-{submission.pk}"
        response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
        response["Cache-Control"] = "private, no-store"
        return response


class SubmissionDeleteView(generic.DeleteView):
    """Only drafts go: a dossier with an acknowledgement of receipt is a legal record,
    closed (« classé sans suite ») with its reason in the trace, never deleted."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.is_legal_record:
            messages.error(
                request,
                _(
                    "Ce dossier a reçu un accusé de réception : il ne peut pas être "
                    "supprimé. Classez-le sans suite depuis sa fiche, avec un motif."
                ),
            )
            return redirect("mayors_submission:inspect", self.object.pk)
        return super().dispatch(request, *args, **kwargs)


# --- the Conférence des Maires ----------------------------------------------------


class SessionInspectView(FrenchInspectMixin, generic.InspectView):
    """A session: results, participation, opinions, and the button to convoke."""

    template_name = "mayors/admin/session_inspect.html"
    fields = [
        "title",
        "starts_at",
        "place",
        "agenda",
        "programme",
        "opinion_opens_at",
        "opinion_closes_at",
        "convocation_sent_at",
        "minutes",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.object
        context.update(
            results=session.results(),
            participation=session.participation(),
            opinions=session.opinions.select_related("commune", "author"),
            attendees=session.attendees.select_related("user", "commune"),
            convoke_url=reverse("mayors_session:convoke", args=[session.pk]),
        )
        return context


class ConvokeView(ObjectActionView):
    """The convocation sent to the mayors, by those who may change the session."""

    permission_required = "mayors.change_conferencesession"

    def post(self, request, pk):
        session = get_object_or_404(ConferenceSession, pk=pk)
        count = session.send_convocation()
        messages.success(
            request, _("Convocation envoyée à %(n)s maire(s).") % {"n": count}
        )
        return redirect("mayors_session:inspect", session.pk)


class StaffOpinionMixin:
    """A vote typed in the admin is marked as entered by staff, with who typed it."""

    def save_instance(self):
        opinion = self.form.save(commit=False)
        opinion.author = self.request.user
        opinion.entered_by_staff = True
        opinion.updated_at = timezone.now()
        opinion.save()
        return opinion


class OpinionCreateView(StaffOpinionMixin, generic.CreateView):
    pass


class OpinionEditView(StaffOpinionMixin, generic.EditView):
    pass
