"""The staff side, in the Wagtail admin: people, calls, review of submissions, the Conférence."""

import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, DecimalField, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter, NumberFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from cms.export_views import SafeIndexView
from cms.history import history
from contrats.choosers import project_chooser_viewset
from contrats.models import Axe, Commune, Epci, FinancingLine, Project
from contrats.templatetags.contrats_tags import euros

from . import invitations, notifications
from .dossiers import dossier_zip
from .forms import DecisionForm, Select, StaffMessageForm
from .models import (
    CallForPriorities,
    ConferenceSession,
    ElectedOfficial,
    Opinion,
    Role,
    Submission,
)
from .models.submissions import State, TransitionError
from .programme import compile_programme
from .tasks import scan_attachment

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


# --- people ----------------------------------------------------------------------------


class OfficialForm(WagtailAdminModelForm):
    """The person (e-mail, name) and the membership in one form; creating it invites them."""

    email = forms.EmailField(label=_("Adresse électronique"))
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            user = self.instance.user
            self.initial.update(
                email=user.email, first_name=user.first_name, last_name=user.last_name
            )
            self.fields["email"].disabled = True

    def clean(self):
        data = super().clean()
        commune, epci, role = data.get("commune"), data.get("epci"), data.get("role")
        if role == Role.REFERENT_EPCI:
            if not epci or commune:
                self.add_error(
                    "epci",
                    _("Un·e référent·e EPCI est rattaché·e à un EPCI, sans commune."),
                )
        elif not commune:
            self.add_error("commune", _("Choisissez la commune."))
        elif epci:
            self.add_error("epci", _("Laissez l’EPCI vide pour un rôle communal."))
        if data.get("can_submit") and role not in (Role.ADJOINT, Role.MAIRE):
            self.add_error(
                "can_submit",
                _("Seul·e un·e adjoint·e peut être désigné·e pour déposer."),
            )
        if commune and role == Role.MAIRE and data.get("is_active", True):
            other_mayor = (
                ElectedOfficial.objects.active()
                .filter(commune=commune, role=Role.MAIRE)
                .exclude(pk=self.instance.pk)
                .select_related("user")
                .first()
            )
            if other_mayor is not None:
                self.add_error(
                    "role",
                    _(
                        "%(commune)s a déjà un·e maire dans l’espace des élus "
                        "(%(name)s). Désactivez d’abord son accès, puis invitez la "
                        "nouvelle personne."
                    )
                    % {
                        "commune": commune,
                        "name": other_mayor.user.get_full_name()
                        or other_mayor.user.email,
                    },
                )
        if commune and data.get("email") and not self.instance.pk:
            taken = ElectedOfficial.objects.filter(
                commune=commune, user__email__iexact=data["email"]
            ).exists()
            if taken:
                self.add_error(
                    "email", _("Cette personne est déjà invitée pour cette commune.")
                )
        return data

    def save(self, commit=True):
        official = super().save(commit=False)
        if not official.pk:
            official.user = invitations.account_for(
                self.cleaned_data["email"],
                self.cleaned_data["first_name"],
                self.cleaned_data["last_name"],
            )
        else:
            official.user.first_name = self.cleaned_data["first_name"]
            official.user.last_name = self.cleaned_data["last_name"]
            official.user.save(update_fields=["first_name", "last_name"])
        if commit:
            official.save()
        return official


class InviteView(generic.CreateView):
    def save_instance(self):
        official = super().save_instance()
        invitations.send_invitation(official, by=self.request.user)
        return official

    def get_success_message(self, instance):
        return _("Invitation envoyée à %(email)s.") % {"email": instance.user.email}


class OfficialViewSet(ModelViewSet):
    model = ElectedOfficial
    icon = "user"
    menu_label = _("Élu·es invité·es")
    add_view_class = InviteView
    copy_view_enabled = False
    list_display = [
        "__str__",
        "role",
        "commune",
        "epci",
        # What the rules apply: a mayor submits without the adjoint·e's checkbox.
        Column("may_submit", label=_("Peut déposer"), accessor=yes_no("may_submit")),
        Column("invited_at", label=_("Invité·e le"), accessor=local_time("invited_at")),
        Column("is_active", label=_("Actif"), accessor=yes_no("is_active")),
    ]
    list_filter = ["role", "is_active", "commune__epci"]
    search_fields = ["user__email", "user__last_name", "commune__name", "epci__name"]
    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldPanel("email"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("commune"), FieldPanel("epci")]),
        FieldPanel("can_submit"),
        FieldPanel("is_active"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=OfficialForm).bind_to_model(
            self.model
        )

    def get_queryset(self, request):
        return ElectedOfficial.objects.select_related("user", "commune", "epci")


