from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One run of a scheduled job for one slot: the unique (job, slot) row is what makes
    a job run once when the scheduler is started on every node."""

    class Status(models.TextChoices):
        RUNNING = "running", _("En cours")
        SUCCEEDED = "succeeded", _("Réussi")
        FAILED = "failed", _("En échec")

    job = models.CharField(_("tâche"), max_length=100)
    slot = models.DateTimeField(_("échéance"))
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    started_at = models.DateTimeField(_("début"), default=timezone.now)
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    host = models.CharField(_("machine"), max_length=200, blank=True)
    output = models.TextField(_("sortie"), blank=True)

    class Meta:
        verbose_name = _("exécution planifiée")
        verbose_name_plural = _("exécutions planifiées")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="ops_jobrun_once")
        ]
        indexes = [models.Index(fields=["job", "status"])]

    def __str__(self):
        return f"{self.job} — {self.slot:%Y-%m-%d %H:%M}"

    @property
    def duration(self):
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at
