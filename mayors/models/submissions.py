import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.typography import of

from .. import sniffing
from .calls import CallForPriorities


class TransitionError(ValidationError):
    """A life-cycle step that the rules forbid; its message is shown to the user."""


class State(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposé")
    IN_REVIEW = "in_review", _("En instruction")
    CHANGES_REQUESTED = "changes_requested", _("À corriger")
    RETAINED = "retained", _("Retenu au PO")
    POSTPONED = "postponed", _("Reporté")
    REJECTED = "rejected", _("Non retenu")
    WITHDRAWN = "withdrawn", _("Retiré")
    EXPIRED = "expired", _("Expiré")
    CLOSED = "closed", _("Classé sans suite")


DECISIONS = (State.RETAINED, State.POSTPONED, State.REJECTED)
CLOSED_STATES = (*DECISIONS, State.WITHDRAWN, State.EXPIRED, State.CLOSED)
# Dossiers that use up one of the commune's places in a call.
COUNTED_STATES = tuple(
    s for s in State if s not in (State.WITHDRAWN, State.EXPIRED, State.CLOSED)
)
# A dossier acknowledged (ARE) is a legal record: closed, never deleted.
ACKNOWLEDGED_OPEN_STATES = (State.SUBMITTED, State.IN_REVIEW, State.CHANGES_REQUESTED)


# What staff may do, and from which states (the methods below enforce the same).
STAFF_ACTIONS = (
    ("start_review", _("Passer en instruction"), (State.SUBMITTED,)),
    (
        "request_changes",
        _("Renvoyer à la commune pour correction"),
        (State.SUBMITTED, State.IN_REVIEW),
    ),
    (State.RETAINED.value, _("Retenir au Programme Opérationnel"), (State.IN_REVIEW,)),
    (State.POSTPONED.value, _("Reporter"), (State.IN_REVIEW,)),
    (State.REJECTED.value, _("Ne pas retenir"), (State.IN_REVIEW,)),
    (State.CLOSED.value, _("Classer sans suite"), ACKNOWLEDGED_OPEN_STATES),
)


class Maturity(models.TextChoices):
    IDEA = "idea", _("Idée")
    STUDIES = "studies", _("Études")
    READY = "ready", _("Prêt à démarrer")


class ReferenceSequence(models.Model):
    """One counter per year for acknowledgement references (GQ-2026-0042)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("séquence de références")

    def __str__(self):
        return f"{self.year} : {self.last}"

    @classmethod
    def next_reference(cls, year):
        with transaction.atomic():
            cls.objects.get_or_create(year=year)
            sequence = cls.objects.select_for_update().get(year=year)
            sequence.last += 1
            sequence.save(update_fields=["last"])
        return f"GQ-{year}-{sequence.last:04d}"


class SubmissionQuerySet(models.QuerySet):
    def for_user(self, user):
        """What a commune's (or EPCI's) people may read."""
        memberships = user.memberships.filter(is_active=True)
        return self.filter(
            Q(commune__in=memberships.values("commune"))
            | Q(commune__epci__in=memberships.values("epci"))
        )

    def counted(self):
        return self.filter(state__in=COUNTED_STATES)


class Submission(models.Model):
    """A commune's priority or dossier for one call, and its life cycle.

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
        related_name="priority_submissions",
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
        ordering = ["call", "commune__name", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "commune", "rank"], name="mayors_unique_rank"
            )
        ]
        permissions = [("review_submission", _("Instruire les priorités"))]

    def __str__(self):
        return self.title

    # --- creation and ranking -------------------------------------------------------

    @classmethod
    def create_draft(cls, *, call, commune, by, now=None, **fields):
        """A new draft at the end of the commune's list, within the call's limits."""
        now = now or timezone.now()
        if not call.is_open_for(commune, now):
            raise TransitionError(_("Cet appel n’est pas ouvert pour votre commune."))
        with transaction.atomic():
            # The commune's row, not its dossiers: a commune with none has nothing
            # else to lock, and two first priorities would both pass the count.
            # NO KEY: rows that merely point to the commune are not held back.
            Commune = cls._meta.get_field("commune").related_model
            list(
                Commune.objects.select_for_update(no_key=True)
                .filter(pk=commune.pk)
                .values_list("pk")
            )
            siblings = cls.objects.filter(call=call, commune=commune)
            if siblings.counted().count() >= call.max_priorities:
                raise TransitionError(
                    _("Votre commune a déjà %(max)s priorités pour cet appel.")
                    % {"max": call.max_priorities}
                )
            last = siblings.aggregate(m=Max("rank"))["m"] or 0
            submission = cls.objects.create(
                call=call,
                commune=commune,
                created_by=by,
                rank=last + 1,
                created_at=now,
                last_activity_at=now,
                **fields,
            )
            submission.transitions.create(
                actor=by, from_state="", to_state=State.DRAFT, at=now
            )
        return submission

    def siblings(self):
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

    def missing_items(self, financing_lines=None, attachments=None):
        """What still keeps the dossier from being submitted (French labels).

        A page that already shows the financing lines and attachments passes them.
        """
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
        if financing_lines is None:
            has_financing = self.financing_lines.exists()
        else:
            has_financing = bool(financing_lines)
        if not has_financing:
            missing.append(str(_("plan de financement")))
        if attachments is None:
            present = set(
                self.attachments.filter(message__isnull=True)
                .exclude(scan_status=Attachment.Scan.INFECTED)
                .values_list("kind", flat=True)
            )
        else:
            present = {
                a.kind for a in attachments if a.scan_status != Attachment.Scan.INFECTED
            }
        for label in self.call.required_document_list:
            if label not in present:
                missing.append(str(_("pièce : %(label)s") % {"label": label}))
        return missing

    def financing_total(self, financing_lines=None):
        lines = (
            self.financing_lines.all() if financing_lines is None else financing_lines
        )
        return sum((line.amount or 0 for line in lines), Decimal(0))

    def financing_errors(self, financing_lines=None, cost=None):
        """The admin's rule for projects: the plan never exceeds the cost excluding tax."""
        from contrats.models.projects import format_euros

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
        from mayors import notifications

        notifications.draft_ready(self, by)

    def clean(self):
        if (
            self.planned_start
            and self.planned_end
            and self.planned_end < self.planned_start
        ):
            raise ValidationError({"planned_end": _("La fin doit suivre le début.")})
        located = self.latitude is not None and self.longitude is not None
        if located and not self.commune.contains_point(self.longitude, self.latitude):
            raise ValidationError(
                {
                    "latitude": _(
                        "Le point doit se trouver dans la commune %(of_commune)s."
                    )
                    % {"of_commune": of(self.commune.name)}
                }
            )

    # --- life cycle ---------------------------------------------------------------------

    def lock(self):
        """Take the row's lock and read its state again: two tabs, or two people, acting
        on one dossier at once act one after the other, the second on what the first
        did (one deposit, one reference, one acknowledgement)."""
        locked = (
            Submission.objects.select_for_update()
            .filter(pk=self.pk)
            .values("state", "reference", "submitted_at")
            .get()
        )
        for name, value in locked.items():
            setattr(self, name, value)

    def _transition(self, to_state, by, now, message="", allowed_from=()):
        self.lock()
        if self.state not in allowed_from:
            raise TransitionError(
                _("Impossible de passer de « %(from)s » à « %(to)s ».")
                % {"from": self.get_state_display(), "to": State(to_state).label}
            )
        from_state = self.state
        self.state = to_state
        self.last_activity_at = now
        self.save()
        return self.transitions.create(
            actor=by, from_state=from_state, to_state=to_state, at=now, message=message
        )

    @transaction.atomic
    def submit(self, by, now=None):
        now = now or timezone.now()
        self.lock()
        problems = self.deposit_problems(now=now)
        if problems:
            raise TransitionError(problems)
        transition = self._transition(
            State.SUBMITTED,
            by,
            now,
            allowed_from=(State.DRAFT, State.CHANGES_REQUESTED),
        )
        if not self.reference:
            self.reference = ReferenceSequence.next_reference(now.year)
        self.submitted_at = now
        self.save(update_fields=["reference", "submitted_at"])
        from mayors import notifications

        notifications.send_acknowledgement(self, transition)
        return transition

    resubmit = submit

    @transaction.atomic
    def withdraw(self, by, reason="", now=None):
        return self._transition(
            State.WITHDRAWN,
            by,
            now or timezone.now(),
            reason,
            allowed_from=(State.DRAFT, State.SUBMITTED),
        )

    @transaction.atomic
    def start_review(self, by, now=None):
        transition = self._transition(
            State.IN_REVIEW, by, now or timezone.now(), allowed_from=(State.SUBMITTED,)
        )
        from mayors import notifications

        notifications.review_started(self)
        return transition

    @transaction.atomic
    def request_changes(self, by, message, now=None):
        if not message.strip():
            raise TransitionError(_("Expliquez ce que la commune doit corriger."))
        now = now or timezone.now()
        # Straight from « déposé » too: an obviously incomplete dossier goes back in
        # one step, without first being put « en instruction ».
        transition = self._transition(
            State.CHANGES_REQUESTED,
            by,
            now,
            message,
            allowed_from=(State.SUBMITTED, State.IN_REVIEW),
        )
        self.messages.create(author=by, body=message, created_at=now)
        from mayors import notifications

        notifications.changes_requested(self, message)
        return transition

    @transaction.atomic
    def decide(self, by, outcome, reason="", now=None):
        if outcome not in DECISIONS:
            raise TransitionError(_("Décision inconnue."))
        if outcome != State.RETAINED and not reason.strip():
            raise TransitionError(_("Indiquez le motif de la décision."))
        now = now or timezone.now()
        transition = self._transition(
            outcome, by, now, reason, allowed_from=(State.IN_REVIEW,)
        )
        self.decided_at = now
        self.decision_reason = reason
        self.save(update_fields=["decided_at", "decision_reason"])
        from mayors import notifications

        notifications.decided(self)
        return transition

    @transaction.atomic
    def close(self, by, reason, now=None):
        """Classé sans suite: the end of an acknowledged dossier, with its reason in the
        trace (a dossier with an ARE is never deleted)."""
        if not reason.strip():
            raise TransitionError(
                _("Indiquez pourquoi le dossier est classé sans suite.")
            )
        now = now or timezone.now()
        transition = self._transition(
            State.CLOSED, by, now, reason, allowed_from=ACKNOWLEDGED_OPEN_STATES
        )
        self.decided_at = now
        self.decision_reason = reason
        self.save(update_fields=["decided_at", "decision_reason"])
        self.messages.create(author=by, body=reason, created_at=now)
        return transition

    @property
    def is_legal_record(self):
        """An acknowledgement of receipt was issued: the dossier may not be deleted."""
        return bool(self.reference or self.submitted_at)

    @transaction.atomic
    def expire(self, now=None):
        return self._transition(
            State.EXPIRED,
            None,
            now or timezone.now(),
            _("Brouillon inactif depuis trois mois."),
            allowed_from=(State.DRAFT,),
        )

    def staff_actions(self):
        """The instruction steps valid from the current state, in the staff's words."""
        return [
            (action, label)
            for action, label, states in STAFF_ACTIONS
            if self.state in states
        ]

    @property
    def is_withdrawable(self):
        return self.state in (State.DRAFT, State.SUBMITTED)

    @property
    def is_decided(self):
        return self.state in DECISIONS

    def touch(self, now=None):
        """Note commune activity: idle drafts expire, active ones never do."""
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
    from contrats.models import FinancingLine

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

    class Meta:
        verbose_name = _("ligne du plan de financement")
        verbose_name_plural = _("plan de financement")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_funder_display()} : {self.amount} €"


