"""Contributions entered at the mairie for residents who came in person or wrote on paper.

The contributions themselves belong to participation (``Contribution.deposit_at_mairie``,
moderated like any other); here: what a deposit is about (the object the rules judge),
the consultations a mairie may deposit for, what it deposited, and the depositing
account's share of the right of access and erasure.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone

from cms import restrictions
from contrats.models import Commune
from participation.models import Comment, ConsultationPage, Proposal


@dataclass(frozen=True)
class Deposit:
    """A deposit for ``commune`` on a consultation, or on one of its proposals.

    What ``mayors.deposit_proposal`` and ``mayors.deposit_comment`` are asked about;
    ``consultation`` makes participation's phase and option predicates apply as is.
    """

    commune: Commune
    consultation: ConsultationPage
    proposal: Proposal | None = None

    @property
    def target(self):
        return self.proposal or self.consultation

    def concerns_commune(self):
        """A consultation open to every commune, or one that names this one."""
        known = getattr(self.consultation, "concerns_commune", None)
        if known is not None:  # annotated by open_consultations()
            return known
        communes = ConsultationPage.communes.through.objects.filter(
            consultationpage_id=self.consultation.pk
        )
        return not communes.exists() or communes.filter(commune=self.commune).exists()


def public_consultations(request=None):
    """Live consultations outside every private section (cms.restrictions)."""
    return restrictions.public(ConsultationPage.objects.live(), request)


def open_consultations(commune, request=None, now=None):
    """The consultations open today that take proposals or comments, soonest closing
    first, each annotated with whether it concerns ``commune``."""
    now = now or timezone.now()
    links = ConsultationPage.communes.through.objects.filter(
        consultationpage_id=OuterRef("pk")
    )
    return (
        public_consultations(request)
        .filter(opens_at__lte=now, closes_at__gt=now)
        .filter(Q(allow_proposals=True) | Q(allow_comments=True))
        .annotate(
            concerns_commune=ExpressionWrapper(
                ~Exists(links) | Exists(links.filter(commune=commune)),
                output_field=BooleanField(),
            )
        )
        .order_by("closes_at", "pk")
    )


def upcoming_consultations(request=None, now=None):
    """The consultations still to open: their posters can go up beforehand."""
    now = now or timezone.now()
    return (
        public_consultations(request)
        .filter(opens_at__gt=now)
        .only("title", "slug", "url_path", "opens_at", "closes_at")
        .order_by("opens_at", "pk")
    )


def deposited_proposals(commune):
    return (
        Proposal.objects.filter(deposit_commune=commune)
        .select_related("consultation", "deposited_by")
        .order_by("-created_at", "-pk")
    )


def deposited_comments(commune):
    return (
        Comment.objects.filter(deposit_commune=commune)
        .select_related("consultation", "proposal", "deposited_by")
        .order_by("-created_at", "-pk")
    )


# --- the right of access and erasure of the account that typed the deposits --------


def row(contribution):
    return {
        "id": contribution.pk,
        "consultation": contribution.consultation.title,
        "habitant_e": contribution.resident_name,
        "mairie": contribution.deposit_commune.name,
        "arrivee": contribution.get_channel_display(),
        "accord_recueilli_le": contribution.consent_at,
        "etat": contribution.get_status_display(),
        "deposee_le": contribution.created_at,
    }


def export_data(user):
    """What this account entered for residents: the account's activity, with the names
    the residents gave (the official already holds them on paper)."""
    proposals = Proposal.objects.filter(deposited_by=user).select_related(
        "consultation", "deposit_commune"
    )
    comments = Comment.objects.filter(deposited_by=user).select_related(
        "consultation", "proposal", "deposit_commune"
    )
    return {
        "propositions": [
            {**row(p), "titre": p.title, "en_bref": p.easy_read, "texte": p.body}
            for p in proposals
        ],
        "commentaires": [
            {
                **row(c),
                "proposition": c.proposal.title if c.proposal else None,
                "texte": c.body,
            }
            for c in comments
        ],
    }


def erase_data(user):
    """The residents' contributions stay, still signed with their names and the mairie's
    mark; only the link to the person who typed them goes (the consent's date stays)."""
    Proposal.objects.filter(deposited_by=user).update(deposited_by=None)
    Comment.objects.filter(deposited_by=user).update(deposited_by=None)
