from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aides.financing import (
    bound_by_minimum_share,
    dossier_scheme_errors,
    dossier_share_error,
)
from cms.typography import of
from contrats.models import FinancingLine
from contrats.models.projects import format_euros

from .. import notifications
from .calls import CallForPriorities
from .demarches import FieldKind
from .exchanges import Attachment, attachment_path, private_storage
from .lifecycle import (
    ACKNOWLEDGED_OPEN_STATES,
    CLOSED_STATES,
    COUNTED_STATES,
    DECISIONS,
    STAFF_ACTIONS,
    LifeCycle,
    ReferenceSequence,
    State,
    Transition,
    TransitionError,
)

# Re-exported: the first migration names them here, the rest of the app imports them.
__all__ = [
    "ACKNOWLEDGED_OPEN_STATES",
    "CLOSED_STATES",
    "COUNTED_STATES",
    "DECISIONS",
    "STAFF_ACTIONS",
    "FinancingPlanLine",
    "Maturity",
    "ReferenceSequence",
    "State",
    "Submission",
    "Transition",
    "TransitionError",
    "attachment_path",
    "private_storage",
]


class Maturity(models.TextChoices):
    IDEA = "idea", _("Idée")
    STUDIES = "studies", _("Études")
    READY = "ready", _("Prêt à démarrer")


class SubmissionQuerySet(models.QuerySet):
    def for_user(self, user):
        """What a commune's (or EPCI's, or organisation's) people may read."""
        memberships = user.memberships.filter(is_active=True)
        return self.filter(
            Q(commune__in=memberships.values("commune"))
            | Q(commune__epci__in=memberships.values("epci"))
            | Q(organisation__in=memberships.values("organisation"))
        )

    def counted(self):
        return self.filter(state__in=COUNTED_STATES)


