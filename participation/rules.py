"""Who may do what, when: role × phase × options, as composable predicates.

Each permission is a list of checks, each a predicate and the French message shown when it
fails, so the server refuses with the reason and pages say beforehand what is possible.
Views, templates and the admin all ask ``user.has_perm(name, obj)``; ``refusal()`` gives
the first reason why not. The dialect is the project's one (``cms.permissions``); the
staff roles are Django permissions granted to groups (``participation.moderate``,
``participation.link_proposal``), never group names.
"""

import rules
from django.core.exceptions import ObjectDoesNotExist
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.permissions import allowed as allowed  # asked here by views and the admin
from cms.permissions import define, explain, holds, is_active, is_verified, memo
from cms.permissions import refusal as refusal
from cms.permissions import require as require

from . import phases


def consultation_of(obj):
    """The consultation is the one page these rules are given; anything else (a
    contribution, a mayors' deposit) belongs to one. Told apart by Wagtail's base class,
    so that the rules, which the models use, import no model."""
    if obj is None or isinstance(obj, Page):
        return obj
    return obj.consultation


# --- roles -----------------------------------------------------------------------


@rules.predicate
def is_not_blocked(user):
    """Read from the participation profile that comes with ``request.user``."""
    if not user.is_authenticated:
        return True
    try:
        return not user.participation_profile.contribution_blocked
    except ObjectDoesNotExist:
        return True


@rules.predicate
def can_contribute(user):
    """The accounts app decides: signed in, e-mail verified, not blocked."""
    return user.is_authenticated and memo(
        user, "contribute", lambda: user.has_perm("accounts.contribute")
    )


is_moderator = holds("participation.moderate")


@rules.predicate
def is_author(user, contribution):
    return (
        contribution is not None
        and user.is_authenticated
        and contribution.author_id == user.pk
    )


# --- phase and options -------------------------------------------------------------


def phase_allows(feature):
    @rules.predicate(name=f"phase_allows_{feature}")
    def predicate(user, obj):
        consultation = consultation_of(obj)
        return consultation is not None and feature in consultation.phase.allows

    return predicate


def option_allows(feature):
    @rules.predicate(name=f"option_allows_{feature}")
    def predicate(user, obj):
        consultation = consultation_of(obj)
        return consultation is not None and consultation.allows(feature)

    return predicate


@rules.predicate
def below_proposal_limit(user, consultation):
    return (
        consultation is not None
        and memo(
            user,
            ("proposals", consultation.pk),
            lambda: consultation.proposals_count_by(user),
        )
        < consultation.max_proposals_per_person
    )


@rules.predicate
def target_is_published(user, obj):
    """A consultation itself, or a contribution still shown."""
    if obj is None:
        return False
    if isinstance(obj, Page):
        return True
    return obj.is_published and not getattr(obj, "is_deleted", False)


@rules.predicate
def in_edit_window(user, comment):
    return comment is not None and comment.in_edit_window


@rules.predicate
def still_standing(user, proposal):
    """Published or awaiting review: neither hidden by moderation nor withdrawn."""
    return proposal is not None and (proposal.is_published or proposal.is_pending)


@rules.predicate
def not_deleted(user, comment):
    return comment is not None and not comment.is_deleted


# --- appeals -------------------------------------------------------------------------


@rules.predicate
def target_is_hidden(user, contribution):
    return (
        contribution is not None
        and contribution.is_hidden
        and not getattr(contribution, "is_deleted", False)
    )


@rules.predicate
def not_yet_appealed(user, contribution):
    """``has_appeal`` when the page read it along with the contribution, else a query."""
    if contribution is None:
        return False
    known = getattr(contribution, "has_appeal", None)
    if known is None:
        known = contribution.appeals.exists()
    return not known


@rules.predicate
def appeal_is_open(user, appeal):
    return appeal is not None and appeal.is_open


@rules.predicate
def did_not_hide_it(user, appeal):
    return appeal is not None and appeal.hidden_by_id != user.pk


@rules.predicate
def is_a_resident(user, participant):
    """Not a member of staff: their rights are taken back in the accounts, not here."""
    return participant is not None and not (
        participant.is_staff or participant.is_superuser
    )


# --- messages ----------------------------------------------------------------------


def phase_message(user, obj):
    """Why the phase refuses: when it opens, or since when it is closed (also used by
    mayors' deposit rules)."""
    consultation = consultation_of(obj)
    state = consultation.state
    if state == phases.State.UPCOMING:
        return _("La consultation ouvrira le %(date)s.") % {
            "date": date_format(localtime(consultation.opens_at), "DATETIME_FORMAT")
        }
    return _("La consultation est close depuis le %(date)s.") % {
        "date": date_format(localtime(consultation.closes_at), "DATETIME_FORMAT")
    }