# --- calls and the PO -----------------------------------------------------------------


class CompileView(FrenchInspectMixin, generic.InspectView):
    """GET: what will be compiled; POST: compile and report (created / already there)."""

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
        context["report"] = getattr(self, "report", None)
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("mayors.review"):
            raise PermissionDenied
        self.object = self.get_object()
        try:
            self.report = compile_programme(self.object)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        messages.success(
            request,
            _(
                "Programme Opérationnel compilé : %(created)s ajouté(s), %(existing)s déjà présent(s)."
            )
            % {
                "created": len(self.report.created),
                "existing": len(self.report.existing),
            },
        )
        return self.render_to_response(self.get_context_data())


class CallInspectView(FrenchInspectMixin, generic.InspectView):
    template_name = "mayors/admin/call_inspect.html"


class CompileColumn(TitleColumn):
    """« Compiler » straight from the list of calls, not only through Inspect."""

    def __init__(self):
        super().__init__(
            "compile",
            label=_("Programme Opérationnel"),
            accessor=lambda call: _("Compiler le PO %(year)s") % {"year": call.year},
            get_url=lambda call: reverse("mayors_call:compile", args=[call.pk]),
        )


class CallViewSet(ModelViewSet):
    model = CallForPriorities
    icon = "date"
    menu_label = _("Appels à priorités")
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = CallInspectView
    inspect_view_fields = [
        "title",
        "contract",
        "year",
        "opens_at",
        "closes_at",
        "max_priorities",
        "instructions",
        "required_documents",
        "retention_months",
    ]
    list_display = [
        "title",
        "year",
        Column("opens_at", label=_("Ouverture"), accessor=local_time("opens_at")),
        Column("closes_at", label=_("Clôture"), accessor=local_time("closes_at")),
        "max_priorities",
        CompileColumn(),
    ]
    list_filter = ["year"]
    search_fields = ["title"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("compile/<str:pk>/", self.compile_view, name="compile"),
        ]

    @property
    def compile_view(self):
        kwargs = self.get_inspect_view_kwargs()
        kwargs.update(template_name=CompileView.template_name, fields=[])
        return self.construct_view(CompileView, **kwargs)


# --- review of submissions --------------------------------------------------------------


class SubmissionFilterSet(WagtailFilterSet):
    # The choices need names only: never the outlines (GeoJSON) of hundreds of
    # communes, and their options without one template include each.
    year = NumberFilter(field_name="call__year", label=_("Année"))
    epci = ModelChoiceFilter(
        field_name="commune__epci",
        label=_("EPCI"),
        queryset=Epci.objects.petr_members().only("name"),
        widget=Select,
    )
    commune = ModelChoiceFilter(
        label=_("Commune"),
        queryset=Commune.objects.in_petr().only("name"),
        widget=Select,
    )
    axe = ModelChoiceFilter(
        field_name="measure__axe",
        label=_("Axe"),
        queryset=Axe.objects.select_related("orientation"),
        widget=Select,
    )
    state = ChoiceFilter(label=_("État"), choices=State.choices)

    class Meta:
        model = Submission
        fields = ["year", "epci", "commune", "axe", "state"]


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


class SubmissionIndexView(FrenchExportIndexView):
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


class SubmissionProjectForm(forms.Form):
    """Which contrats project carries the priority (the PO compilation sets it too)."""

    project = forms.ModelChoiceField(
        label=_("Projet des contrats"),
        queryset=Project.objects.all(),
        required=False,
        widget=project_chooser_viewset.widget_class(),
        help_text=_(
            "La commune suit l’avancement de ce projet depuis son espace. "
            "Laissez vide pour délier la priorité de son projet."
        ),
        error_messages={"invalid_choice": _("Ce projet n’existe pas.")},
    )

    def __init__(self, *args, submission, **kwargs):
        self.submission = submission
        kwargs.setdefault("initial", {"project": submission.project_id})
        super().__init__(*args, **kwargs)

    def clean_project(self):
        project = self.cleaned_data["project"]
        if project is None:
            return None
        other = (
            Submission.objects.filter(project=project)
            .exclude(pk=self.submission.pk)
            .first()
        )
        if other is not None:
            raise forms.ValidationError(
                _("Ce projet est déjà lié à la priorité « %(title)s » (%(commune)s).")
                % {"title": other.title, "commune": other.commune.name}
            )
        return project

    def save(self):
        self.submission.project = self.cleaned_data["project"]
        self.submission.save(update_fields=["project"])
        return self.submission


