"""What residents write: proposals, comments (one level of replies), supports, follows, and the official answers."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from cms.typography import of as of_commune

from .reasons import ReportReason

DELETED_PARTICIPANT = _("Participant·e supprimé·e")
# What the public sees of a hidden contribution, wherever it would appear (page,
# <title>, breadcrumb, feeds, search, API, open data, e-mails).
HIDDEN_PROPOSAL_TITLE = _("Proposition masquée par la modération")
HIDDEN_AUTHOR = _("auteur·rice masqué·e")
WITHDRAWN_PROPOSAL_TITLE = _("Proposition retirée par son auteur·rice")


class Status(models.TextChoices):
    PENDING = "pending", _("En attente de modération")
    PUBLISHED = "published", _("Publiée")
    HIDDEN = "hidden", _("Masquée")
    WITHDRAWN = "withdrawn", _("Retirée par son auteur·rice")


class DepositChannel(models.TextChoices):
    """How a contribution entered at the mairie reached it."""

    IN_PERSON = "in_person", _("En personne, à la mairie")
    PAPER = "paper", _("Sur papier (courrier, formulaire, registre)")


CONSENT_REQUIRED = _(
    "Sans l’accord de l’habitant·e (publication sous ce nom et charte de "
    "participation), la contribution ne peut pas être enregistrée."
)
RESIDENT_NAME_REQUIRED = _(
    "Indiquez le nom ou le pseudonyme sous lequel l’habitant·e veut être publié·e."
)


def deposit_is_complete(prefix):
    """A contribution entered at the mairie always names its resident and their consent."""
    return models.CheckConstraint(
        condition=Q(deposit_commune__isnull=True)
        | (Q(consent_at__isnull=False) & ~Q(resident_name="")),
        name=f"participation_{prefix}_deposit_complete",
    )


class AnswerStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Retenue")
    PARTLY = "partly", _("Partiellement retenue")
    STUDYING = "studying", _("À l’étude")
    REJECTED = "rejected", _("Non retenue")


def _count(model, field, **filters):
    """A correlated COUNT subquery: one query for a whole page of rows, whatever the data size."""
    rows = (
        model.objects.filter(**{field: OuterRef("pk")}, **filters)
        .order_by()
        .values(field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


class ContributionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Published or hidden (shown as a placeholder), plus the visitor's own pending ones."""
        visible = Q(status__in=[Status.PUBLISHED, Status.HIDDEN])
        if user.is_authenticated:
            visible |= Q(author=user)
        return self.filter(visible)


