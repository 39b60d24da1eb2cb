from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel


class CallForPriorities(ClusterableModel):
    """Staff ask the communes for their priorities for one year's Programme Opérationnel."""

    title = models.CharField(_("titre"), max_length=200)
    contract = models.ForeignKey(
        "contrats.ContractPage",
        verbose_name=_("contrat territorial Occitanie"),
        on_delete=models.PROTECT,
        related_name="calls_for_priorities",
        limit_choices_to={"kind": "CTO"},
    )
    year = models.PositiveSmallIntegerField(_("année du Programme Opérationnel"))
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    max_priorities = models.PositiveSmallIntegerField(
        _("nombre maximal de priorités par commune"), default=3
    )
    instructions = models.TextField(_("consignes"), blank=True)
    required_documents = models.TextField(
        _("pièces obligatoires"),
        blank=True,
        help_text=_("Une pièce par ligne, par exemple « Délibération du conseil »."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("durée de conservation après décision (mois)"),
        default=36,
        help_text=_(
            "Les dossiers décidés et leurs pièces sont supprimés passé ce délai (RGPD)."
        ),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("contract"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldRowPanel([FieldPanel("max_priorities"), FieldPanel("retention_months")]),
        FieldPanel("instructions"),
        FieldPanel("required_documents"),
        InlinePanel("extensions", label=_("prolongations pour une commune")),
    ]

    class Meta:
        verbose_name = _("appel à priorités")
        verbose_name_plural = _("appels à priorités")
        ordering = ["-year", "-opens_at"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("La clôture doit suivre l’ouverture.")}
            )

    @property
    def required_document_list(self):
        return [
            line.strip()
            for line in self.required_documents.splitlines()
            if line.strip()
        ]

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
