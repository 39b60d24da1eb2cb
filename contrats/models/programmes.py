"""Programmes Opérationnels of the Contrat territorial Occitanie: yearly, versioned, frozen once adopted."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, OuterRef, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .. import signals

FROZEN_MESSAGE = _("Cette version est adoptée : elle ne peut plus être modifiée.")


class ProgrammeOperationnel(models.Model):
    """The projects the Région funds through a CTO in a given year."""

    contract = models.ForeignKey(
        "contrats.ContractPage",
        verbose_name=_("contrat territorial Occitanie"),
        on_delete=models.PROTECT,
        related_name="programmes",
        limit_choices_to={"kind": "CTO"},
    )
    year = models.PositiveSmallIntegerField(_("année"))

    class Meta:
        ordering = ["contract", "year"]
        verbose_name = _("Programme Opérationnel")
        verbose_name_plural = _("Programmes Opérationnels")
        unique_together = [("contract", "year")]

    def __str__(self):
        return _("Programme Opérationnel %(year)s — %(contract)s") % {
            "year": self.year,
            "contract": self.contract.short_name,
        }

    def get_absolute_url(self):
        return reverse(
            "contrats:programme_detail",
            kwargs={"contract": self.contract.slug, "year": self.year},
        )

    def clean(self):
        if self.contract_id and self.contract.kind != "CTO":
            raise ValidationError(
                {
                    "contract": _(
                        "Un Programme Opérationnel se rattache à un Contrat territorial Occitanie."
                    )
                }
            )

    def adopted_version(self):
        return (
            self.versions.filter(status=POVersion.Status.ADOPTE)
            .order_by("-number")
            .first()
        )

    def draft_version(self):
        """The version being prepared: the open draft, else a new one (an avenant after an adoption)."""
        draft = self.versions.filter(status=POVersion.Status.BROUILLON).first()
        return draft or POVersion.objects.create(po=self)


class POVersionQuerySet(models.QuerySet):
    def current_adopted(self):
        """The latest adopted version of each programme."""
        latest = (
            POVersion.objects.filter(po=OuterRef("po"), status=POVersion.Status.ADOPTE)
            .order_by("-number")
            .values("pk")[:1]
        )
        return self.filter(status=POVersion.Status.ADOPTE, pk=Subquery(latest))


class POVersion(ClusterableModel):
    """One state of a programme: the initial adoption, then each avenant."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Adoption initiale")
        AVENANT = "avenant", _("Avenant")

    class Status(models.TextChoices):
        BROUILLON = "brouillon", _("Brouillon")
        ADOPTE = "adopte", _("Adopté")

    po = models.ForeignKey(
        ProgrammeOperationnel,
        verbose_name=_("Programme Opérationnel"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(
        _("numéro de version"), null=True, editable=False
    )
    kind = models.CharField(
        _("nature"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.INITIAL,
        editable=False,
    )
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.BROUILLON
    )
    adopted_on = models.DateField(_("adopté le"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = POVersionQuerySet.as_manager()

    class Meta:
        ordering = ["po", "number"]
        verbose_name = _("version de Programme Opérationnel")
        verbose_name_plural = _("versions de Programme Opérationnel")
        unique_together = [("po", "number")]

    def __str__(self):
        return f"{self.po} — {self.label}"

    @property
    def label(self):
        if self.kind == self.Kind.INITIAL:
            return _("version %(n)s (adoption initiale)") % {"n": self.number}
        return _("version %(n)s (avenant)") % {"n": self.number}

    @property
    def is_frozen(self):
        """Frozen as stored: an adopted version never changes again."""
        if not self.pk:
            return False
        return POVersion.objects.filter(pk=self.pk, status=self.Status.ADOPTE).exists()

    def add_project(self, project, amount, note=""):
        """Put a project in this draft with the Région's amount; calling it again updates it."""
        if self.is_frozen:
            raise ValidationError(FROZEN_MESSAGE)
        entry, _created = POEntry.objects.update_or_create(
            version=self,
            project=project,
            defaults={"region_amount": amount, "note": note},
        )
        return entry

    def remove_project(self, project):
        if self.is_frozen:
            raise ValidationError(FROZEN_MESSAGE)
        POEntry.objects.filter(version=self, project=project).delete()

    def adopt(self, on=None):
        if self.is_frozen:
            return
        if not self.entries.exists():
            raise ValidationError(
                _("Une version sans projet ne peut pas être adoptée.")
            )
        self.status = self.Status.ADOPTE
        self.adopted_on = on or self.adopted_on
        self.save()

    def clean(self):
        if self.is_frozen:
            raise ValidationError(FROZEN_MESSAGE)
        if (
            not self.pk
            and self.po_id
            and self.po.versions.filter(status=self.Status.BROUILLON).exists()
        ):
            raise ValidationError(
                _(
                    "Une version en brouillon existe déjà pour ce programme : complétez-la plutôt que d’en créer une autre."
                )
            )

    def save(self, *args, **kwargs):
        """Number new versions, start avenants from the last adoption, adopt after the entries."""
        if self.is_frozen:
            raise ValidationError(FROZEN_MESSAGE)
        with transaction.atomic():
            created = self.pk is None
            if created:
                adopted = self.po.adopted_version()
                self.number = (
                    self.po.versions.aggregate(n=Max("number"))["n"] or 0
                ) + 1
                self.kind = self.Kind.AVENANT if adopted else self.Kind.INITIAL
            adopting = self.status == self.Status.ADOPTE
            if adopting:
                self.status = self.Status.BROUILLON
            super().save(*args, **kwargs)
            if created and adopted is not None and not self.entries.exists():
                POEntry.objects.bulk_create(
                    POEntry(
                        version=self,
                        project_id=entry.project_id,
                        region_amount=entry.region_amount,
                        note=entry.note,
                    )
                    for entry in adopted.entries.all()
                )
            if adopting:
                self.status = self.Status.ADOPTE
                self.adopted_on = self.adopted_on or timezone.localdate()
                POVersion.objects.filter(pk=self.pk).update(
                    status=self.status, adopted_on=self.adopted_on
                )
                # Once: a frozen version is never saved again (see above).
                signals.send_on_commit(
                    signals.po_version_adopted, POVersion, version=self
                )

    def delete(self, *args, **kwargs):
        if self.is_frozen:
            raise ValidationError(FROZEN_MESSAGE)
        return super().delete(*args, **kwargs)

    def previous(self):
        return (
            POVersion.objects.filter(
                po_id=self.po_id, number__lt=self.number, status=self.Status.ADOPTE
            )
            .order_by("-number")
            .first()
        )

    def total(self):
        return self.entries.aggregate(total=Sum("region_amount"))["total"] or 0


def diff_entries(before, after):
    """What changed between two lists of entries: added, changed and removed projects."""
    old = {entry.project_id: entry for entry in before}
    new = {entry.project_id: entry for entry in after}
    added = [new[pk] for pk in new if pk not in old]
    removed = [old[pk] for pk in old if pk not in new]
    changed = [
        (old[pk], new[pk])
        for pk in new
        if pk in old and old[pk].region_amount != new[pk].region_amount
    ]
    return {"added": added, "changed": changed, "removed": removed}


class POEntry(models.Model):
    version = ParentalKey(
        POVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    project = models.ForeignKey(
        "contrats.Project",
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="po_entries",
    )
    region_amount = models.DecimalField(
        _("montant Région (€)"), max_digits=14, decimal_places=2
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["project__title"]
        verbose_name = _("projet du Programme Opérationnel")
        verbose_name_plural = _("projets du Programme Opérationnel")
        unique_together = [("version", "project")]

    def __str__(self):
        return str(self.project)

    def save(self, *args, **kwargs):
        if self.version_id and self.version.is_frozen:
            raise ValidationError(FROZEN_MESSAGE)
        super().save(*args, **kwargs)

    def clean(self):
        if self.region_amount is not None and self.region_amount <= 0:
            raise ValidationError(
                {"region_amount": _("Le montant doit être supérieur à 0 €.")}
            )
        if self.version_id and self.version.is_frozen:
            raise ValidationError(FROZEN_MESSAGE)

    def delete(self, *args, **kwargs):
        if self.version_id and self.version.is_frozen:
            raise ValidationError(FROZEN_MESSAGE)
        return super().delete(*args, **kwargs)
