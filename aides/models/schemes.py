"""The catalogue of aid schemes the pôle keeps."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from ..fields import ChoiceListField


class Carrier(models.TextChoices):
    """Who carries a project: the same four kinds as a project of the contracts."""

    COMMUNE = "commune", _("Commune")
    EPCI = "epci", _("EPCI")
    ASSOCIATION = "association", _("Association")
    AUTRE = "autre", _("Autre organisme")


class Funder(models.TextChoices):
    ETAT = "etat", _("État")
    REGION = "region", _("Région Occitanie")
    DEPARTEMENT = "departement", _("Département du Lot")
    EUROPE = "europe", _("Union européenne")
    ARS = "ars", _("Agence régionale de santé")
    ADEME = "ademe", _("ADEME")
    AUTRE_PUBLIC = "autre_public", _("Autre financeur public")
    PRIVE = "prive", _("Financeur privé (fondation, mécénat…)")


#: Whose money counts as public funding in the 20 % rule: all but private funders.
PUBLIC_FUNDERS = frozenset(Funder.values) - {Funder.PRIVE}


class Theme(models.TextChoices):
    AMENAGEMENT = "amenagement", _("Centres-bourgs, espaces publics et commerces")
    BATIMENTS = "batiments", _("Bâtiments publics et rénovation énergétique")
    ENERGIE = "energie", _("Énergies renouvelables et chaleur")
    EAU = "eau", _("Eau, assainissement et rivières")
    MOBILITE = "mobilite", _("Mobilités, voirie et voies vertes")
    SANTE = "sante", _("Santé et accès aux soins")
    SERVICES = "services", _("Services à la population, enfance et jeunesse")
    CULTURE = "culture", _("Culture, patrimoine et tourisme")
    ECONOMIE = "economie", _("Économie, agriculture et forêt")
    NATURE = "nature", _("Biodiversité, paysages et déchets")
    NUMERIQUE = "numerique", _("Numérique")
    SPORT = "sport", _("Sport et loisirs")


def validate_procedure_url(value):
    """A path on this site (« /espace-elus/ ») or a web address."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(
        schemes=["http", "https"],
        message=_("Saisissez une adresse de ce site (« /… ») ou une adresse https://…"),
    )(value)


class AidSchemeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open_on(self, day):
        return self.filter(
            Q(opens_on__isnull=True) | Q(opens_on__lte=day),
            Q(closes_on__isnull=True) | Q(closes_on__gte=day),
        )

    def for_carrier(self, carrier):
        return self.filter(applicants__contains=ChoiceListField.token(carrier))

    def about(self, themes):
        """Schemes for one of ``themes``, and those open to every theme (none ticked)."""
        wanted = Q(themes="")
        for theme in themes:
            wanted |= Q(themes__contains=ChoiceListField.token(theme))
        return self.filter(wanted)

    def in_commune(self, commune):
        """Schemes of the whole territory, and those limited to ``commune``'s."""
        limited = AidScheme.communes.through.objects.filter(aidscheme=OuterRef("pk"))
        return self.filter(~Exists(limited) | Exists(limited.filter(commune=commune)))

    def with_procedures(self):
        """Each scheme's démarches of this site, latest first, for ``procedure_link``.

        The démarche names the schemes it serves (``related_name="demarches"``): aides
        reads the relation and never imports the intranet's code."""
        demarche = self.model._meta.get_field("demarches").related_model
        return self.prefetch_related(
            Prefetch(
                "demarches",
                queryset=demarche.objects.only("pk").order_by("-opens_at", "-pk"),
            )
        )

    def for_cost(self, cost):
        return self.filter(
            Q(min_eligible_cost__isnull=True) | Q(min_eligible_cost__lte=cost)
        )