class Contribution(models.Model):
    """Common ground of proposals and comments: author, moderation state, dates."""

    consultation = models.ForeignKey(
        "participation.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_%(class)ss",
    )
    status = models.CharField(
        _("état"), max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    hidden_reason_code = models.CharField(
        _("motif de masquage (charte)"),
        max_length=20,
        choices=ReportReason.choices,
        blank=True,
    )
    hidden_reason = models.TextField(_("motif de masquage"), blank=True)
    created_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    # Entered at the mairie on behalf of a resident (see deposit_at_mairie): no
    # author account; the resident's public name and consent, and who recorded them.
    deposit_commune = models.ForeignKey(
        "contrats.Commune",
        verbose_name=_("déposée en mairie de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mairie_%(class)ss",
    )
    deposited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisie par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deposited_%(class)ss",
    )
    resident_name = models.CharField(
        _("nom ou pseudonyme de l’habitant·e"), max_length=80, blank=True
    )
    consent_at = models.DateTimeField(
        _("accord de l’habitant·e recueilli le"), null=True, blank=True
    )
    channel = models.CharField(
        _("arrivée"), max_length=12, choices=DepositChannel.choices, blank=True
    )

    objects = ContributionQuerySet.as_manager()

    deposit_mark = _("%(name)s (déposée en mairie %(of_commune)s)")

    class Meta:
        abstract = True

    @property
    def author_name(self):
        """The public signature: an account's public name, or a resident's with the mark."""
        if self.deposit_commune_id is not None:
            return self.deposit_mark % {
                "name": self.resident_name,
                "of_commune": of_commune(self.deposit_commune.name),
            }
        if self.author_id is None:
            return DELETED_PARTICIPANT
        return self.author.public_name

    @property
    def public_author_name(self):
        """The signature the public sees: none while the contribution is hidden."""
        return HIDDEN_AUTHOR if self.is_hidden else self.author_name

    @property
    def editable_until(self):
        return self.created_at + datetime.timedelta(
            minutes=settings.PARTICIPATION_EDIT_WINDOW_MINUTES
        )

    @property
    def in_edit_window(self):
        return timezone.now() <= self.editable_until

    @property
    def is_deposited(self):
        return self.deposit_commune_id is not None

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_hidden(self):
        return self.status == Status.HIDDEN

    @property
    def is_pending(self):
        return self.status == Status.PENDING

    def initial_status(self, request=None):
        """Pending in a pre-moderated consultation; with ``request``, also a newcomer's
        first contribution when the participation settings ask for it."""
        from .moderation import ParticipationSettings

        if self.consultation.pre_moderated or (
            request is not None
            and ParticipationSettings.reviews_first_contribution_of(
                request, self.author
            )
        ):
            return Status.PENDING
        return Status.PUBLISHED

    @classmethod
    def deposit_at_mairie(
        cls, *, consultation, mairie, by, resident_name, channel, consented, **fields
    ):
        """Record what a resident gave at the mairie of ``mairie`` (a commune), in
        person or on paper.

        Signed with the resident's name and the mairie's mark, never with the account
        of the person who typed it (``deposited_by``, kept with the time of consent);
        moderated like any other contribution. The caller checks the rules
        (``mayors.deposit_*``): this side knows nothing of the intranet.
        """
        resident_name = (resident_name or "").strip()
        if not resident_name:
            raise ValidationError({"resident_name": RESIDENT_NAME_REQUIRED})
        if not consented:
            raise ValidationError({"consent": CONSENT_REQUIRED})
        contribution = cls(
            consultation=consultation,
            deposit_commune=mairie,
            deposited_by=by,
            resident_name=resident_name,
            channel=channel,
            consent_at=timezone.now(),
            **fields,
        )
        contribution.status = contribution.initial_status()
        contribution.save()
        return contribution

    # --- moderation (see moderation.py for the log and the reports) ----------------

    def report(self, reporter, reason, details=""):
        from .moderation import Report

        return Report.file(self, reporter, reason, details)

    def moderate(self, moderator, action, reason, reason_code=""):
        from .moderation import ModerationDecision

        return ModerationDecision.apply(self, moderator, action, reason, reason_code)


class ProposalQuerySet(ContributionQuerySet):
    def for_list(self):
        """With what a card shows; the stored counters, not a count per row."""
        return self.select_related(
            "author", "category", "commune", "answer", "deposit_commune"
        ).defer("commune__geometry", "deposit_commune__geometry")

    def deposited_for(self, commune, resident_name):
        """What one resident gave at one mairie (the name as typed, case aside)."""
        return self.filter(
            deposit_commune=commune, resident_name__iexact=resident_name.strip()
        )

    def awaiting_answer(self):
        """Published proposals without an official answer yet."""
        return self.published().filter(answer__isnull=True)

    def refresh_counts(self):
        """Recount supports and published comments: one UPDATE for all these proposals."""
        return self.update(
            support_count=_count(Support, "proposal"),
            comment_count=_count(
                Comment,
                "proposal",
                status=Status.PUBLISHED,
                deleted_at__isnull=True,
            ),
        )


class Proposal(index.Indexed, Contribution):
    title = models.CharField(_("titre"), max_length=140)
    easy_read = models.TextField(
        _("en bref (facile à lire)"),
        max_length=400,
        blank=True,
        help_text=_(
            "Facultatif : l’idée en deux ou trois phrases courtes, avec des mots "
            "de tous les jours. Elle est affichée en premier."
        ),
    )
    body = models.TextField(_("texte"))
    category = models.ForeignKey(
        "participation.ConsultationCategory",
        verbose_name=_("catégorie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    commune = models.ForeignKey(
        "contrats.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    is_official = models.BooleanField(
        _("proposition de l’équipe du Grand Quercy"), default=False
    )
    # Kept by signals (participation/signals.py): lists sort on them and show them
    # without counting 100 000 comments per request.
    support_count = models.PositiveIntegerField(
        _("soutiens"), default=0, editable=False
    )
    comment_count = models.PositiveIntegerField(
        _("commentaires publiés"), default=0, editable=False
    )
    # What the proposal became, set by staff on its "Suivi" screen (admin_views.py).
    project = models.ForeignKey(
        "contrats.Project",
        verbose_name=_("projet"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    project_linked_at = models.DateTimeField(
        _("liée au projet le"), null=True, blank=True, editable=False
    )

    objects = ProposalQuerySet.as_manager()

    # Site search (cms.search) finds published proposals by their words.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("easy_read"),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("consultation_id"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        indexes = [
            # One per sort of the consultation page: the first 20 rows straight from
            # the index, whatever the number of proposals.
            models.Index(
                fields=["consultation", "status", "-created_at", "-id"],
                name="participation_proposal_recent",
            ),
            models.Index(
                fields=[
                    "consultation",
                    "status",
                    "-support_count",
                    "-created_at",
                    "-id",
                ],
                name="participation_proposal_support",
            ),
            models.Index(
                fields=[
                    "consultation",
                    "status",
                    "-comment_count",
                    "-created_at",
                    "-id",
                ],
                name="participation_proposal_comment",
            ),
        ]
        constraints = [deposit_is_complete("proposal")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:proposal", args=[self.pk])

    @classmethod
    @transaction.atomic
    def deposit_at_mairie(cls, *, consultation, mairie, resident_name, **fields):
        """A proposal about the resident's commune; the per-person limit counts per name."""
        limit = consultation.max_proposals_per_person
        already = (
            cls.objects.filter(consultation=consultation)
            .deposited_for(mairie, resident_name or "")
            .count()
        )
        if resident_name and already >= limit:
            raise ValidationError(
                {
                    "resident_name": _(
                        "« %(name)s » a déjà déposé le nombre maximal de propositions "
                        "(%(limit)s) pour cette consultation."
                    )
                    % {"name": resident_name.strip(), "limit": limit}
                }
            )
        return super().deposit_at_mairie(
            consultation=consultation,
            mairie=mairie,
            resident_name=resident_name,
            commune=mairie,
            **fields,
        )

    @property
    def author_name(self):
        if self.is_official:
            return _("Grand Quercy")
        return super().author_name

    @property
    def public_title(self):
        """The title the public sees: a neutral placeholder while it is hidden."""
        if self.is_withdrawn:
            return WITHDRAWN_PROPOSAL_TITLE
        return HIDDEN_PROPOSAL_TITLE if self.is_hidden else self.title

    @property
    def is_withdrawn(self):
        return self.status == Status.WITHDRAWN

    @transaction.atomic
    def edit(self, **fields):
        """Change what the author wrote, within the edit window; the previous words are
        kept (``ProposalRevision``) for the moderators, as for comments."""
        texts = {name: getattr(self, name) for name in ProposalRevision.TEXTS}
        changed = [
            name for name, value in fields.items() if getattr(self, name) != value
        ]
        if not changed:
            return False
        if any(name in ProposalRevision.TEXTS for name in changed):
            ProposalRevision.objects.create(proposal=self, **texts)
        for name in changed:
            setattr(self, name, fields[name])
        self.save(update_fields=[*changed, "updated_at"])
        return True

    def withdraw(self):
        """The author takes the proposal back: it leaves the lists, counts and
        search; its page says it was withdrawn."""
        self.status = Status.WITHDRAWN
        self.save(update_fields=["status", "updated_at"])

    @property
    def kind_label(self):
        return _("proposition")

    @property
    def excerpt(self):
        return self.title

    @property
    def answer_status(self):
        answer = getattr(self, "answer", None)
        return answer.get_status_display() if answer else ""

    @property
    def answer_explanation(self):
        answer = getattr(self, "answer", None)
        return answer.explanation if answer else ""

    @property
    def answer_is_late(self):
        """Published, still unanswered, and the consultation's promised day is over."""
        return (
            self.is_published
            and getattr(self, "answer", None) is None
            and self.consultation.answers_are_late
        )

    # --- what became of it (participation/trace.py) ----------------------------------

    def link_project(self, project):
        """Say which project the proposal became; True when that changed something."""
        from ..signals import proposal_linked, send_on_commit

        if not self.is_published:
            raise ValidationError(
                _("Seule une proposition publiée peut être liée à un projet.")
            )
        if project.pk == self.project_id:
            return False
        with transaction.atomic():
            self.project = project
            self.project_linked_at = timezone.now()
            # Not updated_at: that is the date of the resident's own last change.
            self.save(update_fields=["project", "project_linked_at"])
            send_on_commit(proposal_linked, Proposal, proposal=self, project=project)
        return True

    def unlink_project(self):
        if self.project_id is None:
            return False
        self.project = None
        self.project_linked_at = None
        self.save(update_fields=["project", "project_linked_at"])
        return True

    def trace(self):
        """The dated steps of what became of the proposal (see participation/trace.py)."""
        from ..trace import proposal_trace

        return proposal_trace(self)

    def followers(self):
        """Everyone an answer concerns: the author, the supporters, the followers."""
        from accounts.models import User

        return User.objects.filter(
            Q(pk=self.author_id)
            | Q(participation_supports__proposal=self)
            | Q(participation_follows__proposal=self)
        ).distinct()


class Stance(models.TextChoices):
    """The optional tag of a comment, counted in the synthesis."""

    FOR = "pour", _("Pour")
    AGAINST = "contre", _("Contre")
    QUESTION = "question", _("Question")


class CommentQuerySet(ContributionQuerySet):
    def with_author(self):
        """With what the signature shows (a mairie's name for a resident's deposit)."""
        return self.select_related("author", "deposit_commune").defer(
            "deposit_commune__geometry"
        )

    def stance_counts(self):
        """Published comments per stance, in one query: {"pour": n, "contre": n, …}."""
        counted = self.filter(status=Status.PUBLISHED, deleted_at__isnull=True)
        return counted.aggregate(
            **{
                stance.value: Count("pk", filter=Q(stance=stance.value))
                for stance in Stance
            }
        )


class Comment(Contribution):
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("en réponse à"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    body = models.TextField(_("commentaire"))
    stance = models.CharField(
        _("étiquette"), max_length=10, choices=Stance.choices, blank=True
    )
    edited_at = models.DateTimeField(_("modifié le"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("supprimé le"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    deposit_mark = _("%(name)s (déposé en mairie %(of_commune)s)")

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        constraints = [deposit_is_complete("comment")]
        indexes = [
            # A thread page: its 20 top-level comments in order, straight from the index
            # (partial: "parent IS NULL" in the key would not give the order).
            models.Index(
                fields=["proposal", "created_at", "id"],
                condition=Q(parent__isnull=True),
                name="participation_comment_thread",
            ),
            models.Index(
                fields=["consultation", "created_at", "id"],
                condition=Q(parent__isnull=True, proposal__isnull=True),
                name="participation_comment_cthread",
            ),
            # A page of a thread and its replies, in one query (views.comment_thread).
            models.Index(
                Coalesce("parent_id", "id"), name="participation_comment_root"
            ),
            # Recounting a proposal's published comments, and counting them per
            # stance, read only this index.
            models.Index(
                fields=["proposal", "stance"],
                condition=Q(status=Status.PUBLISHED, deleted_at__isnull=True),
                name="participation_comment_counted",
            ),
        ]

    def __str__(self):
        return self.excerpt

    def get_absolute_url(self):
        if self.proposal_id:
            base = reverse("participation:proposal", args=[self.proposal_id])
        else:
            base = self.consultation.url
        return f"{base}#commentaire-{self.pk}"

    @property
    def excerpt(self):
        if self.is_deleted:
            return str(_("Commentaire supprimé"))
        return self.body if len(self.body) <= 80 else self.body[:79] + "…"

    @property
    def kind_label(self):
        return _("commentaire")

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def target(self):
        return self.proposal or self.consultation

    def notify_reply(self):
        """Tell the parent comment's author about this reply, once it is public."""
        from accounts.notifications import absolute_url, notify

        from ..notifications import REPLY

        parent = self.parent
        if (
            parent is None
            or parent.author_id is None
            or parent.author_id == self.author_id
            or not self.is_published
        ):
            return False
        return notify(
            parent.author,
            "participation/emails/reply",
            {
                "comment": self,
                "parent": parent,
                "url": absolute_url(self.get_absolute_url()),
            },
            topic=REPLY,
        )

    @transaction.atomic
    def edit(self, body, stance=None):
        """Change the text (and the stance) and keep the previous text: moderators
        can see every version."""
        changed = []
        if stance is not None and stance != self.stance:
            self.stance = stance
            changed.append("stance")
        if body != self.body:
            CommentRevision.objects.create(comment=self, body=self.body)
            self.body = body
            self.edited_at = timezone.now()
            changed += ["body", "edited_at"]
        if changed:
            self.save(update_fields=[*changed, "updated_at"])

    @transaction.atomic
    def remove(self):
        """Delete; where replies hang from it, a placeholder keeps the thread readable."""
        if self.parent_id is None and self.replies.exists():
            self.revisions.all().delete()
            self.body = ""
            self.deleted_at = timezone.now()
            self.save(update_fields=["body", "deleted_at", "updated_at"])
            return False
        self.delete()
        return True


class ProposalRevision(models.Model):
    """The previous words of an edited proposal."""

    TEXTS = ("title", "easy_read", "body")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="revisions"
    )
    title = models.CharField(_("titre précédent"), max_length=140)
    easy_read = models.TextField(_("« en bref » précédent"), blank=True)
    body = models.TextField(_("texte précédent"))
    created_at = models.DateTimeField(_("remplacé le"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("version précédente d’une proposition")
        verbose_name_plural = _("versions précédentes des propositions")

    def __str__(self):
        return self.title


class CommentRevision(models.Model):
    """A previous text of an edited comment."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("texte précédent"))
    created_at = models.DateTimeField(_("remplacé le"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("version précédente d’un commentaire")
        verbose_name_plural = _("versions précédentes des commentaires")

    def __str__(self):
        return self.body[:80]


class Support(models.Model):
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposition"),
        on_delete=models.CASCADE,
        related_name="supports",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant·e"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="participation_supports",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("soutien")
        verbose_name_plural = _("soutiens")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"], name="one_support_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.proposal}"


class Follow(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="participation_follows",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"], name="one_follow_per_person"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.proposal}"


class Answer(models.Model):
    """The official answer to a proposal: a status and the reasons, in plain words."""

    proposal = models.OneToOneField(
        Proposal,
        verbose_name=_("proposition"),
        on_delete=models.CASCADE,
        related_name="answer",
    )
    status = models.CharField(_("réponse"), max_length=12, choices=AnswerStatus.choices)
    explanation = models.TextField(_("explication"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rédigée par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("publiée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("réponse officielle")
        verbose_name_plural = _("réponses officielles")

    def __str__(self):
        return f"{self.proposal} — {self.get_status_display()}"

    def notify_followers(self):
        """A step for everyone the proposal concerns: whether they wrote, supported or
        follow it, each hears of this answer once (a new status is a new step)."""
        from accounts.notifications import absolute_url, announce

        from ..notifications import ANSWER

        return announce(
            self.proposal.followers(),
            f"proposal:{self.proposal_id}:answer:{self.status}",
            "participation/emails/answer",
            {
                "answer": self,
                "proposal": self.proposal,
                "url": absolute_url(self.proposal.get_absolute_url()),
            },
            topic=ANSWER,
        )
