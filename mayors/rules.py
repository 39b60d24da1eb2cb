"""Who may do what in the intranet: one place, asked by views, templates and the admin.

A commune's people see only their commune (an EPCI référent·e, the EPCI's communes);
a delegate prepares drafts; only the mayor or the designated adjoint·e submits; staff
with the review permission see everything and decide. An organisation's members see
and draft only their organisation's dossiers; its legal representative (or a member
designated) submits.
"""

import rules
from django.utils.translation import gettext_lazy as _

from cms.permissions import define, explain, holds
from participation import phases
from participation import rules as participation_rules

from .models import Role

REVIEW_PERMISSION = "mayors.review_submission"


def _memberships(user):
    """Active memberships, cached on the user object for one request."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, "_mayors_memberships", None)
    if cached is None:
        # The outlines (GeoJSON) are heavy and never shown with a membership.
        cached = list(
            user.memberships.filter(is_active=True)
            .select_related("commune", "epci", "organisation")
            .defer("commune__geometry", "epci__geometry")
        )
        user._mayors_memberships = cached
    return cached


def commune_ids(user, *, submitters_only=False):
    return {
        m.commune_id
        for m in _memberships(user)
        if m.commune_id and (m.may_submit or not submitters_only)
    }


def drafting_commune_ids(user):
    """Communes for which the user may prepare drafts (not EPCI référent·es)."""
    return {
        m.commune_id
        for m in _memberships(user)
        if m.commune_id and m.role != Role.REFERENT_EPCI
    }


def epci_ids(user):
    return {m.epci_id for m in _memberships(user) if m.epci_id}


def organisation_ids(user, *, submitters_only=False):
    return {
        m.organisation_id
        for m in _memberships(user)
        if m.organisation_id
        and m.organisation.is_active
        and (m.may_submit or not submitters_only)
    }


@rules.predicate
def is_member(user):
    return bool(_memberships(user))


is_reviewer = holds(REVIEW_PERMISSION)


@rules.predicate
def belongs_to_commune(user, submission):
    """The dossier's holder is one of the user's: their commune (or one of their
    EPCI's communes), or their organisation."""
    if submission is None:
        return False
    if submission.commune_id is None:
        return submission.organisation_id in organisation_ids(user)
    if submission.commune_id in commune_ids(user):
        return True
    epcis = epci_ids(user)
    return bool(epcis) and submission.commune.epci_id in epcis


@rules.predicate
def drafts_for_commune(user, submission):
    if submission is None:
        return False
    if submission.commune_id is None:
        return submission.organisation_id in organisation_ids(user)
    return submission.commune_id in drafting_commune_ids(user)


@rules.predicate
def submits_for_commune(user, submission):
    if submission is None:
        return False
    if submission.commune_id is None:
        return submission.organisation_id in organisation_ids(
            user, submitters_only=True
        )
    return submission.commune_id in commune_ids(user, submitters_only=True)


@rules.predicate
def is_editable(user, submission):
    return submission is not None and submission.is_editable()


@rules.predicate
def speaks_for_commune(user, commune):
    """The Conférence's opinion: one voice, given by the mayor (or designated adjoint·e)."""
    return commune is not None and getattr(commune, "pk", commune) in commune_ids(
        user, submitters_only=True
    )


@rules.predicate
def designates_for(user, official):
    """The mayor designates which adjoint·e may submit for the commune; an
    organisation's legal representative, which member may submit for it."""
    if official is None:
        return False
    if official.role == Role.ADJOINT:
        return any(
            m.role == Role.MAIRE and m.commune_id == official.commune_id
            for m in _memberships(user)
        )
    if official.role == Role.MEMBRE:
        return official.organisation_id in representative_of(user)
    return False


def representative_of(user):
    """The active organisations the user is the legal representative of."""
    return {
        m.organisation_id
        for m in _memberships(user)
        if m.role == Role.REPRESENTANT
        and m.organisation_id
        and m.organisation.is_active
    }


NOT_A_SUBMITTER = _(
    "Seul·e le ou la maire, ou l’adjoint·e qu’il ou elle a désigné·e, dépose les "
    "dossiers de la commune. Signalez-lui que le dossier est prêt."
)
DEADLINE_PASSED = _(
    "La date limite de cet appel est passée pour votre commune : il n’est plus possible "
    "d’y ajouter une priorité. Écrivez à l’équipe du PETR si un délai est justifié."
)
ALREADY_DEPOSITED = _(
    "Ce dossier est déposé : il ne peut plus être modifié, sauf si l’équipe du PETR "
    "vous le renvoie pour correction. Écrivez-lui depuis la page du dossier."
)


NOT_A_MEMBER = _(
    "L’espace des élus est réservé aux personnes invitées par l’équipe du PETR."
)
NOT_THEIR_COMMUNE = _("Ce dossier est celui d’un autre porteur.")
NOT_A_REVIEWER = _("L’instruction des priorités est réservée à l’équipe du PETR.")

define("mayors.access_intranet", (is_member, NOT_A_MEMBER))
define(
    "mayors.designate_submitter",
    (
        designates_for,
        _(
            "Seul·e le ou la maire désigne l’adjoint·e qui dépose pour la commune, et "
            "seul·e le ou la représentant·e légal·e le membre qui dépose pour "
            "l’organisation."
        ),
    ),
)
define("mayors.read_submission", (belongs_to_commune | is_reviewer, NOT_THEIR_COMMUNE))
# Named so that a list can test it per row without going through every backend.
edit_submission = drafts_for_commune & is_editable

define(
    "mayors.edit_submission",
    (drafts_for_commune, NOT_THEIR_COMMUNE),
    (is_editable, _("Ce dossier ne peut plus être modifié.")),
)
define("mayors.submit_submission", (submits_for_commune, NOT_A_SUBMITTER))
define("mayors.withdraw_submission", (submits_for_commune, NOT_A_SUBMITTER))
# The secretary or an undesignated adjoint·e tells the mayor a draft is ready.
define(
    "mayors.signal_ready",
    (drafts_for_commune, NOT_THEIR_COMMUNE),
    (
        ~submits_for_commune,
        _("Vous déposez vous-même ce dossier."),
    ),
    (is_editable, _("Ce dossier ne peut plus être modifié.")),
)
define("mayors.write_message", (drafts_for_commune | is_reviewer, NOT_THEIR_COMMUNE))
define(
    "mayors.download_attachment", (belongs_to_commune | is_reviewer, NOT_THEIR_COMMUNE)
)
define("mayors.review", (is_reviewer, NOT_A_REVIEWER))
explain(
    "mayors.change_conferencesession",
    _(
        "Les séances de la Conférence des Maires sont gérées par l’équipe qui l’organise."
    ),
)
define(
    "mayors.give_opinion",
    (
        speaks_for_commune,
        _(
            "L’avis de la commune est donné par le ou la maire, ou l’adjoint·e "
            "désigné·e."
        ),
    ),
)


# --- contributions deposited at the mairie on behalf of residents --------------------
# The people who receive residents at the mairie (mayor, adjoint·es, secrétaire): an
# EPCI référent·e has no counter of their own. The consultation's phase and options
# apply as for a resident (participation.rules), with the same French messages.


@rules.predicate
def deposits_for_commune(user, commune):
    return commune is not None and getattr(commune, "pk", commune) in (
        drafting_commune_ids(user)
    )


@rules.predicate
def deposits_for_deposit_commune(user, deposit):
    return deposit is not None and deposits_for_commune.test(user, deposit.commune)


@rules.predicate
def deposit_concerns_commune(user, deposit):
    return deposit is not None and deposit.concerns_commune()


@rules.predicate
def deposit_target_is_published(user, deposit):
    return deposit is not None and participation_rules.target_is_published.test(
        user, deposit.target
    )


DEPOSIT_COMMUNE = (
    deposits_for_deposit_commune,
    _(
        "Seul·es le ou la maire, les adjoint·es et le secrétariat de mairie déposent pour les habitant·es de leur commune."
    ),
)

define(
    "mayors.deposit_for_resident",
    (deposits_for_commune, DEPOSIT_COMMUNE[1]),
)
define(
    "mayors.deposit_proposal",
    DEPOSIT_COMMUNE,
    (
        participation_rules.phase_allows(phases.PROPOSE),
        participation_rules.phase_message,
    ),
    (
        participation_rules.option_allows(phases.PROPOSE),
        _("Cette consultation ne reçoit pas de propositions des habitant·es."),
    ),
    (
        deposit_concerns_commune,
        _(
            "Cette consultation ne concerne pas votre commune : déposez plutôt un commentaire."
        ),
    ),
)
define(
    "mayors.deposit_comment",
    DEPOSIT_COMMUNE,
    (
        participation_rules.phase_allows(phases.COMMENT),
        participation_rules.phase_message,
    ),
    (
        participation_rules.option_allows(phases.COMMENT),
        _("Les commentaires sont fermés pour cette consultation."),
    ),
    (deposit_target_is_published, _("On ne peut pas commenter ce contenu.")),
)


# --- refusals that explain -----------------------------------------------------------


NOT_AN_ORGANISATION_SUBMITTER = _(
    "Seul·e le ou la représentant·e légal·e de l’organisation, ou le membre qu’il ou "
    "elle a désigné, dépose ses dossiers. Signalez-lui que le dossier est prêt."
)


def not_a_submitter(submission):
    """The refusal that names who does submit for this holder."""
    if submission is not None and submission.commune_id is None:
        return NOT_AN_ORGANISATION_SUBMITTER
    return NOT_A_SUBMITTER


def deposit_refusal(user, submission, missing=None):
    """Why this user cannot deposit this dossier now, in one French sentence, or None."""
    if not user.has_perm("mayors.submit_submission", submission):
        return not_a_submitter(submission)
    problems = submission.deposit_problems(missing=missing)
    return " ".join(problems) if problems else None


def edit_refusal(user, submission):
    """Why the dossier cannot be edited by this user (a 403 page says it)."""
    if not drafts_for_commune.test(user, submission):
        return _(
            "Un·e référent·e EPCI suit les dossiers des communes sans les rédiger."
        )
    if submission.state == submission.State.DRAFT:
        return _(
            "La date limite de l’appel est passée : ce brouillon ne peut plus être "
            "modifié."
        )
    return ALREADY_DEPOSITED