class Submission(LifeCycle, models.Model):
    """A commune's (or an organisation's) priority or dossier for one call, and its
    life cycle. Exactly one holder: the commune, or the organisation.

    brouillon → déposé → en instruction → à corriger → déposé … → retenu / reporté /
    non retenu; withdrawal before instruction; idle drafts expire. Every step goes
    through a method that checks the rules and records a Transition.
    """

    State = State
    Maturity = Maturity

    call = models.ForeignKey(
        CallForPriorities,
        verbose_name=_("appel"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    commune = models.ForeignKey(
        "contrats.Commune",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="priority_submissions",
    )
    organisation = models.ForeignKey(
        "mayors.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    measure = models.ForeignKey(
        "contrats.Mesure",
        verbose_name=_("axe et mesure du CTO"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="priority_submissions",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    estimated_cost = models.DecimalField(
        _("coût estimé HT (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    planned_start = models.DateField(_("début prévu"), null=True, blank=True)
    planned_end = models.DateField(_("fin prévue"), null=True, blank=True)
    maturity = models.CharField(
        _("maturité"), max_length=10, choices=Maturity.choices, blank=True
    )
    answers = models.JSONField(
        _("réponses au formulaire de la démarche"),
        default=dict,
        blank=True,
        encoder=DjangoJSONEncoder,
    )
    rank = models.PositiveSmallIntegerField(_("rang"))
    state = models.CharField(
        _("état"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    reference = models.CharField(
        _("référence"), max_length=20, unique=True, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("déposé le"), null=True, blank=True)
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    decision_reason = models.TextField(_("motif de la décision"), blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    last_activity_at = models.DateTimeField(
        _("dernière activité"), default=timezone.now
    )
    expiry_warned_at = models.DateTimeField(
        _("prévenu·e de l’expiration le"), null=True, blank=True, editable=False
    )
    ready_at = models.DateTimeField(
        _("signalé prêt à déposer le"), null=True, blank=True, editable=False
    )
    project = models.OneToOneField(
        "contrats.Project",
        verbose_name=_("projet du Programme Opérationnel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="priority_submission",
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("priorité")
        verbose_name_plural = _("priorités")
        ordering = ["call", "commune__name", "organisation__name", "rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commune__isnull=False, organisation__isnull=True)
                | Q(commune__isnull=True, organisation__isnull=False),
                name="mayors_submission_one_holder",
            ),
            models.UniqueConstraint(
                fields=["call", "commune", "rank"],
                condition=Q(commune__isnull=False),
                name="mayors_unique_rank",
            ),
            models.UniqueConstraint(
                fields=["call", "organisation", "rank"],
                condition=Q(organisation__isnull=False),
                name="mayors_unique_rank_organisation",
            ),
        ]
        permissions = [("review_submission", _("Instruire les priorités"))]

    def __str__(self):
        return self.title

    @property
    def holder(self):
        """Who files the dossier: the commune, or the organisation."""
        return self.commune if self.commune_id else self.organisation

    @property
    def carrier(self):
        """The holder in the aid catalogue's terms (``aides.models.Carrier``)."""
        return "commune" if self.commune_id else self.organisation.kind

    @property
    def epci(self):
        """The commune's EPCI, or the EPCI an organisation of that kind represents."""
        if self.commune_id:
            return self.commune.epci
        return self.organisation.epci if self.organisation_id else None

    # --- creation and ranking -------------------------------------------------------

    @classmethod
    def create_draft(
        cls, *, call, by, commune=None, organisation=None, now=None, **fields
    ):
        """A new draft at the end of the holder's list, within the call's limits."""
        now = now or timezone.now()
        holder = commune or organisation
        if (commune is None) == (organisation is None):
            raise TransitionError(_("Un dossier est déposé par un seul porteur."))
        if not call.is_open_to(holder):
            raise TransitionError(
                _("Cette démarche n’est pas ouverte aux %(kind)s.")
                % {"kind": call.kind_label(holder)}
            )
        if not call.is_open_for(commune, now):
            raise TransitionError(
                _("Cet appel n’est pas ouvert pour votre commune.")
                if commune is not None
                else _("Cette démarche n’est pas ouverte aux dépôts.")
            )
        holder_field = "commune" if commune is not None else "organisation"
        with transaction.atomic():
            # The holder's row, not its dossiers: a holder with none has nothing
            # else to lock, and two first priorities would both pass the count.
            # NO KEY: rows that merely point to the holder are not held back.
            Holder = cls._meta.get_field(holder_field).related_model
            list(
                Holder.objects.select_for_update(no_key=True)
                .filter(pk=holder.pk)
                .values_list("pk")
            )
            siblings = cls.objects.filter(call=call, **{holder_field: holder})
            if siblings.counted().count() >= call.max_priorities:
                raise TransitionError(
                    (
                        _("Votre commune a déjà %(max)s priorités pour cet appel.")
                        if commune is not None
                        else _(
                            "Votre organisation a déjà %(max)s dossiers pour cette "
                            "démarche."
                        )
                    )
                    % {"max": call.max_priorities}
                )
            last = siblings.aggregate(m=Max("rank"))["m"] or 0
            submission = cls.objects.create(
                call=call,
                commune=commune,
                organisation=organisation,
                created_by=by,
                rank=last + 1,
                created_at=now,
                last_activity_at=now,
                **fields,
            )
            Transition.record(
                submission=submission, actor=by, at=now, to_state=State.DRAFT
            )
        return submission

    def siblings(self):
        if self.commune_id is None:
            return Submission.objects.filter(
                call_id=self.call_id, organisation_id=self.organisation_id
            )
        return Submission.objects.filter(
            call_id=self.call_id, commune_id=self.commune_id
        )

    def move(self, direction, now=None):
        """Swap rank with the neighbour above (-1) or below (+1); False at the edge."""
        self.ensure_editable(now)
        with transaction.atomic():
            siblings = self.siblings().select_for_update()
            if direction < 0:
                other = siblings.filter(rank__lt=self.rank).order_by("-rank").first()
            else:
                other = siblings.filter(rank__gt=self.rank).order_by("rank").first()
            if other is None:
                return False
            mine, theirs = self.rank, other.rank
            # Through a free value: the unique constraint holds at every step.
            Submission.objects.filter(pk=self.pk).update(rank=0)
            Submission.objects.filter(pk=other.pk).update(rank=mine)
            Submission.objects.filter(pk=self.pk).update(rank=theirs)
            self.rank = theirs
        return True

    # --- rules ------------------------------------------------------------------------

    def deadline(self):
        return self.call.deadline_for(self.commune_id)

    def is_editable(self, now=None):
        """Drafts while the call is open; a dossier sent back for changes until resubmitted."""
        if self.state == State.CHANGES_REQUESTED:
            return True
        return self.state == State.DRAFT and self.call.is_open_for(self.commune_id, now)

    def ensure_editable(self, now=None):
        if not self.is_editable(now):
            if self.state == State.DRAFT:
                raise TransitionError(
                    _(
                        "La date limite de l’appel est passée : ce brouillon ne peut plus être modifié."
                    )
                )
            raise TransitionError(_("Ce dossier ne peut plus être modifié."))

    def missing_items(self, financing_lines=None, attachments=None, form_fields=None):
        """What still keeps the dossier from being submitted (French labels).

        A page that already shows the financing lines, attachments and the
        démarche's fields passes them.
        """

        def has_financing():
            if financing_lines is None:
                return self.financing_lines.exists()
            return bool(financing_lines)

        present = self.present_kinds(attachments)
        if self.call.has_typed_form:
            missing = [] if self.title else [str(_("intitulé"))]
            if form_fields is None:
                form_fields = self.call.form_fields.all()
            for field in form_fields:
                if not field.required:
                    continue
                if field.kind == FieldKind.FINANCING:
                    answered = has_financing()
                elif field.kind == FieldKind.FILE:
                    answered = field.label in present
                else:
                    answered = self.answers.get(field.key) not in (None, "", [])
                if not answered:
                    missing.append(field.label)
        else:
            missing = self.missing_priority_items(has_financing)
        for label in self.call.required_document_list:
            if label not in present:
                missing.append(str(_("pièce : %(label)s") % {"label": label}))
        return missing

    def missing_priority_items(self, has_financing):
        """The fixed form of the priority démarche, as it has always been checked."""
        missing = []
        for field in (
            "title",
            "description",
            "estimated_cost",
            "planned_start",
            "planned_end",
            "maturity",
        ):
            if getattr(self, field) in (None, ""):
                missing.append(str(self._meta.get_field(field).verbose_name))
        if self.measure_id is None:
            missing.append(str(_("axe et mesure du CTO")))
        if self.latitude is None or self.longitude is None:
            missing.append(str(_("localisation")))
        if not has_financing():
            missing.append(str(_("plan de financement")))
        return missing

    def present_kinds(self, attachments=None):
        """The kinds of the dossier's clean pieces (an infected file counts for none)."""
        if attachments is None:
            return set(
                self.attachments.filter(message__isnull=True)
                .exclude(scan_status=Attachment.Scan.INFECTED)
                .values_list("kind", flat=True)
            )
        return {
            a.kind for a in attachments if a.scan_status != Attachment.Scan.INFECTED
        }

    def financing_total(self, financing_lines=None):
        lines = (
            self.financing_lines.all() if financing_lines is None else financing_lines
        )
        return sum((line.amount or 0 for line in lines), Decimal(0))

    def cost_errors(self, financing_lines=None, cost=None):
        """The admin's rule for projects, which even a draft keeps: the plan never
        exceeds the cost excluding tax."""
        cost = self.estimated_cost if cost is None else cost
        total = self.financing_total(financing_lines)
        if cost is not None and total > cost:
            return [
                _(
                    "Le total du plan de financement (%(total)s) dépasse le coût estimé HT (%(cost)s)."
                )
                % {"total": format_euros(total), "cost": format_euros(cost)}
            ]
        return []

    def financing_errors(self, financing_lines=None, cost=None):
        """The cost rule, then a local authority's minimum share of the public
        funding (CGCT L1111-10, not for associations) and the rules of the aid
        schemes the lines ask: a draft may still break the latter, a deposit may not."""
        lines = (
            list(self.financing_lines.select_related("scheme"))
            if financing_lines is None
            else financing_lines
        )
        errors = self.cost_errors(lines, cost)
        if errors:
            return errors
        cost = self.estimated_cost if cost is None else cost
        share_error = (
            dossier_share_error(lines, cost, self.carrier)
            if bound_by_minimum_share(self.carrier)
            else None
        )
        return [
            *([share_error] if share_error else []),
            *dossier_scheme_errors(lines, cost),
        ]

    def deposit_problems(self, missing=None, financing_lines=None, now=None):
        """Why the dossier cannot be deposited now (French sentences), whoever asks."""
        if self.state not in (State.DRAFT, State.CHANGES_REQUESTED):
            return [str(_("Ce dossier a déjà été déposé ou clos."))]
        problems = []
        if self.state == State.DRAFT and not self.call.is_open_for(
            self.commune_id, now
        ):
            problems.append(str(_("La date limite de l’appel est passée.")))
        if missing is None:
            missing = self.missing_items(financing_lines)
        if missing:
            problems.append(
                str(
                    _("Le dossier est incomplet : %(missing)s.")
                    % {"missing": ", ".join(missing)}
                )
            )
        problems.extend(str(e) for e in self.financing_errors(financing_lines))
        return problems

    def signal_ready(self, by, now=None):
        """A secretary's or adjoint·e's draft is complete: the people who submit hear it."""
        problems = self.deposit_problems(now=now)
        if problems:
            raise TransitionError(problems)
        self.ready_at = now or timezone.now()
        Submission.objects.filter(pk=self.pk).update(ready_at=self.ready_at)
        notifications.after_commit(notifications.draft_ready, self, by)

    def clean(self):
        if (
            self.planned_start
            and self.planned_end
            and self.planned_end < self.planned_start
        ):
            raise ValidationError({"planned_end": _("La fin doit suivre le début.")})
        located = self.latitude is not None and self.longitude is not None
        if (
            located
            and self.commune_id
            and not self.commune.contains_point(self.longitude, self.latitude)
        ):
            raise ValidationError(
                {
                    "latitude": _(
                        "Le point doit se trouver dans la commune %(of_commune)s."
                    )
                    % {"of_commune": of(self.commune.name)}
                }
            )

    def touch(self, now=None):
        """Note the holder's activity: idle drafts expire, active ones never do."""
        self.last_activity_at = now or timezone.now()
        self.expiry_warned_at = None
        Submission.objects.filter(pk=self.pk).update(
            last_activity_at=self.last_activity_at, expiry_warned_at=None
        )

    def delete_with_files(self):
        for attachment in self.attachments.all():
            attachment.file.delete(save=False)
        self.delete()


def funder_choices():
    return [("commune", _("Autofinancement")), *FinancingLine.Funder.choices]


class FinancingPlanLine(models.Model):
    """The commune's expected funding; becomes contrats financing lines once retained."""

    SELF_FUNDING = "commune"

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Sollicité")
        SECURED = "secured", _("Acquis")

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("priorité"),
        on_delete=models.CASCADE,
        related_name="financing_lines",
    )
    funder = models.CharField(_("financeur"), max_length=20, choices=funder_choices)
    amount = models.DecimalField(_("montant (€)"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    scheme = models.ForeignKey(
        "aides.AidScheme",
        verbose_name=_("dispositif"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ligne du plan de financement")
        verbose_name_plural = _("plan de financement")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_funder_display()} : {self.amount} €"
