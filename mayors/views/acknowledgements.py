"""The acknowledgement of receipt (accusé de réception électronique), HTML and PDF."""

from django.http import Http404, HttpResponse
from django.views.generic import DetailView

from .. import dossiers, notifications
from .base import SubmissionMixin


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
        submission = self.object
        context["service"] = notifications.service_contact(submission.call)
        context["receipt"] = dossiers.receipt(submission)
        context["documents"] = dossiers.received_documents(submission)
        context["answers"] = dossiers.received_answers(submission, context["documents"])
        return context


class AcknowledgementPdfView(AcknowledgementView):
    """The same acknowledgement as a PDF, to file or print."""

    def render_to_response(self, context, **response_kwargs):
        submission = context["submission"]
        pdf = dossiers.acknowledgement_pdf(
            submission,
            context["service"],
            context["documents"],
            context["receipt"],
            context["answers"],
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="accuse-de-reception-{submission.reference}.pdf"'
        )
        response["Cache-Control"] = "private, no-store"
        return response
