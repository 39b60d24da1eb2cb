"""The staff side, in the Wagtail admin: people, calls, review of submissions, the
Conférence. The views are in ``views``, the forms in ``forms``."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter, NumberFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup

from cms.admin.viewsets import ModelViewSet
from cms.widgets import FastSelect
from contrats.models import Axe, Commune, Epci
from contrats.templatetags.contrats_tags import euros

from ..models import (
    CallForPriorities,
    ConferenceSession,
    ElectedOfficial,
    Opinion,
    Organisation,
    Submission,
)
from ..models.submissions import State
from .forms import DemarcheForm, OfficialForm
from .review import (
    SubmissionActView,
    SubmissionDeleteView,
    SubmissionIndexView,
    SubmissionInspectView,
    SubmissionMessageView,
    SubmissionProjectView,
    SubmissionZipView,
)
from .versions import NewVersionView
from .views import (
    CallInspectView,
    CompilePageView,
    CompileView,
    ConvokeView,
    FrenchExportIndexView,
    InviteView,
    OpinionCreateView,
    OpinionEditView,
    SessionInspectView,
    local_time,
    yes_no,
)


class ActionViewsMixin:
    """An action view draws the object's page with the options of the page's own view."""

    def action_view(self, view_class, page_view_class=None, **page_kwargs):
        page_view_class = page_view_class or self.inspect_view_class
        merged = {
            **self.get_common_view_kwargs(),
            **self.get_inspect_view_kwargs(**page_kwargs),
        }
        return view_class.as_view(
            page_view_class=page_view_class,
            page_view_kwargs={
                key: value
                for key, value in merged.items()
                if hasattr(page_view_class, key) and value is not self.UNDEFINED
            },
        )


# --- people ----------------------------------------------------------------------------


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
        "organisation",
        # What the rules apply: a mayor submits without the adjoint·e's checkbox.
        Column("may_submit", label=_("Peut déposer"), accessor=yes_no("may_submit")),
        Column("invited_at", label=_("Invité·e le"), accessor=local_time("invited_at")),
        Column("is_active", label=_("Actif"), accessor=yes_no("is_active")),
    ]
    list_filter = ["role", "is_active", "commune__epci"]
    search_fields = [
        "user__email",
        "user__last_name",
        "commune__name",
        "epci__name",
        "organisation__name",
    ]
    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldPanel("email"),
        FieldPanel("role"),
        FieldRowPanel(
            [FieldPanel("commune"), FieldPanel("epci"), FieldPanel("organisation")]
        ),
        FieldPanel("can_submit"),
        FieldPanel("is_active"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=OfficialForm).bind_to_model(
            self.model
        )

    def get_queryset(self, request):
        return ElectedOfficial.objects.select_related(
            "user", "commune", "epci", "organisation"
        )


class OrganisationViewSet(ModelViewSet):
    """EPCI, associations and other bodies that apply to the démarches open to them;
    their members are invited like a commune's people (« Élu·es invité·es »)."""

    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    copy_view_enabled = False
    list_display = [
        "name",
        "kind",
        "siret",
        "commune",
        Column("is_active", label=_("Active"), accessor=yes_no("is_active")),
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "siret"]
    form_fields = ["name", "kind", "siret", "commune", "epci", "is_active"]

    def get_queryset(self, request):
        return Organisation.objects.select_related("commune").defer("commune__geometry")


class CompileColumn(TitleColumn):
    """« Compiler » straight from the list of calls, not only through Inspect."""

    def __init__(self):
        super().__init__(
            "compile",
            label=_("Programme Opérationnel"),
            accessor=lambda call: (
                _("Compiler le PO %(year)s") % {"year": call.year}
                if call.feeds_programme
                else "—"
            ),
            get_url=lambda call: (
                reverse("mayors_call:compile", args=[call.pk])
                if call.feeds_programme
                else None
            ),
        )


class CallViewSet(ActionViewsMixin, ModelViewSet):
    model = CallForPriorities
    icon = "date"
    menu_label = _("Démarches")
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = CallInspectView
    inspect_view_fields = [
        "title",
        "kind",
        "contract",
        "year",
        "opens_at",
        "closes_at",
        "max_priorities",
        "applicants_display",
        "instructions",
        "service_name",
        "retention_months",
    ]
    list_display = [
        "title",
        "kind",
        "year",
        Column("opens_at", label=_("Ouverture"), accessor=local_time("opens_at")),
        Column("closes_at", label=_("Clôture"), accessor=local_time("closes_at")),
        Column(
            "applicants",
            label=_("Qui peut déposer"),
            accessor="applicants_display",
        ),
        "max_priorities",
        CompileColumn(),
    ]
    list_filter = ["kind", "year"]
    search_fields = ["title"]

    def get_edit_handler(self):
        return ObjectList(
            CallForPriorities.panels, base_form_class=DemarcheForm
        ).bind_to_model(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "compile/<str:pk>/",
                self.action_view(
                    CompileView,
                    CompilePageView,
                    template_name=CompilePageView.template_name,
                    fields=[],
                ),
                name="compile",
            ),
            path("version/<str:pk>/", NewVersionView.as_view(), name="new_version"),
        ]