class Transition(models.Model):
    """One step of the life cycle: who, when, from, to, why."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("priorité"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_state = models.CharField(
        _("état de départ"), max_length=20, choices=State.choices, blank=True
    )
    to_state = models.CharField(_("nouvel état"), max_length=20, choices=State.choices)
    at = models.DateTimeField(_("le"), default=timezone.now)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("étape")
        verbose_name_plural = _("historique")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


def private_storage():
    return storages["private"]


def attachment_path(instance, filename):
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"mayors/{instance.submission_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A private file: never served until the virus scan says it is clean."""

    class Scan(models.TextChoices):
        PENDING = "pending", _("en cours d’analyse")
        CLEAN = "clean", _("analysé, sain")
        INFECTED = "infected", _("infecté, mis en quarantaine")
        UNSCANNED = "unscanned", _("non analysé")
        ERROR = "error", _("analyse impossible, nouvel essai prévu")

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("priorité"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    message = models.ForeignKey(
        "Message",
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        help_text=_("Vide pour une pièce du dossier ; sinon, le message qu’elle suit."),
    )
    kind = models.CharField(_("nature de la pièce"), max_length=200)
    file = models.FileField(
        _("fichier"), storage=private_storage, upload_to=attachment_path, max_length=255
    )
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("taille (octets)"))
    scan_status = models.CharField(
        _("analyse antivirus"),
        max_length=10,
        choices=Scan.choices,
        default=Scan.PENDING,
    )
    scan_signature = models.CharField(
        _("signature détectée"), max_length=200, blank=True
    )
    scanned_at = models.DateTimeField(_("analysé le"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("déposé le"), default=timezone.now)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def is_downloadable(self):
        return self.scan_status in (self.Scan.CLEAN, self.Scan.UNSCANNED)

    @property
    def served_type(self):
        """The sniffed type when it is one we accept, else bytes to save (never shown)."""
        if self.content_type in sniffing.ACCEPTED:
            return self.content_type
        return "application/octet-stream"

    @property
    def download_name(self):
        """The uploader's name with the extension of what the file really is: a PDF
        named ``x.html`` downloads as ``x.pdf``, never as a page a browser would run."""
        stem = PurePath(self.original_name.replace("\\", "/")).stem
        stem = "".join(c for c in stem if c.isprintable() and c not in '<>:"/|?*')
        stem = stem.strip(" .")[:100] or "piece"
        return stem + sniffing.EXTENSIONS.get(self.content_type, ".bin")

    def quarantine(self, signature, now=None):
        """Move the bytes out of the served tree and mark the file infected."""
        storage = self.file.storage
        quarantined = f"quarantine/{PurePath(self.file.name).name}"
        with storage.open(self.file.name, "rb") as source:
            new_name = storage.save(quarantined, source)
        storage.delete(self.file.name)
        self.file.name = new_name
        self.scan_status = self.Scan.INFECTED
        self.scan_signature = signature[:200]
        self.scanned_at = now or timezone.now()
        self.save()


class Message(models.Model):
    """The thread between staff and the commune; private notes stay with staff."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("priorité"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur ou autrice"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("message"))
    is_private_note = models.BooleanField(
        _("note interne"),
        default=False,
        help_text=_("Visible seulement de l’équipe du PETR, jamais de la commune."),
    )
    from_staff = models.BooleanField(
        _("de l’équipe du PETR"), default=True, editable=False
    )
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]
