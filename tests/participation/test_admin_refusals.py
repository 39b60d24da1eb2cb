"""Staff refused in the moderation desk get the admin's one refusal page: a 403 that
states the French reason of ``participation.rules``, inside the admin, and nothing
written; never a redirection to the dashboard."""

import pytest
from django.urls import reverse

from participation.models import Appeal, ModerationDecision, ParticipantProfile

from . import factories

pytestmark = pytest.mark.django_db


def assert_refused(response, reason):
    assert response.status_code == 403
    html = response.content.decode()
    assert reason in html
    assert "Accès refusé" in html
    assert reverse("wagtailadmin_home") in html  # the admin's chrome, and a way back


def test_the_moderator_who_hid_it_does_not_decide_the_appeal(
    client, proposal, moderator
):
    factories.hidden_by(moderator, proposal)
    appeal = Appeal.file(proposal, proposal.author, "Je conteste.")
    client.force_login(moderator)
    url = reverse("participation_moderation:appeal", args=[appeal.pk])
    response = client.post(url, {"outcome": "overturned", "reason": "Moi."})
    assert_refused(response, "son réexamen revient à une autre personne")
    appeal.refresh_from_db()
    assert appeal.is_open


def test_a_decided_appeal_is_not_decided_again(client, proposal, moderator):
    factories.hidden_by(moderator, proposal)
    appeal = Appeal.file(proposal, proposal.author, "Je conteste.")
    colleague = factories.moderator()
    appeal.decide(colleague, "upheld", "Hors sujet.")
    client.force_login(colleague)
    response = client.post(
        reverse("participation_moderation:appeal", args=[appeal.pk]),
        {"outcome": "overturned", "reason": "Finalement non."},
    )
    assert_refused(response, "Cette demande de réexamen a déjà été tranchée.")


@pytest.mark.parametrize("screen", ["queue", "decide", "block"])
def test_other_staff_are_told_the_desk_is_for_moderators(client, proposal, screen):
    client.force_login(factories.communication_staff())
    args = {
        "queue": [],
        "decide": ["proposition", proposal.pk],
        "block": [proposal.author.pk],
    }[screen]
    response = client.get(reverse(f"participation_moderation:{screen}", args=args))
    assert_refused(response, "Cet écran est réservé à l’équipe de modération.")


def test_staff_are_not_blocked_from_the_desk(client, moderator):
    colleague = factories.communication_staff()
    client.force_login(moderator)
    response = client.post(
        reverse("participation_moderation:block", args=[colleague.pk]),
        {"reason": "Essai."},
    )
    assert_refused(response, "ses droits se retirent dans la gestion des comptes")
    assert not ParticipantProfile.of(colleague).contribution_blocked
    assert not ModerationDecision.objects.exists()


def test_follow_up_is_for_those_who_link_proposals(client, proposal):
    client.force_login(factories.communication_staff())
    response = client.get(
        reverse("participation_proposals:follow_up", args=[proposal.pk])
    )
    assert_refused(response, "Le suivi des propositions est réservé")


def test_an_unknown_kind_of_contribution_is_not_found(client, proposal, moderator):
    client.force_login(moderator)
    response = client.get(
        reverse("participation_moderation:decide", args=["sondage", proposal.pk])
    )
    assert response.status_code == 404
