"""The "Contrats" admin menu: projects and their progress, Programmes Opérationnels and their versions, territory."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtailgeowidget.panels import LeafletPanel

from cms.export_views import SafeIndexView
from cms.history import history

from .admin_forms import POVersionAdminForm, ProjectAdminForm
from .choosers import project_chooser_viewset
from .models import (
    Commune,
    Epci,
    POVersion,
    ProgrammeOperationnel,
    ProgressNote,
    Project,
)


class GuardedDeleteView(generic.DeleteView):
    """Deletion refused with the model's own French message (adopted PO, frozen version)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.edit_url_name, self.object.pk)


class WithContractIndexView(SafeIndexView):
    """Listings whose rows name their contract: one query, not one per row."""

    contract_path = "contract"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(self.contract_path)


class POVersionIndexView(WithContractIndexView):
    contract_path = "po__contract"


def add_note_url(project):
    return f"{reverse('contrats_progress:add')}?project={project.pk}"


class ProjectProgressPanel(Panel):
    """Read-only on the project's edit screen: its status history and its notes."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "contrats/admin/project_progress_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            project = self.instance
            if project.pk:
                context.update(
                    changes=history(project.status_changes),
                    notes=project.progress_notes.select_related("author"),
                )
                if self.request.user.has_perm("contrats.add_progressnote"):
                    context["add_note_url"] = add_note_url(project)
            return context


class ProjectCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.status_changed_by = self.request.user
        return super().save_instance()


class ProjectEditView(generic.EditView):
    def save_instance(self):
        self.form.instance.status_changed_by = self.request.user
        return super().save_instance()

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.request.user.has_perm("contrats.add_progressnote"):
            buttons.append(
                Button(
                    _("Publier une note d’avancement"),
                    url=add_note_url(self.object),
                    icon_name="doc-full",
                    priority=5,
                )
            )
        return buttons


class ProjectViewSet(ModelViewSet):
    model = Project
    icon = "site"
    menu_label = _("Projets")
    url_prefix = "contrats/projets"
    index_view_class = SafeIndexView
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


class ProgressNoteIndexView(SafeIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("project", "author")


class ProgressNoteCreateView(generic.CreateView):
    """Reached from a project's edit screen with ``?project=<id>``: the project is chosen."""

    def get_initial(self):
        initial = super().get_initial()
        project = self.request.GET.get("project", "")
        if project.isdigit() and Project.objects.filter(pk=project).exists():
            initial["project"] = int(project)
        return initial

    def save_instance(self):
        self.form.instance.author = self.request.user
        return super().save_instance()


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
    index_view_class = SafeIndexView
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
    index_view_class = SafeIndexView
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


@hooks.register("register_admin_viewset")
def register_contrats_viewsets():
    return [ContratsGroup(), project_chooser_viewset]
