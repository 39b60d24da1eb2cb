"""What participation adds to the account: sign-up and profile fields, "Mon compte",
and what the right of access and erasure cover (declared in wagtail_hooks.py)."""

from django import forms
from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import AccountFields, page_link
from accounts.gdpr import french_key, jsonable
from cms.widgets import FastSelect
from contrats.models import Commune

from .charter import charter_page
from .models import (
    Appeal,
    Comment,
    Follow,
    ModerationDecision,
    ParticipantProfile,
    Proposal,
    Report,
    Support,
)

DASHBOARD_LIMIT = 20


def commune_field():
    return forms.ModelChoiceField(
        label=_("Commune de résidence (facultatif)"),
        queryset=Commune.objects.in_petr().order_by("sort_name"),
        required=False,
        empty_label=_("Non précisée"),
        widget=FastSelect,
        help_text=_(
            "Elle sert seulement à compter la participation commune par commune."
        ),
    )


class ResidentFields(AccountFields):
    """The resident's commune (sign-up and profile) and the charter (sign-up)."""

    def signup_fields(self, request):
        charter = forms.BooleanField(
            label=_("J’ai lu la charte de participation et je m’engage à la respecter"),
            error_messages={
                "required": _(
                    "Pour participer, vous devez accepter la charte de participation."
                )
            },
            help_text=page_link(
                charter_page(request),
                request,
                _("Lire la charte de participation"),
            ),
        )
        return {"commune": commune_field(), "accept_charter": charter}

    def profile_fields(self, user):
        field = commune_field()
        field.initial = ParticipantProfile.of(user).commune_id
        return {"commune": field}

    def save(self, user, cleaned_data):
        profile = ParticipantProfile.of(user)
        commune = cleaned_data.get("commune")
        accepted = cleaned_data.get("accept_charter")
        if profile._state.adding and commune is None and not accepted:
            return
        profile = ParticipantProfile.to_write(user)
        profile.commune = commune
        fields = ["commune"]
        if accepted:
            profile.charter_accepted_at = user.privacy_accepted_at or timezone.now()
            fields.append("charter_accepted_at")
        profile.save(update_fields=fields)


def profile_context(request):
    return {"profile": ParticipantProfile.of(request.user)}


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


def profile_data(user):
    """The profile's columns under their French names, as the account's are."""
    profile = ParticipantProfile.of(user)
    data = {}
    for field in ParticipantProfile._meta.concrete_fields:
        if field.name == "user":
            continue
        value = getattr(profile, field.name)
        if field.name == "commune" and value is not None:
            value = {"code_insee": value.insee_code, "nom": value.name}
        elif field.is_relation:
            value = str(value) if value is not None else None
        data[french_key(field)] = jsonable(value)
    return data


def export_data(user):
    """Everything the participation app holds about one person."""
    return {
        "profil": profile_data(user),
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
    profile = ParticipantProfile.of(user)
    if not profile._state.adding:
        profile.erase()
    Support.objects.filter(user=user).update(user=None)
    Follow.objects.filter(user=user).delete()
    Report.objects.filter(reporter=user).delete()
    # The figures stay (public statistics); the person and their words go.
    Appeal.objects.filter(author=user).update(author=None, explanation="")
    ModerationDecision.objects.filter(participant=user).update(participant=None)
    Comment.objects.filter(author=user, status="pending").delete()
    Proposal.objects.filter(author=user, status="pending").delete()
