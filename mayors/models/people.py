from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MAIRE = "maire", _("Maire")
    ADJOINT = "adjoint", _("Adjoint·e au maire")
    SECRETAIRE = "secretaire", _("Secrétaire de mairie")
    REFERENT_EPCI = "referent_epci", _("Référent·e EPCI")
    REPRESENTANT = "representant", _("Président·e ou représentant·e légal·e")
    MEMBRE = "membre", _("Membre de l’organisation")


# The roles of an organisation's members; the others belong to a commune or an EPCI.
ORGANISATION_ROLES = (Role.REPRESENTANT, Role.MEMBRE)


class ElectedOfficialQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)

    def mayors(self):
        return self.active().filter(role=Role.MAIRE)


class ElectedOfficial(models.Model):
    """A person invited into the intranet for one commune, one EPCI or one
    organisation (association…), with a role.

    Only an active membership opens /espace-elus/; a resident's account has none.
    Organisations came later: the communes' memberships were carried over as they
    were (commune set, organisation empty), so a commune's people stay its members.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    commune = models.ForeignKey(
        "contrats.Commune",
        verbose_name=_("commune"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="officials",
    )
    epci = models.ForeignKey(
        "contrats.Epci",
        verbose_name=_("EPCI"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="officials",
    )
    organisation = models.ForeignKey(
        "mayors.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="members",
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    can_submit = models.BooleanField(
        _("peut déposer"),
        default=False,
        help_text=_(
            "Cochez pour l’adjoint·e que le ou la maire désigne pour déposer les "
            "dossiers de la commune, ou pour le membre d’une organisation qui "
            "dépose à la place de son ou sa représentant·e légal·e."
        ),
    )
    is_active = models.BooleanField(_("actif"), default=True)
    invited_at = models.DateTimeField(_("invité·e le"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invité·e par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ElectedOfficialQuerySet.as_manager()

    class Meta:
        verbose_name = _("élu·e ou agent·e invité·e")
        verbose_name_plural = _("élu·es et agent·es invité·es")
        ordering = ["commune__name", "epci__name", "organisation__name", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commune__isnull=False)
                | Q(epci__isnull=False)
                | Q(organisation__isnull=False),
                name="mayors_official_has_collectivity",
            ),
            models.UniqueConstraint(
                fields=["user", "commune"],
                condition=Q(commune__isnull=False),
                name="mayors_official_unique_commune",
            ),
            models.UniqueConstraint(
                fields=["user", "epci"],
                condition=Q(epci__isnull=False),
                name="mayors_official_unique_epci",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(organisation__isnull=False),
                name="mayors_official_unique_organisation",
            ),
            # One mayor per commune: two could overwrite each other's Conférence vote.
            models.UniqueConstraint(
                fields=["commune"],
                condition=Q(role="maire", is_active=True, commune__isnull=False),
                name="mayors_one_active_mayor_per_commune",
                violation_error_message=_("Cette commune a déjà un·e maire."),
            ),
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.email} — {self.get_role_display()}, {self.collectivity}"

    @property
    def collectivity(self):
        return self.commune or self.epci or self.organisation

    @property
    def may_submit(self):
        """The mayor (or an organisation's legal representative) submits; an
        adjoint·e or a member only when designated."""
        return self.role in (Role.MAIRE, Role.REPRESENTANT) or (
            self.role in (Role.ADJOINT, Role.MEMBRE) and self.can_submit
        )
