from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class NoticeBannerQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=now),
            Q(ends_at__isnull=True) | Q(ends_at__gt=now),
        ).order_by("-level", "-pk")


class NoticeBanner(models.Model):
    """A site-wide message (works, closure, alert) shown on every page between two dates."""

    class Level(models.TextChoices):
        INFO = "info", _("Information")
        WARNING = "warning", _("Alerte")

    text = models.CharField(_("message"), max_length=300)
    level = models.CharField(
        _("niveau"), max_length=10, choices=Level.choices, default=Level.INFO
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page « en savoir plus »"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("afficher à partir du"), null=True, blank=True)
    ends_at = models.DateTimeField(_("afficher jusqu’au"), null=True, blank=True)

    objects = NoticeBannerQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldPanel("level"),
        FieldPanel("link_page"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    ]

    class Meta:
        verbose_name = _("bandeau d’information")
        verbose_name_plural = _("bandeaux d’information")

    def __str__(self):
        return self.text

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("La date de fin doit suivre la date de début.")}
            )