class SubmissionFilterSet(WagtailFilterSet):
    # The choices need names only: never the outlines (GeoJSON) of hundreds of
    # communes, and their options without one template include each.
    call = ModelChoiceFilter(
        label=_("Démarche"),
        queryset=CallForPriorities.objects.only("title"),
        widget=FastSelect,
    )
    year = NumberFilter(field_name="call__year", label=_("Année"))
    epci = ModelChoiceFilter(
        field_name="commune__epci",
        label=_("EPCI"),
        queryset=Epci.objects.petr_members().only("name"),
        widget=FastSelect,
    )
    commune = ModelChoiceFilter(
        label=_("Commune"),
        queryset=Commune.objects.in_petr().only("name"),
        widget=FastSelect,
    )
    holder = ChoiceFilter(
        label=_("Porteur"),
        choices=[("commune", _("Commune")), *Organisation.Kind.choices],
        method="filter_holder",
        widget=FastSelect,
    )
    organisation = ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.only("name"),
        widget=FastSelect,
    )
    axe = ModelChoiceFilter(
        field_name="measure__axe",
        label=_("Axe"),
        queryset=Axe.objects.select_related("orientation"),
        widget=FastSelect,
    )
    state = ChoiceFilter(label=_("État"), choices=State.choices)

    class Meta:
        model = Submission
        fields = [
            "call",
            "year",
            "epci",
            "holder",
            "commune",
            "organisation",
            "axe",
            "state",
        ]

    def __init__(self, *args, answer_filters=None, **kwargs):
        """With one démarche chosen, its answers' filters (see demarche_columns)."""
        super().__init__(*args, **kwargs)
        for name, answer_filter in (answer_filters or {}).items():
            answer_filter.model = Submission
            answer_filter.parent = self
            self.filters[name] = answer_filter

    def filter_holder(self, queryset, name, value):
        if value == "commune":
            return queryset.filter(commune__isnull=False)
        return queryset.filter(organisation__kind=value)


class SubmissionViewSet(ActionViewsMixin, ModelViewSet):
    model = Submission
    icon = "folder-open-inverse"
    menu_label = _("Dossiers déposés")
    url_prefix = "mayors/submission"
    index_view_class = SubmissionIndexView
    delete_view_class = SubmissionDeleteView
    inspect_view_class = SubmissionInspectView
    inspect_view_enabled = True
    filterset_class = SubmissionFilterSet
    search_fields = ["title", "reference", "commune__name", "organisation__name"]
    list_display = [
        "title",
        "reference",
        Column("holder", label=_("Porteur"), accessor="holder"),
        Column("epci", label=_("EPCI"), accessor="epci"),
        Column("year", label=_("Année"), accessor="call.year"),
        "rank",
        Column("state", label=_("État"), accessor="state_display", sort_key="state"),
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
        "epci",
        "call.year",
        "rank",
        "organisation",
        "measure",
        "estimated_cost",
        "maturity",
        "planned_start",
        "planned_end",
        "state_display",
        "submitted_at",
        "decision_reason",
    ]
    export_headings = {
        "reference": _("Référence"),
        "title": _("Intitulé"),
        "commune": _("Commune"),
        "epci": _("EPCI"),
        "call.year": _("Année"),
        "rank": _("Rang"),
        "organisation": _("Organisation"),
        "measure": _("Mesure du CTO"),
        "estimated_cost": _("Coût estimé HT"),
        "maturity": _("Maturité"),
        "planned_start": _("Début prévu"),
        "planned_end": _("Fin prévue"),
        "state_display": _("État"),
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
                self.action_view(SubmissionActView),
                name="act",
            ),
            path(
                "message/<str:pk>/",
                self.action_view(SubmissionMessageView),
                name="message",
            ),
            path(
                "zip/<str:pk>/",
                SubmissionZipView.as_view(),
                name="zip",
            ),
            path(
                "project/<str:pk>/",
                self.action_view(SubmissionProjectView),
                name="project",
            ),
        ]


class SessionViewSet(ModelViewSet):
    model = ConferenceSession
    icon = "group"
    menu_label = _("Conférence des Maires")
    url_prefix = "mayors/session"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = SessionInspectView
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
                ConvokeView.as_view(),
                name="convoke",
            ),
        ]


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
        OrganisationViewSet("mayors_organisation", url_prefix="mayors/organisation"),
        SessionViewSet("mayors_session"),
        OpinionViewSet("mayors_opinion", url_prefix="mayors/opinion"),
    ]
