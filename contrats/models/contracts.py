"""Contract pages (CRTE, CTO, Bourgs-Centres…), their governance and their computed figures."""

from django import forms
from django.db import models
from django.db.models import Count, Prefetch, Sum
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms import images
from cms.models import BasePage

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


class ContractsIndexPage(BasePage):
    """The list of contracts: status, period, partners and committed amounts."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("contenu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
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
        from ..figures import committed_by_contract

        context = super().get_context(request, *args, **kwargs)
        contracts = list(self.contracts().prefetch_related("partner_links"))
        committed = committed_by_contract([c.pk for c in contracts])
        for contract in contracts:
            contract.committed_amount = committed.get(contract.pk, 0)
        context["contracts"] = contracts
        return context


class ContractPage(BasePage):
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
        InlinePanel("partner_links", label=_("Partenaires")),
        FieldPanel("body"),
        InlinePanel("documents", label=_("Documents")),
    ]
    strategy_panels = [
        InlinePanel(
            "orientations",
            label=_("Orientations"),
            help_text=_("Orientation → axes → mesures, numérotés 1, 1.2, 1.2.3."),
        ),
    ]
    governance_panels = [
        InlinePanel("committee_members", label=_("Comité de pilotage")),
        InlinePanel("meetings", label=_("Réunions")),
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
        from .projects import Project

        return Project.objects.filter(
            pk__in=Project.measures.through.objects.filter(
                mesure__axe__orientation__contract=self
            ).values("project_id")
        )

    def strategy_tree(self):
        """Orientations with axes and measures, each measure annotated with its figures.

        A fixed number of queries whatever the number of projects: measure totals come from
        aggregates and only the first projects of each measure are fetched.
        """
        from .projects import Project
        from .strategy import Axe, Mesure, Orientation

        measures = Mesure.objects.annotate(
            project_count=Count("projects", distinct=True),
            financed_amount=Sum("projects__financing_lines__amount"),
        ).prefetch_related(
            Prefetch(
                "projects",
                queryset=Project.objects.order_by("title").annotate(
                    financed_amount=Sum("financing_lines__amount")
                )[:5],
                to_attr="first_projects",
            )
        )
        return Orientation.objects.filter(contract=self).prefetch_related(
            Prefetch(
                "axes",
                queryset=Axe.objects.order_by("number").prefetch_related(
                    Prefetch("measures", queryset=measures.order_by("number"))
                ),
            )
        )

    @cached_property
    def figures(self):
        from ..figures import ContractFigures

        return ContractFigures(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        orientations = list(self.strategy_tree())
        figures = self.figures
        for orientation in orientations:
            orientation.financed_amount = figures.by_orientation.get(orientation.pk, 0)
            for axe in orientation.axes.all():
                axe.orientation = orientation
                axe.financed_amount = figures.by_axe.get(axe.pk, 0)
                for measure in axe.measures.all():
                    measure.axe = axe
        context.update(
            orientations=orientations,
            figures=figures,
            partners=self.partner_links.all(),
            documents=self.documents.select_related("document"),
            committee_members=self.committee_members.all(),
            meetings=self.meetings.select_related("minutes"),
            programmes=self.programmes.order_by("year"),
        )
        return context


class ContractPartner(Orderable):
    page = ParentalKey(
        ContractPage, on_delete=models.CASCADE, related_name="partner_links"
    )
    name = models.CharField(_("partenaire"), max_length=150)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")

    def __str__(self):
        return self.name


class ContractDocument(Orderable):
    page = ParentalKey(ContractPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("intitulé"),
        max_length=255,
        blank=True,
        help_text=_("Laissez vide pour reprendre le titre du document."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    @property
    def label(self):
        return self.title or self.document.title


class SteeringCommitteeMember(Orderable):
    page = ParentalKey(
        ContractPage, on_delete=models.CASCADE, related_name="committee_members"
    )
    name = models.CharField(_("nom"), max_length=150)
    institution = models.CharField(_("institution"), max_length=150)
    role = models.CharField(_("rôle"), max_length=150, blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("name"), FieldPanel("institution"), FieldPanel("role")]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("membre du comité de pilotage")
        verbose_name_plural = _("membres du comité de pilotage")

    def __str__(self):
        return self.name


class SteeringMeeting(Orderable):
    page = ParentalKey(ContractPage, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    agenda = models.TextField(_("ordre du jour"))
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("compte rendu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("date"), FieldPanel("agenda"), FieldPanel("minutes")]

    class Meta(Orderable.Meta):
        verbose_name = _("réunion du comité de pilotage")
        verbose_name_plural = _("réunions du comité de pilotage")

    def __str__(self):
        return str(self.date)