class AidScheme(models.Model):
    """A funder's scheme a project holder may apply to: who, for what, how much, when."""

    name = models.CharField(_("nom"), max_length=200)
    programme = models.CharField(
        _("dispositif"),
        max_length=60,
        blank=True,
        help_text=_("Sigle ou nom court : DETR, DSIL, Fonds vert, LEADER…"),
    )
    funder = models.CharField(_("financeur"), max_length=20, choices=Funder.choices)
    funder_name = models.CharField(
        _("nom du financeur"),
        max_length=150,
        blank=True,
        help_text=_("Quand il faut préciser : Agence de l’eau Adour-Garonne, GAL…"),
    )
    applicants = ChoiceListField(
        _("porteurs éligibles"), item_choices=Carrier.choices, blank=False
    )
    themes = ChoiceListField(
        _("thèmes"),
        item_choices=Theme.choices,
        help_text=_("Aucun thème coché : le dispositif est ouvert à tous les thèmes."),
    )
    measures = models.ManyToManyField(
        "contrats.Mesure",
        verbose_name=_("mesures de la stratégie"),
        blank=True,
        related_name="aid_schemes",
    )
    communes = models.ManyToManyField(
        "contrats.Commune",
        verbose_name=_("communes éligibles"),
        blank=True,
        related_name="aid_schemes",
        help_text=_("Aucune commune choisie : tout le territoire est éligible."),
    )
    max_rate = models.DecimalField(
        _("taux maximal (%)"), max_digits=5, decimal_places=2
    )
    ceiling = models.DecimalField(
        _("plafond de l’aide (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    min_eligible_cost = models.DecimalField(
        _("dépense éligible minimale (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    opens_on = models.DateField(_("ouverture"), null=True, blank=True)
    closes_on = models.DateField(_("clôture"), null=True, blank=True)
    is_rolling = models.BooleanField(
        _("au fil de l’eau"),
        default=False,
        help_text=_("Les dossiers sont reçus à tout moment, sans date limite."),
    )
    procedure_url = models.CharField(
        _("démarche en ligne"),
        max_length=500,
        blank=True,
        validators=[validate_procedure_url],
        help_text=_(
            "Où déposer le dossier : une adresse de ce site commençant par « / » "
            "(par exemple /espace-elus/) ou une adresse complète https://…"
        ),
    )
    funder_url = models.URLField(_("page du financeur"), blank=True)
    contact = models.CharField(
        _("contact"),
        max_length=255,
        blank=True,
        help_text=_("Service à joindre (nom du service, téléphone)."),
    )
    contact_email = models.EmailField(_("adresse électronique du contact"), blank=True)
    description = models.TextField(_("description"))
    is_published = models.BooleanField(_("publié"), default=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = AidSchemeQuerySet.as_manager()

    class Meta:
        ordering = ["funder", "name"]
        verbose_name = _("dispositif d’aide")
        verbose_name_plural = _("dispositifs d’aide")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.max_rate is not None and not 0 < self.max_rate <= 100:
            errors["max_rate"] = _("Le taux doit être compris entre 0 et 100 %.")
        for field in ("ceiling", "min_eligible_cost"):
            value = getattr(self, field)
            if value is not None and value <= 0:
                errors[field] = _("Le montant doit être supérieur à 0 €.")
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("La clôture doit suivre l’ouverture.")
        if not self.is_rolling and not self.closes_on:
            errors["closes_on"] = _(
                "Indiquez la date de clôture, ou cochez « au fil de l’eau »."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def procedure_link(self):
        """Where « Déposer le dossier » leads: a démarche of this site serving the
        scheme wins over the procedure URL (``with_procedures`` prefetches them)."""
        demarche = next(iter(self.demarches.all()), None)
        return demarche.get_absolute_url() if demarche else self.procedure_url

    @property
    def is_public(self):
        return self.funder in PUBLIC_FUNDERS

    @property
    def funder_label(self):
        return self.funder_name or self.get_funder_display()

    @property
    def applicant_labels(self):
        return self._meta.get_field("applicants").labels(self.applicants)

    @property
    def theme_labels(self):
        return self._meta.get_field("themes").labels(self.themes)

    @property
    def commune_codes(self):
        """The eligible communes' INSEE codes (prefetch ``communes`` in lists)."""
        return [commune.insee_code for commune in self.communes.all()]

    def is_open_on(self, day):
        return (self.opens_on is None or self.opens_on <= day) and (
            self.closes_on is None or day <= self.closes_on
        )
