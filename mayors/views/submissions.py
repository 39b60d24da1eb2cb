"""A priority or dossier: drafting, submitting, attachments, messages, acknowledgement."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View

from cms.history import history

from .. import notifications
from .. import rules as intranet_rules
from ..demarches import answers as demarche_answers
from ..demarches.forms import DossierForm
from ..forms import (
    AttachmentForm,
    FinancingFormSet,
    MessageForm,
    SubmissionForm,
    WithdrawForm,
)
from ..models import (
    Attachment,
    CallForPriorities,
    Submission,
)
from ..models.submissions import TransitionError
from ..tasks import scan_attachment
from .base import IntranetMixin, SubmissionMixin, message_visibility

# The no-JavaScript way to a new financing line: a submit button that saves the draft.
ADD_LINE = "ajouter_ligne"
EMPTY_LINES_PARAM = "lignes_vides"


class DemarcheFormMixin:
    """The priority démarche keeps its fixed form; any other one is built from its
    typed fields."""

    def demarche(self):
        return self.get_submission().call

    def get_form_class(self):
        return DossierForm if self.demarche().has_typed_form else SubmissionForm

    def get_template_names(self):
        if self.demarche().has_typed_form:
            return ["mayors/dossier_form.html"]
        return ["mayors/submission_form.html"]


class SubmissionCreateView(DemarcheFormMixin, IntranetMixin, FormView):
    def demarche(self):
        return self.call

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.call = get_object_or_404(CallForPriorities, pk=kwargs["call_id"])
            self.commune = self.organisation = None
            memberships = intranet_rules._memberships(request.user)
            if "organisation_id" in kwargs:
                organisation_id = int(kwargs["organisation_id"])
                if organisation_id not in intranet_rules.organisation_ids(request.user):
                    raise Http404
                self.organisation = next(
                    m.organisation
                    for m in memberships
                    if m.organisation_id == organisation_id
                )
            else:
                commune_id = int(kwargs["commune_id"])
                if commune_id not in intranet_rules.drafting_commune_ids(request.user):
                    raise Http404
                self.commune = next(
                    m.commune for m in memberships if m.commune_id == commune_id
                )
            # Refuse before the form is filled, not on save.
            refusal = self.refusal()
            if refusal:
                raise PermissionDenied(refusal)
        return super().dispatch(request, *args, **kwargs)

    @property
    def holder(self):
        return self.commune or self.organisation

    def holder_fields(self):
        return {"commune": self.commune, "organisation": self.organisation}

    def refusal(self):
        if not self.call.is_open_to(self.holder):
            return _("Cette démarche n’est pas ouverte aux %(kind)s.") % {
                "kind": self.call.kind_label(self.holder)
            }
        if not self.call.has_started():
            return _("Cet appel n’est pas encore ouvert.")
        if not self.call.is_open_for(self.commune):
            return intranet_rules.DEADLINE_PASSED
        used = Submission.objects.filter(
            call=self.call, **self.holder_fields()
        ).counted()
        if used.count() >= self.call.max_priorities:
            if self.organisation is not None:
                return _(
                    "Votre organisation a déjà %(max)s dossiers pour cette démarche : "
                    "retirez-en un pour en proposer un autre."
                ) % {"max": self.call.max_priorities}
            return _(
                "Votre commune a déjà %(max)s priorités pour cet appel : retirez-en une "
                "pour en proposer une autre."
            ) % {"max": self.call.max_priorities}
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Submission(call=self.call, rank=0, **self.holder_fields())
        return kwargs

    def form_valid(self, form):
        try:
            submission = Submission.create_draft(
                call=self.call,
                by=self.request.user,
                **self.holder_fields(),
                **form.draft_fields(),
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
        context.update(
            call=self.call, commune=self.commune, holder=self.holder, creating=True
        )
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
        financing_lines = list(submission.financing_lines.select_related("scheme"))
        attachments = list(submission.attachments.filter(message__isnull=True))
        prefetch_related_objects([submission.call], "documents")
        form_fields = demarche_answers.typed_fields(submission.call)
        open_to_deposit = submission.state in (
            Submission.State.DRAFT,
            Submission.State.CHANGES_REQUESTED,
        )
        missing = (
            submission.missing_items(financing_lines, attachments, form_fields)
            if open_to_deposit
            else []
        )
        deposit_refusal = (
            intranet_rules.deposit_refusal(user, submission, missing)
            if open_to_deposit
            else None
        )
        context.update(
            {
                "financing_lines": financing_lines,
                "financing_total": submission.financing_total(financing_lines),
                "attachments": attachments,
                "transitions": history(submission.transitions),
                "thread": message_visibility(
                    submission.messages.select_related("author")
                ).prefetch_related("files"),
                "message_form": MessageForm(),
                "can_edit": user.has_perm("mayors.edit_submission", submission),
                "show_deposit": open_to_deposit,
                "can_submit": open_to_deposit and deposit_refusal is None,
                "deposit_refusal": deposit_refusal,
                "can_signal_ready": open_to_deposit
                and not missing
                and user.has_perm("mayors.signal_ready", submission),
                "can_withdraw": user.has_perm("mayors.withdraw_submission", submission)
                and submission.is_withdrawable,
                "can_write": user.has_perm("mayors.write_message", submission),
                "missing": missing,
                "answers": demarche_answers.answer_rows(
                    submission, form_fields, financing_lines, attachments
                ),
                "shows_financing": demarche_answers.shows_financing(
                    submission.call, form_fields
                ),
            }
        )
        return context


class SubmissionEditView(DemarcheFormMixin, SubmissionMixin, FormView):
    permission = "mayors.edit_submission"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_submission()
        return kwargs

    def get_formset(self):
        call = self.get_submission().call
        if not demarche_answers.shows_financing(
            call, demarche_answers.typed_fields(call)
        ):
            return None
        data = self.request.POST if self.request.method == "POST" else None
        return FinancingFormSet(
            data,
            instance=self.get_submission(),
            prefix="financement",
            empty_lines=self.empty_lines(),
        )

    def empty_lines(self):
        """One blank financing line, more after « Ajouter une ligne » (?lignes_vides=N)."""
        try:
            wanted = int(self.request.GET.get(EMPTY_LINES_PARAM, 1))
        except ValueError:
            return 1
        return min(max(wanted, 1), FinancingFormSet.max_num)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.get_submission()
        context.setdefault("formset", self.get_formset())
        context.update(
            submission=submission,
            financing_total=submission.financing_total(),
            call=submission.call,
            commune=submission.commune,
            holder=submission.holder,
            attachments=submission.attachments.filter(message__isnull=True),
            attachment_form=AttachmentForm(call=submission.call),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        formset = self.get_formset()
        if form.is_valid() and (
            formset is None
            or (formset.is_valid() and formset.check_total(form.instance))
        ):
            with transaction.atomic():
                submission = form.save()
                if formset is not None:
                    formset.save()
                submission.touch()
            messages.success(request, _("Modifications enregistrées."))
            if "deposer" in request.POST:
                return redirect("mayors:submission_submit", pk=submission.pk)
            if ADD_LINE in request.POST and formset is not None:
                url = reverse("mayors:submission_edit", args=[submission.pk])
                empty = formset.empty_lines_left() + 1
                return redirect(f"{url}?{EMPTY_LINES_PARAM}={empty}#financement")
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
        missing = submission.missing_items()
        context.update(
            submission=submission,
            missing=missing,
            # Everything else that refuses the deposit (deadline, plan above the cost).
            problems=[
                problem
                for problem in submission.deposit_problems(missing=[])
                if problem
            ],
        )
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


class SignalReadyView(SubmissionActionView):
    """The secretary tells the mayor the draft can be deposited."""

    permission = "mayors.signal_ready"

    def act(self, submission):
        submission.signal_ready(by=self.request.user)
        messages.success(
            self.request,
            _(
                "Le ou la maire et les adjoint·es désigné·es sont prévenu·es par courriel que le dossier est prêt à déposer."
            ),
        )


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
            submission.attachments.filter(message__isnull=True),
            pk=kwargs["attachment_pk"],
        )
        attachment.file.delete(save=False)
        attachment.delete()
        submission.touch()
        messages.success(request, _("Pièce supprimée."))
        return redirect(
            reverse("mayors:submission_edit", args=[submission.pk]) + "#pieces"
        )


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Private files: the holder's people and staff, once the scan allows it."""

    def get(self, request, pk):
        attachment = get_object_or_404(
            Attachment.objects.select_related(
                "submission__commune", "submission__organisation", "message"
            ),
            pk=pk,
        )
        if not request.user.has_perm(
            "mayors.download_attachment", attachment.submission
        ):
            raise Http404
        private = attachment.message is not None and attachment.message.is_private_note
        if private and not request.user.has_perm("mayors.review"):
            raise Http404
        if not attachment.is_downloadable:
            raise PermissionDenied(
                _("Ce fichier n’est pas téléchargeable : %(status)s.")
                % {"status": attachment.get_scan_status_display()}
            )
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.download_name,
            content_type=attachment.served_type,
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class MessageCreateView(SubmissionMixin, View):
    http_method_names = ["post"]
    permission = "mayors.write_message"

    def post(self, request, *args, **kwargs):
        submission = self.get_submission()
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            with transaction.atomic():
                message = form.save(commit=False)
                message.submission = submission
                message.author = request.user
                message.from_staff = False
                message.save()
                attachment = form.save_file(message, request.user)
            if attachment is not None:
                scan_attachment.enqueue(attachment.pk)
            notifications.message_posted(message)
            messages.success(request, _("Message envoyé à l’équipe du PETR."))
        else:
            for errors in form.errors.values():
                for text in errors:
                    messages.error(request, text)
        return redirect(
            reverse("mayors:submission_detail", args=[submission.pk]) + "#messages"
        )
