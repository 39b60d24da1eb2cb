import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _


class EpciQuerySet(models.QuerySet):
    def petr_members(self):
        return self.filter(is_petr_member=True)


class Epci(models.Model):
    """A communauté de communes or d'agglomération; the PETR's perimeter is a set of EPCI."""

    class Nature(models.TextChoices):
        CC = "CC", _("Communauté de communes")
        CA = "CA", _("Communauté d’agglomération")

    siren = models.CharField(_("SIREN"), max_length=9, unique=True)
    name = models.CharField(_("nom"), max_length=150)
    nature = models.CharField(_("nature"), max_length=2, choices=Nature.choices)
    is_petr_member = models.BooleanField(
        _("membre du PETR"),
        default=False,
        help_text=_("Cochez les EPCI qui forment le périmètre du PETR Grand Quercy."),
    )
    geometry = models.JSONField(
        _("contour (GeoJSON)"), null=True, blank=True, editable=False
    )

    objects = EpciQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("EPCI")
        verbose_name_plural = _("EPCI")

    def __str__(self):
        return self.name


def fold(text):
    """Lower case, without accents, words separated by single spaces: "Saint-Céré" →
    "saint cere". Communes sort and are searched on it."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


class CommuneQuerySet(models.QuerySet):
    def in_petr(self):
        return self.filter(epci__is_petr_member=True)


class Commune(models.Model):
    """A commune of the Lot, shared vocabulary for contracts, consultations and the intranet."""

    insee_code = models.CharField(_("code INSEE"), max_length=5, unique=True)
    name = models.CharField(_("nom"), max_length=150)
    epci = models.ForeignKey(
        Epci, verbose_name=_("EPCI"), on_delete=models.PROTECT, related_name="communes"
    )
    population = models.PositiveIntegerField(_("population municipale"), default=0)
    latitude = models.FloatField(_("latitude du centre"), null=True, blank=True)
    longitude = models.FloatField(_("longitude du centre"), null=True, blank=True)
    geometry = models.JSONField(
        _("contour (GeoJSON)"), null=True, blank=True, editable=False
    )
    # The name without accents, case or hyphens: communes sort as a French reader
    # expects (« Bélaye » before « Bouziès »), on PostgreSQL as on SQLite.
    sort_name = models.CharField(
        _("nom pour le tri"), max_length=150, editable=False, default="", db_index=True
    )

    objects = CommuneQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = fold(self.name)
        if (
            kwargs.get("update_fields") is not None
            and "name" in kwargs["update_fields"]
        ):
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_name"}
        super().save(*args, **kwargs)

    def contains_point(self, longitude, latitude):
        """Ray casting on the outer ring: enough to keep a map point inside its commune."""
        if not self.geometry:
            return True
        ring = self.geometry["coordinates"][0]
        inside = False
        j = len(ring) - 1
        for i, (xi, yi) in enumerate(ring):
            xj, yj = ring[j]
            if (yi > latitude) != (yj > latitude) and longitude < (xj - xi) * (
                latitude - yi
            ) / (yj - yi) + xi:
                inside = not inside
            j = i
        return inside
