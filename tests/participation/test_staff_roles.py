"""Staff roles are permissions granted to groups, not group names: renaming the
« Modération » or « Politiques contractuelles » group, as one may in the admin, keeps
every moderator (queue, decisions, e-mails) and every follow-up of proposals."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from cms.roles import MODERATION, POLITIQUES_CONTRACTUELLES
from participation.models import Appeal, Status

from . import factories

pytestmark = pytest.mark.django_db


def rename(old, new):
    group = Group.objects.get(name=old)
    group.name = new
    group.save()
    return group


@pytest.fixture
def renamed(moderator):
    """The moderation group renamed after its members joined it."""
    return rename(MODERATION, "Équipe de modération")


def test_the_groups_are_granted_the_roles_by_migration():
    moderation = Group.objects.get(name=MODERATION)
    policy = Group.objects.get(name=POLITIQUES_CONTRACTUELLES)
    assert {"moderate", "link_proposal"} <= set(
        moderation.permissions.values_list("codename", flat=True)
    )
    assert "link_proposal" in policy.permissions.values_list("codename", flat=True)
    assert "moderate" not in policy.permissions.values_list("codename", flat=True)


def test_a_renamed_group_keeps_its_moderators(client, renamed, moderator, proposal):
    assert moderator.has_perm("participation.moderate")
    client.force_login(moderator)
    queue = client.get(reverse("participation_moderation:queue"))
    assert "File de modération" in queue.content.decode()
    url = reverse("participation_moderation:decide", args=["proposition", proposal.pk])
    client.post(url, {"action": "hide", "reason_code": "spam", "reason": "Publicité."})
    proposal.refresh_from_db()
    assert proposal.status == Status.HIDDEN


def test_a_renamed_group_keeps_the_moderators_emails(
    moderator, proposal, open_consultation, django_capture_on_commit_callbacks
):
    colleague = factories.moderator()
    rename(MODERATION, "Équipe de modération")
    with django_capture_on_commit_callbacks(execute=True):  # sent once it is saved
        for _ in range(3):
            proposal.report(factories.UserFactory(), "spam")
    [alert] = mail.outbox
    assert sorted(alert.to) == sorted([moderator.email, colleague.email])
    other = factories.hidden_by(
        moderator, factories.ProposalFactory(consultation=open_consultation)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Appeal.file(other, other.author, "Elle respecte la charte.")
    alerts = [m for m in mail.outbox if "réexamen" in m.subject]
    assert [alert.to for alert in alerts] == [[colleague.email]]


def test_leaving_the_group_takes_the_role_away(client, renamed, moderator):
    moderator.groups.remove(renamed)
    client.force_login(moderator)
    response = client.get(reverse("participation_moderation:queue"))
    assert response.status_code in (302, 403)


def test_a_renamed_policy_group_keeps_the_follow_up(client, proposal):
    policy_officer = factories.staff_user(POLITIQUES_CONTRACTUELLES)
    rename(POLITIQUES_CONTRACTUELLES, "Contrats et territoires")
    client.force_login(policy_officer)
    url = reverse("participation_proposals:follow_up", args=[proposal.pk])
    assert client.get(url).status_code == 200
    client.force_login(factories.communication_staff())
    assert client.get(url).status_code in (302, 403)  # the admin redirects its refusals