SIGN_IN = (is_active, _("Connectez-vous pour participer."))
NOT_BLOCKED = (
    is_not_blocked,
    _(
        "Votre compte ne peut plus contribuer, suite à une décision de modération. "
        "Écrivez-nous si vous pensez qu’il s’agit d’une erreur."
    ),
)
VERIFIED = (
    can_contribute,
    _(
        "Confirmez d’abord votre adresse électronique (lien reçu par courriel) "
        "pour pouvoir participer."
    ),
)
RESIDENT = (SIGN_IN, NOT_BLOCKED, VERIFIED)


# Throwaway accounts never sway a decision: every act that counts needs a verified
# address (verified, blocked or not: what following and appealing ask).
VERIFIED_ADDRESS = (is_verified, VERIFIED[1])


define(
    "participation.add_proposal",
    *RESIDENT,
    (phase_allows(phases.PROPOSE), phase_message),
    (
        option_allows(phases.PROPOSE),
        _("Cette consultation ne reçoit pas de propositions des habitant·es."),
    ),
    (
        below_proposal_limit,
        _(
            "Vous avez déjà déposé le nombre maximal de propositions pour cette consultation."
        ),
    ),
)
define(
    "participation.add_comment",
    *RESIDENT,
    (phase_allows(phases.COMMENT), phase_message),
    (
        option_allows(phases.COMMENT),
        _("Les commentaires sont fermés pour cette consultation."),
    ),
    (target_is_published, _("On ne peut pas commenter ce contenu.")),
)
define(
    "participation.support_proposal",
    *RESIDENT,
    (phase_allows(phases.SUPPORT), phase_message),
    (
        option_allows(phases.SUPPORT),
        _("Les soutiens ne sont pas ouverts pour cette consultation."),
    ),
    (target_is_published, _("On ne peut pas soutenir ce contenu.")),
    (~is_author, _("Vous ne pouvez pas soutenir votre propre proposition.")),
)
define(
    "participation.change_comment",
    *RESIDENT,
    (is_author, _("Vous ne pouvez modifier que vos propres commentaires.")),
    (not_deleted, _("Ce commentaire a été supprimé.")),
    (phase_allows(phases.COMMENT), phase_message),
    (
        in_edit_window,
        _("Le délai pour modifier ce commentaire est dépassé."),
    ),
)
define(
    "participation.delete_comment",
    *RESIDENT,
    (is_author, _("Vous ne pouvez supprimer que vos propres commentaires.")),
    (not_deleted, _("Ce commentaire a déjà été supprimé.")),
    (phase_allows(phases.COMMENT), phase_message),
)
define(
    "participation.change_proposal",
    *RESIDENT,
    (is_author, _("Vous ne pouvez modifier que vos propres propositions.")),
    (
        still_standing,
        _("Une proposition masquée ou retirée ne peut plus être modifiée."),
    ),
    (phase_allows(phases.PROPOSE), phase_message),
    (in_edit_window, _("Le délai pour modifier cette proposition est dépassé.")),
)
define(
    "participation.withdraw_proposal",
    *RESIDENT,
    (is_author, _("Vous ne pouvez retirer que vos propres propositions.")),
    (still_standing, _("Cette proposition est déjà masquée ou retirée.")),
    (phase_allows(phases.PROPOSE), phase_message),
)
define(
    "participation.report_contribution",
    SIGN_IN,
    NOT_BLOCKED,
    VERIFIED_ADDRESS,
    (
        ~is_author,
        _("Vous ne pouvez pas signaler votre propre contribution."),
    ),
    (target_is_published, _("Ce contenu n’est pas publié.")),
    (phase_allows(phases.REPORT), phase_message),
)
define("participation.follow_proposal", SIGN_IN, VERIFIED_ADDRESS)
MODERATION_ONLY = _("Cet écran est réservé à l’équipe de modération.")
explain("participation.moderate", MODERATION_ONLY)
define(
    "participation.block_participant",
    (is_moderator, MODERATION_ONLY),
    (
        is_a_resident,
        _(
            "Un membre de l’équipe ne se bloque pas depuis la modération : ses droits "
            "se retirent dans la gestion des comptes."
        ),
    ),
    binding_superusers=True,
)
# Not the phase nor a block: whoever wrote a hidden contribution may contest it.
define(
    "participation.appeal_contribution",
    SIGN_IN,
    VERIFIED_ADDRESS,
    (
        is_author,
        _(
            "Seule la personne qui a écrit cette contribution peut en demander le réexamen."
        ),
    ),
    (
        target_is_hidden,
        _("Seule une contribution masquée par la modération peut être réexaminée."),
    ),
    (
        not_yet_appealed,
        _(
            "Vous avez déjà demandé le réexamen de cette contribution : une seule "
            "demande est possible."
        ),
    ),
)
define(
    "participation.decide_appeal",
    (is_moderator, MODERATION_ONLY),
    (appeal_is_open, _("Cette demande de réexamen a déjà été tranchée.")),
    (
        did_not_hide_it,
        _(
            "Vous avez masqué cette contribution : son réexamen revient à une autre "
            "personne de l’équipe de modération."
        ),
    ),
    binding_superusers=True,
)
explain(
    "participation.link_proposal",
    _(
        "Le suivi des propositions est réservé à la modération et aux politiques contractuelles."
    ),
)
