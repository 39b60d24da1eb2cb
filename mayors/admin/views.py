"""The views of the intranet's admin: French display and exports, invitations, the
compilation of the PO, the Conférence (the review of dossiers: ``review``)."""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.views import generic

from cms.admin.exports import SafeIndexView
from cms.permissions import require
from contrats.templatetags.contrats_tags import euros

from .. import invitations
from ..models import ConferenceSession
from ..models.submissions import State
from ..programme import compile_programme

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
