"""The "Contrats" admin menu: projects, Programmes Opérationnels and their versions, territory."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtailgeowidget.panels import LeafletPanel

from .admin_forms import POVersionAdminForm, ProjectAdminForm
from .models import Commune, Epci, POVersion, ProgrammeOperationnel, Project


class GuardedDeleteView(generic.DeleteView):
    """Deletion refused with the model's own French message (adopted PO, frozen version)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.edit_url_name, self.object.pk)


class WithContractIndexView(generic.IndexView):
    """Listings whose rows name their contract: one query, not one per row."""

    contract_path = "contract"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(self.contract_path)


class POVersionIndexView(WithContractIndexView):
    contract_path = "po__contract"


class ProjectViewSet(ModelViewSet):
    model = Project
    icon = "site"
    menu_label = _("Projets")
    url_prefix = "contrats/projets"
    add_to_admin_menu = False
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
        ],
        base_form_class=ProjectAdminForm,
    )


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
        ProgrammeViewSet("contrats_programmes"),
        POVersionViewSet("contrats_po_versions"),
        EpciViewSet("contrats_epci"),
        CommuneViewSet("contrats_communes"),
    )


@hooks.register("register_admin_viewset")
def register_contrats_viewsets():
    return ContratsGroup()
