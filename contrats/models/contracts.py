"""Contract pages (CRTE, CTO, Bourgs-Centres…), their governance and their computed figures."""

from django import forms
from django.db import models
from django.db.models import Count, Prefetch, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from cms import images
from cms.models import BasePage

from ..blocks import COMMITTEE_BLOCKS, DOCUMENT_BLOCKS, MEETING_BLOCKS, PARTNER_BLOCKS
from ..caching import per_generation
from ..figures import ContractFigures, committed_by_contract
from .projects import Project
from .strategy import Mesure, Orientation

# One colour per contract on the zoning map, chosen for contrast on a light basemap.
ZONING_PALETTE = [
    "#1d5a8c",
    "#b35806",
    "#1b7837",
    "#762a83",
    "#a50026",
    "#01665e",
    "#8c510a",
    "#4d4d4d",
]


class ContractPermissionTester(PagePermissionTester):
    """Contracts are edited by policy staff only, even where a group may edit the pages above.

    Wagtail page permissions are inherited down the tree; the Django model permission on
    contract pages (granted to "Politiques contractuelles") is required on top of them.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.may_manage_contracts = user.is_active and (
            user.is_superuser or user.has_perm("contrats.change_contractpage")
        )

    def can_add_subpage(self):
        return self.may_manage_contracts and super().can_add_subpage()

    def can_edit(self):
        return self.may_manage_contracts and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self.may_manage_contracts and super().can_delete(ignore_bulk)

    def can_unpublish(self):
        return self.may_manage_contracts and super().can_unpublish()

    def can_publish(self):
        return self.may_manage_contracts and super().can_publish()

    def can_publish_subpage(self):
        return self.may_manage_contracts and super().can_publish_subpage()

    def can_reorder_children(self):
        return self.may_manage_contracts and super().can_reorder_children()

    def can_move(self):
        return self.may_manage_contracts and super().can_move()

    def can_copy(self):
        return self.may_manage_contracts and super().can_copy()

    def can_lock(self):
        return self.may_manage_contracts and super().can_lock()


class ContractPermissionsMixin:
    def permissions_for_user(self, user):
        return ContractPermissionTester(user, self)


class ContractsIndexPage(ContractPermissionsMixin, BasePage):
    """The list of contracts: status, period, partners and committed amounts."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("contenu"), blank=True)
    home_text = models.CharField(
        _("texte de l’accès rapide sur la page d’accueil"),
        max_length=300,
        blank=True,
        help_text=_("Laisser vide pour le texte par défaut."),
    )
    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("home_text"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["contrats.ContractPage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des contrats")
        verbose_name_plural = _("index des contrats")

    def rendition_requirements(self):
        """Only the sharing image: the body is rich text, not the cms StreamField."""
        if self.search_image_id:
            yield self.search_image, [images.SOCIAL]

    def contracts(self):
        return ContractPage.objects.child_of(self).live().public().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        contracts = list(self.contracts())
        committed = committed_by_contract([c.pk for c in contracts])
        for contract in contracts:
            contract.committed_amount = committed.get(contract.pk, 0)
        context["contracts"] = contracts
        return context


class ContractPage(ContractPermissionsMixin, BasePage):
    """A contract between the territory and its partners, with its strategy, projects and figures."""

    class Kind(models.TextChoices):
        CRTE = "CRTE", _("Contrat de relance et de transition écologique")
        CTO = "CTO", _("Contrat territorial Occitanie")
        BOURG_CENTRE = "BOURG_CENTRE", _("Bourg-Centre Occitanie")
        CLS = "CLS", _("Contrat local de santé")
        RURALITE = "RURALITE", _("Contrat de ruralité")
        AUTRE = "AUTRE", _("Autre contrat")

    class Status(models.TextChoices):
        PREPARATION = "preparation", _("En préparation")
        SIGNE = "signe", _("Signé")
        EN_COURS = "en_cours", _("En cours")
        ACHEVE = "acheve", _("Achevé")

    kind = models.CharField(_("type de contrat"), max_length=20, choices=Kind.choices)
    short_name = models.CharField(
        _("nom court"),
        max_length=40,
        help_text=_(
            "Sigle affiché dans les listes et les filtres, par exemple « CRTE »."
        ),
    )
    introduction = models.TextField(_("résumé"), blank=True)
    signature_date = models.DateField(_("date de signature"), null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(_("année de début"))
    end_year = models.PositiveSmallIntegerField(_("année de fin"))
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.PREPARATION
    )
    zoning = ParentalManyToManyField(
        "contrats.Commune",
        verbose_name=_("communes couvertes"),
        blank=True,
        related_name="contracts",
    )
    body = RichTextField(_("contenu"), blank=True)
    partners = StreamField(PARTNER_BLOCKS, verbose_name=_("partenaires"), blank=True)
    documents = StreamField(DOCUMENT_BLOCKS, verbose_name=_("documents"), blank=True)
    committee = StreamField(
        COMMITTEE_BLOCKS, verbose_name=_("comité de pilotage"), blank=True
    )
    meetings = StreamField(
        MEETING_BLOCKS, verbose_name=_("réunions du comité de pilotage"), blank=True
    )

    partners = StreamField(PARTNER_BLOCKS, verbose_name=_("partenaires"), blank=True)
    documents = StreamField(DOCUMENT_BLOCKS, verbose_name=_("documents"), blank=True)
    committee = StreamField(
        COMMITTEE_BLOCKS, verbose_name=_("comité de pilotage"), blank=True
    )
    meetings = StreamField(
        MEETING_BLOCKS, verbose_name=_("réunions du comité de pilotage"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("introduction"),
        FieldRowPanel(
            [FieldPanel("status"), FieldPanel("signature_date")],
            heading=_("Signature"),
        ),
        FieldRowPanel(
            [FieldPanel("start_year"), FieldPanel("end_year")], heading=_("Période")
        ),
        FieldPanel("partners"),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]
    strategy_panels = [
        InlinePanel(
            "orientations",
            label=_("Orientations"),
            help_text=_("Orientation → axes → mesures, numérotés 1, 1.2, 1.2.3."),
        ),
    ]
    governance_panels = [
        FieldPanel("committee"),
        FieldPanel("meetings"),
    ]
    zoning_panels = [
        MultiFieldPanel(
            [FieldPanel("zoning", widget=forms.CheckboxSelectMultiple)],
            heading=_("Communes couvertes par le contrat"),
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Contrat")),
            ObjectList(strategy_panels, heading=_("Stratégie")),
            ObjectList(governance_panels, heading=_("Gouvernance")),
            ObjectList(zoning_panels, heading=_("Zonage")),
            ObjectList(BasePage.promote_panels, heading=_("Promotion")),
            ObjectList(Page.settings_panels, heading=_("Paramètres")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("status"),
    ]
    parent_page_types = ["contrats.ContractsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("contrat")
        verbose_name_plural = _("contrats")

    def rendition_requirements(self):
        """Only the sharing image: the body is rich text, not the cms StreamField."""
        if self.search_image_id:
            yield self.search_image, [images.SOCIAL]

    @property
    def period(self):
        return f"{self.start_year}–{self.end_year}"

    @property
    def is_archived(self):
        return self.status == self.Status.ACHEVE

    def projects(self):
        """Projects attached to one of this contract's measures."""
        return Project.objects.filter(
            pk__in=Project.measures.through.objects.filter(
                mesure__axe__orientation__contract=self
            ).values("project_id")
        )

    def strategy_tree(self):
        """Orientations → axes → measures, each measure with its figures and first projects.

        Three queries whatever the number of projects: measure totals come from aggregates
        and only the first five projects of each measure are fetched.
        """
        orientations = list(
            Orientation.objects.filter(contract=self).order_by("number")
        )
        by_id = {o.pk: o for o in orientations}
        for orientation in orientations:
            orientation.axes_list = []
        measures = (
            Mesure.objects.filter(axe__orientation__contract=self)
            .select_related("axe")
            .annotate(
                project_count=Count("projects", distinct=True),
                financed_amount=Sum("projects__financing_lines__amount"),
            )
            .order_by("axe__number", "number")
            .prefetch_related(
                Prefetch(
                    "projects",
                    queryset=Project.objects.order_by("title", "pk").annotate(
                        financed_amount=Sum("financing_lines__amount")
                    )[:5],
                    to_attr="first_projects",
                )
            )
        )
        axes = {}
        for measure in measures:
            axe = axes.get(measure.axe_id)
            if axe is None:
                axe = axes[measure.axe_id] = measure.axe
                axe.orientation = by_id[axe.orientation_id]
                axe.measures_list = []
                axe.orientation.axes_list.append(axe)
            measure.axe = axe
            axe.measures_list.append(measure)
        return orientations

    @cached_property
    def figures(self):
        return ContractFigures(self)

    def strategy_section(self):
        """The strategy tree and the charts, rendered once per content generation.

        Measure counts, first projects and every total come from aggregate queries over
        all the contract's financing lines; they change only when a page, a project or a
        financing line does, and each such change bumps ``cms.cache.generation()``.
        """
        return per_generation(
            f"contract-strategy-v1:{self.pk}:{self.start_year}-{self.end_year}",
            self.render_strategy_section,
        )

    def render_strategy_section(self):
        orientations = self.strategy_tree()
        axes = [axe for o in orientations for axe in o.axes_list]
        figures = ContractFigures(self, orientations=orientations, axes=axes)
        prefix = reverse("contrats:project_list")
        for orientation in orientations:
            orientation.financed_amount = figures.by_orientation.get(orientation.pk, 0)
        for axe in axes:
            axe.financed_amount = figures.by_axe.get(axe.pk, 0)
            for measure in axe.measures_list:
                for project in measure.first_projects:
                    project.url = f"{prefix}{project.slug}/"
        context = {"orientations": orientations, "figures": figures}
        return {
            "has_tree": bool(orientations),
            "total": figures.total,
            "tree": render_to_string("contrats/includes/contract_tree.html", context),
            "charts": render_to_string(
                "contrats/includes/contract_charts.html", context
            ),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            strategy=self.strategy_section(),
            programmes=(
                self.programmes.filter(versions__status="adopte")
                .distinct()
                .order_by("year")
                if self.kind == self.Kind.CTO
                else []
            ),
        )
        return context
