import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)

from aides.models import Funder

from .demarches import DemarcheDocument, DemarcheField


class DemarcheKind(models.TextChoices):
    PRIORITIES = "priorities", _("Priorités pour un Programme Opérationnel")
    FORM = "form", _("Dossier sur formulaire")


COMMUNES = "commune"
# Who may apply: each kind of holder and the démarche's field that opens it to them.
APPLICANT_FIELDS = {
    COMMUNES: "open_to_communes",
    "epci": "open_to_epci",
    "association": "open_to_associations",
    "autre": "open_to_others",
}


class CallForPriorities(ClusterableModel):
    """A démarche: staff open a procedure to the communes and set its form.

    The priority call (kind ``priorities``) keeps its fixed form and feeds a CTO's
    Programme Opérationnel; any other démarche is a form of typed fields built in the
    admin (``form_fields``). The class keeps its first name: tables, URLs and tests
    stay as they were.
    """

    Kind = DemarcheKind

    title = models.CharField(_("titre"), max_length=200)
    kind = models.CharField(
        _("type de démarche"),
        max_length=20,
        choices=DemarcheKind.choices,
        default=DemarcheKind.PRIORITIES,
        help_text=_(
            "Les priorités alimentent le Programme Opérationnel du CTO ; un dossier "
            "sur formulaire pose les champs définis ci-dessous."
        ),
    )
    contract = models.ForeignKey(
        "contrats.ContractPage",
        verbose_name=_("contrat"),
        on_delete=models.PROTECT,
        related_name="calls_for_priorities",
    )
    measure = models.ForeignKey(
        "contrats.Mesure",
        verbose_name=_("mesure de la stratégie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="demarches",
        help_text=_("Facultatif : la mesure du contrat que la démarche met en œuvre."),
    )
    funder = models.CharField(
        _("financeur"),
        max_length=20,
        choices=Funder.choices,
        blank=True,
        help_text=_(
            "Facultatif : le financeur des dossiers retenus, par exemple la Région "
            "pour un contrat Bourg-Centre."
        ),
    )
    year = models.PositiveSmallIntegerField(
        _("année du Programme Opérationnel"),
        null=True,
        blank=True,
        help_text=_("Pour une démarche de priorités seulement."),
    )
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    max_priorities = models.PositiveSmallIntegerField(
        _("nombre maximal de dossiers par porteur"), default=3
    )
    instructions = models.TextField(_("consignes"), blank=True)
    retention_months = models.PositiveSmallIntegerField(
        _("durée de conservation après décision (mois)"),
        default=36,
        help_text=_(
            "Les dossiers décidés et leurs pièces sont supprimés passé ce délai (RGPD)."
        ),
    )
    service_name = models.CharField(
        _("service nommé sur l’accusé de réception"),
        max_length=200,
        blank=True,
        help_text=_("Laissez vide pour le service des paramètres du site."),
    )
    open_to_communes = models.BooleanField(
        _("communes"),
        default=True,
        help_text=_("Sans aucune case cochée, la démarche est ouverte aux communes."),
    )
    open_to_epci = models.BooleanField(_("EPCI"), default=False)
    open_to_associations = models.BooleanField(_("associations"), default=False)
    open_to_others = models.BooleanField(_("autres organisations"), default=False)
    aid_schemes = ParentalManyToManyField(
        "aides.AidScheme",
        verbose_name=_("aides du catalogue"),
        blank=True,
        related_name="demarches",
        help_text=_(
            "Dans « Quelles aides pour mon projet ? », « Déposer le dossier » de ces "
            "aides mène à la page publique de cette démarche."
        ),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("contract"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("measure"), FieldPanel("funder")]),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldRowPanel(
            [
                FieldPanel("open_to_communes"),
                FieldPanel("open_to_epci"),
                FieldPanel("open_to_associations"),
                FieldPanel("open_to_others"),
            ],
            heading=_("Qui peut déposer"),
        ),
        FieldRowPanel([FieldPanel("max_priorities"), FieldPanel("retention_months")]),
        FieldPanel("instructions"),
        FieldPanel("service_name"),
        FieldPanel("aid_schemes", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "documents",
            label=_("pièce"),
            heading=_("Pièces demandées"),
            help_text=_(
                "Le dépôt attend les pièces obligatoires ; les facultatives sont "
                "proposées."
            ),
        ),
        MultiFieldPanel(
            [InlinePanel("form_fields", label=_("champ"))],
            heading=_("Formulaire (dossier sur formulaire)"),
        ),
        InlinePanel("extensions", label=_("prolongations pour une commune")),
    ]

    class Meta:
        verbose_name = _("démarche")
        verbose_name_plural = _("démarches")
        ordering = ["-year", "-opens_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The public page: what a project holder reads before signing in."""
        return reverse("demarches:detail", args=[self.pk])

    def public_state(self, now=None):
        """« upcoming », « open » or « closed » for anyone, extensions aside, and the
        moment it changes (None once closed)."""
        now = now or timezone.now()
        if now < self.opens_at:
            return "upcoming", self.opens_at
        if now < self.closes_at:
            return "open", self.closes_at
        return "closed", None

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("La clôture doit suivre l’ouverture.")}
            )
        if (
            self.measure_id
            and self.contract_id
            and self.measure.axe.orientation.contract_id != self.contract_id
        ):
            raise ValidationError(
                {
                    "measure": _(
                        "Cette mesure n’appartient pas à la stratégie du contrat choisi."
                    )
                }
            )
        if not any(getattr(self, name) for name in APPLICANT_FIELDS.values()):
            # Open to nobody means nothing: the communes, as before organisations.
            self.open_to_communes = True
        if self.kind == DemarcheKind.PRIORITIES:
            if self.accepts_organisations:
                raise ValidationError(
                    {
                        "open_to_communes": _(
                            "Une démarche de priorités est réservée aux communes : "
                            "décochez les EPCI, associations et autres organisations."
                        )
                    }
                )
            if self.year is None:
                raise ValidationError(
                    {"year": _("Indiquez l’année du Programme Opérationnel.")}
                )
            if self.contract_id and self.contract.kind != "CTO":
                raise ValidationError(
                    {
                        "contract": _(
                            "Une démarche de priorités alimente le Programme "
                            "Opérationnel d’un contrat territorial Occitanie (CTO)."
                        )
                    }
                )

    @property
    def accepts_organisations(self):
        return any(
            getattr(self, name)
            for kind, name in APPLICANT_FIELDS.items()
            if kind != COMMUNES
        )

    def is_open_to(self, holder):
        """Whether this kind of holder (a commune, or an organisation) may apply."""
        kind = getattr(holder, "kind", COMMUNES)
        return getattr(self, APPLICANT_FIELDS.get(kind, "open_to_others"))

    def kind_label(self, holder):
        """« associations »: the kind of holder, as the who-may-apply box names it."""
        kind = getattr(holder, "kind", COMMUNES)
        name = APPLICANT_FIELDS.get(kind, "open_to_others")
        return self._meta.get_field(name).verbose_name

    def applicants_display(self):
        """« communes, associations »: who may apply, as staff and members read it."""
        return ", ".join(
            str(self._meta.get_field(name).verbose_name)
            for name in APPLICANT_FIELDS.values()
            if getattr(self, name)
        )

    applicants_display.short_description = _("Qui peut déposer")

    @property
    def feeds_programme(self):
        """Only the priority démarche is compiled into a Programme Opérationnel."""
        return self.kind == DemarcheKind.PRIORITIES

    @property
    def has_typed_form(self):
        return self.kind == DemarcheKind.FORM

    @property
    def required_document_list(self):
        """The names the deposit waits for (``documents`` prefetched costs nothing)."""
        return [document.name for document in self.documents.all() if document.required]

    def document_for(self, kind):
        """The typed piece a dossier's attachment of this kind must be, or None."""
        return next((d for d in self.documents.all() if d.name == kind), None)

    def document_kinds(self):
        """The pieces a dossier can name: the documents asked for, then file fields."""
        kinds = [document.name for document in self.documents.all()]
        if self.has_typed_form:
            kinds += [
                field.label
                for field in self.form_fields.all()
                if field.kind == "file" and field.label not in kinds
            ]
        return kinds

    def new_version(self, now=None):
        """A copy with the same fields and documents, for a form that must lose or change one:
        closed to deposits (dates a year away) until staff set its dates."""
        now = now or timezone.now()
        fields = list(self.form_fields.all())
        documents = list(self.documents.all())
        copy = CallForPriorities(
            title=str(_("%(title)s — nouvelle version") % {"title": self.title})[:200],
            opens_at=now + datetime.timedelta(days=365),
            closes_at=now + datetime.timedelta(days=366),
            **{
                name: getattr(self, name)
                for name in (
                    "kind",
                    "contract_id",
                    "measure_id",
                    "funder",
                    "year",
                    "max_priorities",
                    "instructions",
                    "retention_months",
                    "service_name",
                    *APPLICANT_FIELDS.values(),
                )
            },
        )
        with transaction.atomic():
            copy.save()
            DemarcheField.objects.bulk_create(
                DemarcheField(
                    call=copy,
                    **{
                        name: getattr(field, name)
                        for name in (
                            "sort_order",
                            "label",
                            "kind",
                            "key",
                            "help_text",
                            "required",
                            "choices",
                        )
                    },
                )
                for field in fields
            )
            DemarcheDocument.objects.bulk_create(
                DemarcheDocument(
                    call=copy,
                    sort_order=document.sort_order,
                    name=document.name,
                    allowed_types=list(document.allowed_types),
                    required=document.required,
                )
                for document in documents
            )
        return copy

    @classmethod
    def load_extensions(cls, calls):
        """Give each call its extensions with one plain query (no per-call prefetch).

        ``deadline_for`` then answers from memory; cheaper than ``prefetch_related``.
        """
        by_call = {call.pk: {} for call in calls}
        if by_call:
            rows = DeadlineExtension.objects.filter(call_id__in=by_call).values_list(
                "call_id", "commune_id", "closes_at"
            )
            for call_id, commune_id, closes_at in rows:
                by_call[call_id][commune_id] = closes_at
        for call in calls:
            call._extension_cache = by_call[call.pk]
        return calls

    def deadline_for(self, commune):
        """The closing time for one commune, extension included."""
        extensions = getattr(self, "_extension_cache", None)
        if extensions is None:
            extensions = {e.commune_id: e.closes_at for e in self.extensions.all()}
            self._extension_cache = extensions
        commune_id = getattr(commune, "pk", commune)
        return max(self.closes_at, extensions.get(commune_id, self.closes_at))

    def is_open_for(self, commune, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.deadline_for(commune)

    def has_started(self, now=None):
        return self.opens_at <= (now or timezone.now())


class DeadlineExtension(models.Model):
    """A later closing time granted to one commune."""

    call = ParentalKey(
        CallForPriorities,
        verbose_name=_("appel"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    commune = models.ForeignKey(
        "contrats.Commune", verbose_name=_("commune"), on_delete=models.CASCADE
    )
    closes_at = models.DateTimeField(_("nouvelle clôture"))
    reason = models.CharField(_("motif"), max_length=255, blank=True)

    panels = [FieldPanel("commune"), FieldPanel("closes_at"), FieldPanel("reason")]

    class Meta:
        verbose_name = _("prolongation de délai")
        verbose_name_plural = _("prolongations de délai")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "commune"], name="mayors_one_extension_per_commune"
            )
        ]

    def __str__(self):
        return f"{self.commune} — {self.call}"

    def clean(self):
        if self.call_id and self.closes_at and self.closes_at <= self.call.closes_at:
            raise ValidationError(
                {"closes_at": _("La prolongation doit dépasser la clôture de l’appel.")}
            )
