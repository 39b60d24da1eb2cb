"""Projects (actions) funded through the contracts, and their financing lines."""

from decimal import Decimal

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.db.models import Exists, OuterRef, Sum
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index
from wagtailgeowidget.helpers import geosgeometry_str_to_struct

from .. import signals
from .programmes import POEntry, POVersion


def format_euros(amount):
    return f"{amount:,.0f}".replace(",", "\u202f") + "\u00a0€"


SEARCH_CONFIG = "french"


class ProjectQuerySet(models.QuerySet):
    def matching(self, text):
        """Projects matching keywords, with a ``keyword_rank`` alias (higher is better).

        PostgreSQL: French full text (stemming, stop words, "quoted phrases", -exclusion)
        on ``search_document``, which a database trigger keeps up to date (migration
        0009: every insert and update, bulk ones included) and a GIN index serves.
        Other databases: every word in the title, the summary or the holder, no rank.
        """
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank

            query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
            return self.filter(search_document=query).alias(
                keyword_rank=SearchRank(models.F("search_document"), query)
            )
        queryset = self
        for word in text.split():
            queryset = queryset.filter(
                models.Q(title__icontains=word)
                | models.Q(summary__icontains=word)
                | models.Q(holder_name__icontains=word)
            )
        return queryset

    def with_financing(self):
        return self.annotate(financed_amount=Sum("financing_lines__amount"))

    def located(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def in_contract(self, contract):
        through = Project.measures.through
        return self.filter(
            pk__in=through.objects.filter(
                mesure__axe__orientation__contract=contract
            ).values("project_id")
        )


class Project(index.Indexed, ClusterableModel):
    """An action of a contract: who carries it, where, for which measures and how it is funded."""

    class HolderKind(models.TextChoices):
        COMMUNE = "commune", _("Commune")
        EPCI = "epci", _("EPCI")
        ASSOCIATION = "association", _("Association")
        AUTRE = "autre", _("Autre")

    class Status(models.TextChoices):
        IDEE = "idee", _("Idée")
        PREPARATION = "preparation", _("En préparation")
        ENGAGE = "engage", _("Engagé")
        REALISE = "realise", _("Réalisé")
        ABANDONNE = "abandonne", _("Abandonné")

    title = models.CharField(_("intitulé"), max_length=255)
    slug = models.SlugField(_("identifiant d’URL"), max_length=255, unique=True)
    summary = models.TextField(_("résumé"))
    holder_kind = models.CharField(
        _("type de porteur"), max_length=20, choices=HolderKind.choices
    )
    holder_name = models.CharField(_("porteur"), max_length=255)
    communes = ParentalManyToManyField(
        "contrats.Commune",
        verbose_name=_("communes concernées"),
        blank=True,
        limit_choices_to={"epci__is_petr_member": True},
        related_name="projects",
    )
    location = models.CharField(
        _("localisation"),
        max_length=250,
        blank=True,
        help_text=_(
            "Déplacez le repère ou cliquez sur la carte pour situer le projet."
        ),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True, editable=False)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, editable=False)
    measures = ParentalManyToManyField(
        "contrats.Mesure",
        verbose_name=_("mesures"),
        blank=True,
        related_name="projects",
    )
    total_cost = models.DecimalField(
        _("coût total (€)"), max_digits=14, decimal_places=2
    )
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.IDEE
    )
    start_year = models.PositiveSmallIntegerField(_("année de début"))
    end_year = models.PositiveSmallIntegerField(
        _("année de fin"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Written by a PostgreSQL trigger (title A, summary B, holder C); empty elsewhere.
    search_document = SearchVectorField(null=True, editable=False)

    objects = ProjectQuerySet.as_manager()

    #: Who is saving (the admin sets it): recorded with a status change.
    status_changed_by = None

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.SearchField("holder_name"),
        index.AutocompleteField("title"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("projet")
        verbose_name_plural = _("projets")
        indexes = [
            # the explorer's order: a far page walks the index instead of sorting
            models.Index(fields=["title", "id"], name="contrats_project_title_id"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("contrats:project_detail", kwargs={"slug": self.slug})

    @property
    def years(self):
        if self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}–{self.end_year}"
        return str(self.start_year)

    def clean(self):
        errors = {}
        if self.total_cost is not None and self.total_cost <= 0:
            errors["total_cost"] = _("Le coût total doit être supérieur à 0 €.")
        if self.end_year and self.start_year and self.end_year < self.start_year:
            errors["end_year"] = _(
                "L’année de fin ne peut pas précéder l’année de début."
            )
        if self.location and not geosgeometry_str_to_struct(self.location):
            errors["location"] = _(
                "Localisation illisible : placez le repère sur la carte."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        """Also writes the status history: a first status, then each change."""
        if not self.slug:
            self.slug = self.unique_slug()
        point = geosgeometry_str_to_struct(self.location) if self.location else None
        if point:
            self.longitude, self.latitude = float(point["x"]), float(point["y"])
        else:
            self.longitude = self.latitude = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" not in update_fields:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            adding = self._state.adding
            previous = None if adding else self.stored_status()
            super().save(*args, **kwargs)
            if previous is None or previous != self.status:
                self.record_status_change(previous or "")

    def stored_status(self):
        return (
            Project.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        )

    def record_status_change(self, previous):
        """History of every path through ``save()``: the admin, code, the PO compilation."""
        change = self.status_changes.model.record(
            project=self,
            actor=self.status_changed_by,
            previous_status=previous,
            new_status=self.status,
        )
        signal = (
            signals.project_status_changed if previous else signals.project_registered
        )
        signals.send_on_commit(signal, Project, project=self, change=change)
        return change

    def unique_slug(self):
        base = slugify(self.title)[:240] or "projet"
        slug, n = base, 2
        while Project.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def set_point(self, latitude, longitude):
        self.location = f"SRID=4326;POINT({longitude} {latitude})"

    # --- financing rules, shared by the model, the admin form and the importers ---

    def financing_errors(self, lines):
        """French messages for a set of financing lines (saved or not) of this project."""
        errors = []
        total = sum((line.amount or Decimal(0) for line in lines), Decimal(0))
        if self.total_cost is not None and total > self.total_cost:
            errors.append(
                _(
                    "Le total des financements (%(total)s) dépasse le coût total du projet (%(cost)s)."
                )
                % {"total": format_euros(total), "cost": format_euros(self.total_cost)}
            )
        return errors

    def in_adopted_po(self, year):
        """Is the project in the current adopted version of a Programme Opérationnel of that year?"""
        if not self.pk:
            return False
        current = POVersion.objects.current_adopted().filter(po__year=year)
        return POEntry.objects.filter(project=self, version__in=current).exists()

    def current_po_entries(self):
        """Its entries in the current adopted version of each programme, by year."""
        return (
            POEntry.objects.filter(
                project=self, version__in=POVersion.objects.current_adopted()
            )
            .select_related("version__po__contract")
            .order_by("version__po__year")
        )

    def proposed_po_entries(self):
        """Its entries in a draft version of a programme it is not adopted in yet:
        proposed by the PETR, awaiting the Conférence des Maires and the Région's vote."""
        adopted = POEntry.objects.filter(
            project=self,
            version__in=POVersion.objects.current_adopted(),
            version__po=OuterRef("version__po"),
        )
        return (
            POEntry.objects.filter(
                project=self, version__status=POVersion.Status.BROUILLON
            )
            .exclude(Exists(adopted))
            .select_related("version__po__contract")
            .order_by("version__po__year")
        )

    @property
    def adopted_po_entries(self):
        return POEntry.objects.filter(
            project=self, version__status=POVersion.Status.ADOPTE
        )

    def can_be_deleted(self):
        return not self.adopted_po_entries.exists()

    def delete(self, *args, **kwargs):
        if not self.can_be_deleted():
            raise ValidationError(
                _(
                    "Ce projet figure dans un Programme Opérationnel adopté : il ne peut pas être supprimé."
                )
            )
        return super().delete(*args, **kwargs)

    @property
    def contracts(self):
        seen = {}
        for measure in self.measures.all():
            contract = measure.axe.orientation.contract
            seen.setdefault(contract.pk, contract)
        return list(seen.values())


class FinancingLine(Orderable):
    """One funder's share of a project for a year."""

    class Funder(models.TextChoices):
        ETAT = "etat", _("État")
        REGION = "region", _("Région Occitanie")
        DEPARTEMENT = "departement", _("Département du Lot")
        EUROPE = "europe", _("Europe")
        AUTRE = "autre", _("Autre")

    class Programme(models.TextChoices):
        DETR = "DETR", _("DETR")
        DSIL = "DSIL", _("DSIL")
        FNADT = "FNADT", _("FNADT")
        FONDS_VERT = "FONDS_VERT", _("Fonds vert")
        CTO = "CTO", _("Contrat territorial Occitanie")
        DEPARTEMENT = "FAST", _("Fonds d’aménagement du Département")
        LEADER = "LEADER", _("LEADER")
        FEDER = "FEDER", _("FEDER")
        AUTRE = "AUTRE", _("Autre dispositif")

    class Status(models.TextChoices):
        SOLLICITE = "sollicite", _("Sollicité")
        ACQUIS = "acquis", _("Acquis")
        VERSE = "verse", _("Versé")

    project = ParentalKey(
        Project,
        verbose_name=_("projet"),
        on_delete=models.CASCADE,
        related_name="financing_lines",
    )
    funder = models.CharField(_("financeur"), max_length=20, choices=Funder.choices)
    programme = models.CharField(
        _("dispositif"), max_length=20, choices=Programme.choices, blank=True
    )
    amount = models.DecimalField(_("montant (€)"), max_digits=14, decimal_places=2)
    year = models.PositiveSmallIntegerField(_("année"))
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.SOLLICITE
    )

    class Meta(Orderable.Meta):
        verbose_name = _("ligne de financement")
        verbose_name_plural = _("lignes de financement")
        indexes = [models.Index(fields=["funder", "year"])]

    def __str__(self):
        return f"{self.get_funder_display()} {self.year} : {format_euros(self.amount)}"

    def own_errors(self):
        errors = {}
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = _("Le montant doit être supérieur à 0 €.")
        if (
            self.funder == self.Funder.REGION
            and self.year
            and not (self.project_id and self.project.in_adopted_po(self.year))
        ):
            errors["funder"] = _(
                "Un financement de la Région en %(year)s exige que le projet figure dans le Programme Opérationnel adopté de %(year)s."
            ) % {"year": self.year}
        return errors

    def clean(self):
        errors = self.own_errors()
        checked_by_form = getattr(self, "total_checked_by_project_form", False)
        if self.project_id and "amount" not in errors and not checked_by_form:
            others = list(
                FinancingLine.objects.filter(project_id=self.project_id).exclude(
                    pk=self.pk
                )
            )
            messages = self.project.financing_errors([*others, self])
            if messages:
                errors["amount"] = messages[0]
        if errors:
            raise ValidationError(errors)


class ProjectImage(Orderable):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("légende"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class ProjectDocument(Orderable):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("intitulé"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    @property
    def label(self):
        return self.title or self.document.title
