"""What "Mon compte" shows and what the right of access and erasure cover, for participation."""

from django.db.models import Count, Exists, OuterRef, Subquery

from .models import (
    Appeal,
    Comment,
    Follow,
    ModerationDecision,
    Proposal,
    Report,
    Support,
)

DASHBOARD_LIMIT = 20


def with_appeal(contributions, field):
    """Whether an appeal was made, and its outcome, read along with each row."""
    appeals = Appeal.objects.filter(**{field: OuterRef("pk")})
    return contributions.annotate(
        has_appeal=Exists(appeals),
        appeal_outcome=Subquery(appeals.values("outcome")[:1]),
    )


def dashboard_context(request):
    user = request.user
    proposals = with_appeal(
        Proposal.objects.filter(author=user)
        .select_related("consultation", "answer")
        .annotate(supports_total=Count("supports"))
        .order_by("-created_at"),
        "proposal",
    )
    comments = with_appeal(
        Comment.objects.filter(author=user, deleted_at__isnull=True)
        .select_related("consultation", "proposal")
        .order_by("-created_at"),
        "comment",
    )
    return {
        "my_proposals": proposals[:DASHBOARD_LIMIT],
        "my_comments": comments[:DASHBOARD_LIMIT],
        "my_supports": Support.objects.filter(user=user)
        .select_related("proposal")
        .order_by("-created_at")[:DASHBOARD_LIMIT],
        "my_follows": Follow.objects.filter(user=user)
        .select_related("proposal")
        .order_by("-created_at")[:DASHBOARD_LIMIT],
    }


def export_data(user):
    """Everything the participation app holds about one person."""
    return {
        "propositions": [
            {
                "id": p.pk,
                "consultation": p.consultation.title,
                "titre": p.title,
                "en_bref": p.easy_read,
                "texte": p.body,
                "categorie": p.category.name if p.category else None,
                "commune": p.commune.name if p.commune else None,
                "latitude": p.latitude,
                "longitude": p.longitude,
                "etat": p.get_status_display(),
                "deposee_le": p.created_at,
                "modifiee_le": p.updated_at,
                "versions_precedentes": [
                    {"titre": r.title, "en_bref": r.easy_read, "texte": r.body}
                    for r in p.revisions.all()
                ],
            }
            for p in Proposal.objects.filter(author=user)
            .select_related("consultation", "category", "commune")
            .prefetch_related("revisions")
        ],
        "commentaires": [
            {
                "id": c.pk,
                "consultation": c.consultation.title,
                "proposition": c.proposal.title if c.proposal else None,
                "en_reponse_a": (
                    {"auteur": c.parent.author_name, "texte": c.parent.body}
                    if c.parent
                    else None
                ),
                "position": c.get_stance_display() if c.stance else None,
                "texte": c.body,
                "versions_precedentes": [r.body for r in c.revisions.all()],
                "etat": c.get_status_display(),
                "supprime_le": c.deleted_at,
                "modifie_le": c.edited_at,
                "depose_le": c.created_at,
            }
            for c in Comment.objects.filter(author=user)
            .select_related("consultation", "proposal", "parent__author")
            .prefetch_related("revisions")
        ],
        "soutiens": [
            {"proposition": s.proposal.title, "date": s.created_at}
            for s in Support.objects.filter(user=user).select_related("proposal")
        ],
        "propositions_suivies": [
            {"proposition": f.proposal.title, "date": f.created_at}
            for f in Follow.objects.filter(user=user).select_related("proposal")
        ],
        "signalements": [
            {
                "contenu": str(r.contribution.excerpt),
                "motif": r.get_reason_display(),
                "precisions": r.details,
                "date": r.created_at,
            }
            for r in Report.objects.filter(reporter=user).select_related(
                "proposal", "comment"
            )
        ],
        "decisions_de_moderation": [
            {
                "decision": d.get_action_display(),
                "motif": d.reason,
                "objet": d.subject,
                "date": d.at,
            }
            for d in ModerationDecision.objects.filter(participant=user)
        ],
        "demandes_de_reexamen": [
            {
                "contenu": str(a.contribution.excerpt),
                "explication": a.explanation,
                "date": a.created_at,
                "decision": a.get_outcome_display(),
                "decidee_le": a.decided_at,
            }
            for a in Appeal.objects.filter(author=user).select_related(
                "proposal", "comment"
            )
        ],
    }


def erase_data(user):
    """Contributions stay, signed "Participant·e supprimé·e" (the charter); links to the person go.

    Supports stay as anonymous counts; follows, reports and the moderation log's
    link to the person are removed.
    """
    Support.objects.filter(user=user).update(user=None)
    Follow.objects.filter(user=user).delete()
    Report.objects.filter(reporter=user).delete()
    # The figures stay (public statistics); the person and their words go.
    Appeal.objects.filter(author=user).update(author=None, explanation="")
    ModerationDecision.objects.filter(participant=user).update(participant=None)
    Comment.objects.filter(author=user, status="pending").delete()
    Proposal.objects.filter(author=user, status="pending").delete()
