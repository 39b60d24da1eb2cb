"""The "Contrats" admin menu: projects and their progress, Programmes Opérationnels and
their versions, territory."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtailgeowidget.panels import LeafletPanel

from cms.admin.viewsets import ModelViewSet

from ..models import (
    Commune,
    Epci,
    POVersion,
    ProgrammeOperationnel,
    ProgressNote,
    Project,
)
from .choosers import project_chooser_viewset
from .forms import POVersionAdminForm, ProjectAdminForm
from .views import (
    GuardedDeleteView,
    POVersionIndexView,
    ProgressNoteCreateView,
    ProgressNoteIndexView,
    ProjectCreateView,
    ProjectEditView,
    ProjectProgressPanel,
    WithContractIndexView,
)


class ProjectViewSet(ModelViewSet):
    model = Project
    icon = "site"
    menu_label = _("Projets")
    url_prefix = "contrats/projets"
    add_to_admin_menu = False
    add_view_class = ProjectCreateView
    edit_view_class = ProjectEditView
    delete_view_class = GuardedDeleteView
    list_display = ["title", "holder_name", "status", "total_cost", "start_year"]
    list_filter = ["status", "holder_kind", "start_year", "measures"]
    search_fields = ["title", "summary", "holder_name"]
    list_export = [
        "slug",
        "title",
        "holder_kind",
        "holder_name",
        "status",
        "start_year",
        "end_year",
        "total_cost",
        "latitude",
        "longitude",
    ]
    export_headings = {
        "slug": _("identifiant"),
        "title": _("intitulé"),
        "holder_kind": _("type de porteur"),
        "holder_name": _("porteur"),
        "status": _("état"),
        "start_year": _("année de début"),
        "end_year": _("année de fin"),
        "total_cost": _("coût total"),
        "latitude": _("latitude"),
        "longitude": _("longitude"),
    }
    export_filename = "projets"
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("summary"),
                    FieldRowPanel(
                        [FieldPanel("holder_kind"), FieldPanel("holder_name")],
                        heading=_("Porteur"),
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("status"),
                            FieldPanel("start_year"),
                            FieldPanel("end_year"),
                        ]
                    ),
                    FieldPanel("total_cost"),
                    FieldPanel("measures"),
                ],
                heading=_("Projet"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "financing_lines",
                        label=_("Lignes de financement"),
                        panels=[
                            FieldRowPanel(
                                [
                                    FieldPanel("funder"),
                                    FieldPanel("programme"),
                                    FieldPanel("year"),
                                ]
                            ),
                            FieldRowPanel([FieldPanel("amount"), FieldPanel("status")]),
                        ],
                    )
                ],
                heading=_("Financements"),
            ),
            ObjectList(
                [
                    LeafletPanel("location", heading=_("Point sur la carte")),
                    FieldPanel("communes", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Localisation"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "images",
                        label=_("Photos"),
                        panels=[FieldPanel("image"), FieldPanel("caption")],
                    ),
                    InlinePanel(
                        "documents",
                        label=_("Documents"),
                        panels=[FieldPanel("document"), FieldPanel("title")],
                    ),
                ],
                heading=_("Médias"),
            ),
            ObjectList(
                [ProjectProgressPanel(heading=_("Historique et notes"))],
                heading=_("Avancement"),
            ),
        ],
        base_form_class=ProjectAdminForm,
    )


class ProgressNoteFilterSet(WagtailFilterSet):
    # The projects that have notes, not thousands of options.
    project = ModelChoiceFilter(
        label=_("Projet"),
        queryset=Project.objects.filter(progress_notes__isnull=False)
        .distinct()
        .only("pk", "title")
        .order_by("title"),
    )

    class Meta:
        model = ProgressNote
        fields = ["project"]


class ProgressNoteViewSet(ModelViewSet):
    model = ProgressNote
    icon = "doc-full"
    menu_label = _("Avancement des projets")
    url_prefix = "contrats/avancement"
    add_to_admin_menu = False
    index_view_class = ProgressNoteIndexView
    add_view_class = ProgressNoteCreateView
    copy_view_enabled = False
    filterset_class = ProgressNoteFilterSet
    search_backend_name = None
    search_fields = ["title", "text", "project__title"]
    list_display = ["title", "project", "date", "author"]
    list_export = ["project", "date", "title", "text", "author", "created_at"]
    export_filename = "notes-d-avancement"
    panels = [
        FieldPanel("project", widget=project_chooser_viewset.widget_class),
        FieldRowPanel([FieldPanel("date"), FieldPanel("title")]),
        FieldPanel("text"),
        InlinePanel(
            "photos",
            label=_("Photos"),
            panels=[
                FieldPanel("image"),
                FieldRowPanel([FieldPanel("alt_text"), FieldPanel("caption")]),
            ],
        ),
    ]


class ProgrammeViewSet(ModelViewSet):
    model = ProgrammeOperationnel
    icon = "list-ol"
    menu_label = _("Programmes Opérationnels")
    url_prefix = "contrats/programmes"
    add_to_admin_menu = False
    index_view_class = WithContractIndexView
    list_display = ["__str__", "year"]
    list_filter = ["year"]
    list_export = ["contract", "year"]
    export_filename = "programmes-operationnels"
    panels = [FieldPanel("contract"), FieldPanel("year")]


class POVersionViewSet(ModelViewSet):
    model = POVersion
    icon = "history"
    menu_label = _("Versions des programmes")
    url_prefix = "contrats/versions"
    add_to_admin_menu = False
    delete_view_class = GuardedDeleteView
    list_display = ["__str__", "status", "adopted_on"]
    list_filter = ["status", "kind", "po__year"]
    list_export = ["po", "number", "kind", "status", "adopted_on", "note"]
    export_filename = "versions-programmes-operationnels"
    edit_handler = ObjectList(
        [
            FieldPanel("po"),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("adopted_on")],
                heading=_("Adoption"),
                help_text=_(
                    "Une version adoptée est figée. Pour modifier un programme adopté, "
                    "créez une nouvelle version (un avenant) : elle reprend les projets "
                    "de la dernière version adoptée."
                ),
            ),
            FieldPanel("note"),
            InlinePanel(
                "entries",
                label=_("Projets"),
                panels=[
                    FieldPanel("project"),
                    FieldRowPanel([FieldPanel("region_amount"), FieldPanel("note")]),
                ],
            ),
        ],
        base_form_class=POVersionAdminForm,
    )
    index_view_class = POVersionIndexView


class EpciViewSet(ModelViewSet):
    model = Epci
    icon = "group"
    menu_label = _("EPCI et périmètre")
    url_prefix = "contrats/epci"
    add_to_admin_menu = False
    list_display = ["name", "nature", "is_petr_member"]
    list_filter = ["is_petr_member", "nature"]
    search_fields = ["name", "siren"]
    list_export = ["siren", "name", "nature", "is_petr_member"]
    export_filename = "epci"
    panels = [FieldPanel("name"), FieldPanel("nature"), FieldPanel("is_petr_member")]
    copy_view_enabled = False


class CommuneViewSet(ModelViewSet):
    model = Commune
    icon = "home"
    menu_label = _("Communes")
    url_prefix = "contrats/communes"
    add_to_admin_menu = False
    list_display = ["name", "insee_code", "epci", "population"]
    list_filter = ["epci"]
    search_fields = ["name", "insee_code"]
    list_export = ["insee_code", "name", "epci", "population", "latitude", "longitude"]
    export_filename = "communes"
    panels = [
        FieldPanel("name"),
        FieldPanel("epci"),
        FieldPanel("population"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]
    copy_view_enabled = False


class ContratsGroup(ModelViewSetGroup):
    menu_label = _("Contrats")
    menu_icon = "doc-full"
    menu_order = 250
    items = (
        ProjectViewSet("contrats_projects"),
        ProgressNoteViewSet("contrats_progress"),
        ProgrammeViewSet("contrats_programmes"),
        POVersionViewSet("contrats_po_versions"),
        EpciViewSet("contrats_epci"),
        CommuneViewSet("contrats_communes"),
    )
