"""The review of dossiers in the intranet's admin: the listing with its French export,
a dossier's page, and one view per action (state, message, project, ZIP, deletion)."""

from decimal import Decimal

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, DecimalField, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.views import generic

from cms.history import history
from cms.permissions import require
from contrats.models import FinancingLine

from .. import notifications
from ..dossiers import dossier_zip
from ..forms import DecisionForm, StaffMessageForm
from ..models import Submission
from ..models.submissions import State, TransitionError
from ..tasks import scan_attachment
from .demarche_columns import DemarcheColumnsMixin, InspectAnswersMixin
from .forms import SubmissionProjectForm
from .views import FrenchExportIndexView, FrenchInspectMixin, ObjectActionView


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
            .select_related(
                "call",
                "commune__epci",
                "organisation__epci",
                "measure__axe__orientation",
            )
            .defer(
                "commune__geometry",
                "commune__epci__geometry",
                "organisation__epci__geometry",
            )
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
        "organisation",
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
                "call", "commune", "organisation", "measure__axe__orientation"
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
            % {"state": submission.state_display},
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
            else _("Message envoyé au porteur du dossier."),
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
