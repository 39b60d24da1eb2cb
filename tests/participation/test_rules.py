"""Every role × phase × option for each permission, through user.has_perm as views ask it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from participation import rules as participation_rules
from participation.models import Appeal, ParticipantProfile

from . import factories

pytestmark = pytest.mark.django_db

STATES = ["upcoming", "open", "closed", "results"]


@pytest.fixture
def roles(db):
    blocked = factories.UserFactory()
    ParticipantProfile.to_write(blocked).block("spam")
    return {
        "anonymous": AnonymousUser(),
        "unverified": factories.unverified_user(),
        "resident": factories.UserFactory(),
        "blocked": blocked,
        "moderator": factories.moderator(),
    }


def fresh(user):
    """Rules remember facts per request; a new request gets a new user object."""
    if user.is_authenticated:
        return type(user).objects.get(pk=user.pk)
    return user


CONTRIBUTORS = {"resident", "moderator"}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("option", [True, False])
def test_add_proposal(site_root, roles, state, option):
    consultation = factories.consultation(site_root, state, allow_proposals=option)
    for role, user in roles.items():
        expected = role in CONTRIBUTORS and state == "open" and option
        allowed = fresh(user).has_perm("participation.add_proposal", consultation)
        assert allowed is expected, (role, state, option)
        reason = participation_rules.refusal(
            fresh(user), "participation.add_proposal", consultation
        )
        assert (reason is None) is expected


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("option", [True, False])
def test_add_comment_on_consultation_and_proposal(site_root, roles, state, option):
    consultation = factories.consultation(site_root, state, allow_comments=option)
    proposal = factories.ProposalFactory(consultation=consultation)
    for role, user in roles.items():
        expected = role in CONTRIBUTORS and state == "open" and option
        for target in (consultation, proposal):
            assert (
                fresh(user).has_perm("participation.add_comment", target) is expected
            ), (role, state, option, target)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("option", [True, False])
def test_support(site_root, roles, state, option):
    consultation = factories.consultation(site_root, state, allow_supports=option)
    proposal = factories.ProposalFactory(consultation=consultation)
    for role, user in roles.items():
        expected = role in CONTRIBUTORS and state == "open" and option
        assert (
            fresh(user).has_perm("participation.support_proposal", proposal) is expected
        ), (role, state, option)


@pytest.mark.parametrize("state", STATES)
def test_report_needs_sign_in_and_no_block(site_root, roles, state):
    """A blocked account reads but no longer reports (reports are not a weapon), nor
    does an account whose address was never confirmed (issue 14: throwaway sign-ups)."""
    consultation = factories.consultation(site_root, state)
    proposal = factories.ProposalFactory(consultation=consultation)
    for role, user in roles.items():
        expected = (
            role not in ("anonymous", "blocked", "unverified") and state != "upcoming"
        )
        assert (
            fresh(user).has_perm("participation.report_contribution", proposal)
            is expected
        ), (role, state)


def test_nobody_reports_their_own_contribution(site_root, resident):
    consultation = factories.consultation(site_root, "open")
    proposal = factories.ProposalFactory(consultation=consultation, author=resident)
    assert not fresh(resident).has_perm("participation.report_contribution", proposal)
    assert "propre" in participation_rules.refusal(
        fresh(resident), "participation.report_contribution", proposal
    )


@pytest.mark.parametrize("state", STATES)
def test_change_and_delete_own_comment(site_root, roles, state):
    consultation = factories.consultation(site_root, state)
    for role, user in roles.items():
        if not user.is_authenticated:
            continue
        comment = factories.CommentFactory(consultation=consultation, author=user)
        expected = role in CONTRIBUTORS and state == "open"
        assert (
            fresh(user).has_perm("participation.change_comment", comment) is expected
        ), (role, state)
        assert (
            fresh(user).has_perm("participation.delete_comment", comment) is expected
        ), (role, state)


def test_nobody_changes_someone_elses_comment(site_root, roles):
    consultation = factories.consultation(site_root, "open")
    comment = factories.CommentFactory(consultation=consultation)
    for user in roles.values():
        assert not fresh(user).has_perm("participation.change_comment", comment)
        assert not fresh(user).has_perm("participation.delete_comment", comment)


def test_hidden_proposal_takes_no_support_nor_comment(site_root, resident):
    consultation = factories.consultation(site_root, "open")
    proposal = factories.ProposalFactory(consultation=consultation, status="hidden")
    assert not fresh(resident).has_perm("participation.support_proposal", proposal)
    assert not fresh(resident).has_perm("participation.add_comment", proposal)


def test_proposal_limit_per_person(site_root, resident):
    consultation = factories.consultation(site_root, "open", max_proposals_per_person=1)
    assert fresh(resident).has_perm("participation.add_proposal", consultation)
    factories.ProposalFactory(consultation=consultation, author=resident)
    assert not fresh(resident).has_perm("participation.add_proposal", consultation)
    assert "nombre maximal" in participation_rules.refusal(
        fresh(resident), "participation.add_proposal", consultation
    )


def test_moderate_is_for_the_moderation_group(roles):
    assert fresh(roles["moderator"]).has_perm("participation.moderate")
    for role in ("anonymous", "unverified", "resident", "blocked"):
        assert not fresh(roles[role]).has_perm("participation.moderate")
    assert not factories.communication_staff().has_perm("participation.moderate")


def test_refusal_messages_say_why(site_root, roles):
    upcoming = factories.consultation(site_root, "upcoming")
    closed = factories.consultation(site_root, "closed")
    resident = fresh(roles["resident"])
    assert "ouvrira le" in participation_rules.refusal(
        resident, "participation.add_proposal", upcoming
    )
    assert "close depuis le" in participation_rules.refusal(
        fresh(roles["resident"]), "participation.add_proposal", closed
    )
    assert "Connectez-vous" in participation_rules.refusal(
        roles["anonymous"], "participation.add_proposal", upcoming
    )
    assert "Confirmez" in participation_rules.refusal(
        fresh(roles["unverified"]), "participation.add_proposal", upcoming
    )
    assert "modération" in participation_rules.refusal(
        fresh(roles["blocked"]), "participation.add_proposal", upcoming
    )


# --- appeals: author / other resident / moderator A who hid / moderator B ---------------

APPEAL_ROLES = ["anonymous", "author", "other resident", "moderator A", "moderator B"]


@pytest.fixture
def appeal_roles(db):
    return {
        "anonymous": AnonymousUser(),
        "author": factories.UserFactory(),
        "other resident": factories.UserFactory(),
        "moderator A": factories.moderator(),
        "moderator B": factories.moderator(),
    }


@pytest.mark.parametrize("state", ["open", "closed", "results"])
@pytest.mark.parametrize("status", ["published", "pending", "hidden"])
@pytest.mark.parametrize("kind", ["proposal", "comment"])
def test_appeal_contribution(site_root, appeal_roles, state, status, kind):
    """Only the author, only a hidden contribution, only once; in every phase."""
    consultation = factories.consultation(site_root, state)
    author = appeal_roles["author"]
    if kind == "proposal":
        contribution = factories.ProposalFactory(
            consultation=consultation, author=author, status=status
        )
    else:
        contribution = factories.CommentFactory(
            consultation=consultation, author=author, status=status
        )
    for role, user in appeal_roles.items():
        expected = role == "author" and status == "hidden"
        assert (
            fresh(user).has_perm("participation.appeal_contribution", contribution)
            is expected
        ), (role, state, status)
    if status == "hidden":
        Appeal.file(contribution, author, "Je conteste.")
        assert not fresh(author).has_perm(
            "participation.appeal_contribution", contribution
        )
        assert "une seule demande" in participation_rules.refusal(
            fresh(author), "participation.appeal_contribution", contribution
        )


@pytest.mark.parametrize("decided", [False, True])
@pytest.mark.parametrize("hidden_by_reports", [False, True])
def test_decide_appeal(site_root, appeal_roles, decided, hidden_by_reports):
    consultation = factories.consultation(site_root, "open")
    proposal = factories.ProposalFactory(
        consultation=consultation, author=appeal_roles["author"]
    )
    if hidden_by_reports:
        for _ in range(3):
            proposal.report(factories.UserFactory(), "spam")
    else:
        factories.hidden_by(appeal_roles["moderator A"], proposal)
    appeal = Appeal.file(proposal, appeal_roles["author"], "Je conteste.")
    if decided:
        appeal.decide(factories.moderator(), "upheld", "Maintenu.")
    roles = {**appeal_roles, "communication": factories.communication_staff()}
    for role, user in roles.items():
        expected = (
            not decided
            and role in ("moderator A", "moderator B")
            and (hidden_by_reports or role == "moderator B")
        )
        assert (
            participation_rules.allowed(
                fresh(user), "participation.decide_appeal", appeal
            )
            is expected
        ), (role, decided, hidden_by_reports)