class SubmissionInspectView(FrenchInspectMixin, generic.InspectView):
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


class SubmissionActView(SubmissionInspectView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("mayors.review"):
            raise PermissionDenied
        self.object = self.get_object()
        form = DecisionForm(request.POST, submission=self.object)
        if form.is_valid():
            action, text = form.cleaned_data["action"], form.cleaned_data["message"]
            submission = self.object
            try:
                with transaction.atomic():
                    if action == "start_review":
                        submission.start_review(by=request.user)
                    elif action == "request_changes":
                        submission.request_changes(by=request.user, message=text)
                    elif action == State.CLOSED:
                        submission.close(by=request.user, reason=text)
                    else:
                        submission.decide(by=request.user, outcome=action, reason=text)
            except TransitionError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("Le dossier est désormais « %(state)s ».")
                    % {"state": submission.get_state_display()},
                )
                return redirect("mayors_submission:inspect", submission.pk)
        return self.render_to_response(self.get_context_data(decision_form=form))


class SubmissionMessageView(SubmissionInspectView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("mayors.review"):
            raise PermissionDenied
        self.object = self.get_object()
        form = StaffMessageForm(request.POST, request.FILES)
        if form.is_valid():
            with transaction.atomic():
                message = form.save(commit=False)
                message.submission = self.object
                message.author = request.user
                message.from_staff = True
                message.save()
                attachment = form.save_file(message, request.user)
            if attachment is not None:
                scan_attachment.enqueue(attachment.pk)
            notifications.message_posted(message)
            messages.success(
                request,
                _("Note interne enregistrée.")
                if message.is_private_note
                else _("Message envoyé à la commune."),
            )
            return redirect("mayors_submission:inspect", self.object.pk)
        return self.render_to_response(self.get_context_data(message_form=form))


class SubmissionZipView(SubmissionInspectView):
    """Every downloadable file of a dossier in one ZIP, for the instructors."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        if not request.user.has_perm("mayors.review"):
            raise PermissionDenied
        submission = self.get_object()
        response = HttpResponse(dossier_zip(submission), content_type="application/zip")
        name = submission.reference or f"priorite-{submission.pk}"
        response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
        response["Cache-Control"] = "private, no-store"
        return response


class SubmissionProjectView(SubmissionInspectView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("mayors.review"):
            raise PermissionDenied
        self.object = self.get_object()
        form = SubmissionProjectForm(request.POST, submission=self.object)
        if form.is_valid():
            with transaction.atomic():
                submission = form.save()
            if submission.project_id:
                messages.success(
                    request,
                    _("La priorité est liée au projet « %(project)s ».")
                    % {"project": submission.project.title},
                )
            else:
                messages.success(request, _("La priorité n’est plus liée à un projet."))
            return redirect("mayors_submission:inspect", submission.pk)
        return self.render_to_response(self.get_context_data(project_form=form))


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


class SubmissionViewSet(ModelViewSet):
    model = Submission
    icon = "folder-open-inverse"
    menu_label = _("Priorités des communes")
    url_prefix = "mayors/submission"
    index_view_class = SubmissionIndexView
    delete_view_class = SubmissionDeleteView
    inspect_view_class = SubmissionInspectView
    inspect_view_enabled = True
    filterset_class = SubmissionFilterSet
    search_fields = ["title", "reference", "commune__name"]
    list_display = [
        "title",
        "reference",
        "commune",
        Column("epci", label=_("EPCI"), accessor="commune.epci"),
        Column("year", label=_("Année"), accessor="call.year"),
        "rank",
        "state",
        Column(
            "estimated_cost",
            label=_("Coût HT"),
            accessor=lambda s: euros(s.estimated_cost),
            sort_key="estimated_cost",
        ),
        Column(
            "region_amount",
            label=_("Région sollicitée"),
            accessor=lambda s: euros(s.region_amount),
            sort_key="region_amount",
        ),
        Column(
            "submitted_at",
            label=_("Déposé le"),
            accessor=local_time("submitted_at"),
            sort_key="submitted_at",
        ),
    ]
    list_export = [
        "reference",
        "title",
        "commune",
        "commune.epci",
        "call.year",
        "rank",
        "measure",
        "estimated_cost",
        "maturity",
        "planned_start",
        "planned_end",
        "state",
        "submitted_at",
        "decision_reason",
    ]
    export_headings = {
        "reference": _("Référence"),
        "title": _("Intitulé"),
        "commune": _("Commune"),
        "commune.epci": _("EPCI"),
        "call.year": _("Année"),
        "rank": _("Rang"),
        "measure": _("Mesure du CTO"),
        "estimated_cost": _("Coût estimé HT"),
        "maturity": _("Maturité"),
        "planned_start": _("Début prévu"),
        "planned_end": _("Fin prévue"),
        "state": _("État"),
        "submitted_at": _("Déposé le"),
        "decision_reason": _("Motif"),
    }
    export_filename = "priorites-des-communes"
    list_per_page = 50
    # Staff never rewrite a commune's dossier: no add/edit views (see get_urlpatterns).
    form_fields = ["title"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            add_url_name=None, edit_url_name=None, copy_url_name=None, **kwargs
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(edit_url_name=None, **kwargs)

    def get_urlpatterns(self):
        kept = [
            p
            for p in super().get_urlpatterns()
            if p.name not in ("add", "edit", "copy")
        ]
        return [
            *kept,
            path(
                "act/<str:pk>/",
                self.construct_view(
                    SubmissionActView, **self.get_inspect_view_kwargs()
                ),
                name="act",
            ),
            path(
                "message/<str:pk>/",
                self.construct_view(
                    SubmissionMessageView, **self.get_inspect_view_kwargs()
                ),
                name="message",
            ),
            path(
                "zip/<str:pk>/",
                self.construct_view(
                    SubmissionZipView, **self.get_inspect_view_kwargs()
                ),
                name="zip",
            ),
            path(
                "project/<str:pk>/",
                self.construct_view(
                    SubmissionProjectView, **self.get_inspect_view_kwargs()
                ),
                name="project",
            ),
        ]


# --- the Conférence des Maires ------------------------------------------------------------


class ConvokeView(FrenchInspectMixin, generic.InspectView):
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

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("mayors.change_conferencesession"):
            raise PermissionDenied
        self.object = self.get_object()
        count = self.object.send_convocation()
        messages.success(
            request, _("Convocation envoyée à %(n)s maire(s).") % {"n": count}
        )
        return redirect("mayors_session:inspect", self.object.pk)


class SessionViewSet(ModelViewSet):
    model = ConferenceSession
    icon = "group"
    menu_label = _("Conférence des Maires")
    url_prefix = "mayors/session"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = ConvokeView
    list_display = [
        "title",
        Column("starts_at", label=_("Date et heure"), accessor=local_time("starts_at")),
        "place",
        Column(
            "convocation_sent_at",
            label=_("Convocation envoyée le"),
            accessor=local_time("convocation_sent_at"),
        ),
    ]
    search_fields = ["title", "place"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "convoke/<str:pk>/",
                self.construct_view(ConvokeView, **self.get_inspect_view_kwargs()),
                name="convoke",
            ),
        ]


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


class OpinionViewSet(ModelViewSet):
    model = Opinion
    add_view_class = OpinionCreateView
    edit_view_class = OpinionEditView
    icon = "openquote"
    menu_label = _("Avis des communes")
    add_to_admin_menu = False
    index_view_class = FrenchExportIndexView
    copy_view_enabled = False
    list_display = [
        "commune",
        "session",
        "verdict",
        Column("updated_at", label=_("Exprimé le"), accessor=local_time("updated_at")),
        "entered_by_staff",
    ]
    list_filter = ["session", "verdict"]
    list_export = [
        "session",
        "commune",
        "verdict",
        "comment",
        "updated_at",
        "entered_by_staff",
    ]
    export_headings = {
        "session": _("Séance"),
        "commune": _("Commune"),
        "verdict": _("Avis"),
        "comment": _("Commentaire"),
        "updated_at": _("Exprimé le"),
        "entered_by_staff": _("Saisi par l’équipe du PETR"),
    }
    form_fields = ["session", "commune", "verdict", "comment"]


class MayorsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Espace des élus")
    menu_icon = "site"
    items = [
        SubmissionViewSet("mayors_submission"),
        CallViewSet("mayors_call", url_prefix="mayors/call"),
        OfficialViewSet("mayors_official", url_prefix="mayors/official"),
        SessionViewSet("mayors_session"),
        OpinionViewSet("mayors_opinion", url_prefix="mayors/opinion"),
    ]
