import pytest
from django.db import IntegrityError
from django.urls import reverse

from participation.models import Support

from . import factories

pytestmark = pytest.mark.django_db


def test_support_then_withdraw(client, proposal, other_resident):
    client.force_login(other_resident)
    url = reverse("participation:support", args=[proposal.pk])
    assert client.post(url, {"action": "add"}).status_code == 302
    assert client.post(url, {"action": "add"}).status_code == 302
    assert Support.objects.filter(proposal=proposal).count() == 1
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "1 soutien" in page and "Retirer mon soutien" in page
    client.post(url, {"action": "remove"})
    assert not Support.objects.exists()


def test_one_support_per_person_in_the_database(proposal, other_resident):
    Support.objects.create(proposal=proposal, user=other_resident)
    with pytest.raises(IntegrityError):
        Support.objects.create(proposal=proposal, user=other_resident)


def test_no_support_nor_withdrawal_once_closed(client, site_root, other_resident):
    consultation = factories.consultation(site_root, "closed")
    proposal = factories.ProposalFactory(consultation=consultation)
    Support.objects.create(proposal=proposal, user=other_resident)
    client.force_login(other_resident)
    url = reverse("participation:support", args=[proposal.pk])
    response = client.post(url, {"action": "remove"})
    assert response.status_code == 403
    assert "close depuis" in response.content.decode()
    assert Support.objects.count() == 1


def test_unverified_cannot_support(client, proposal):
    client.force_login(factories.unverified_user())
    url = reverse("participation:support", args=[proposal.pk])
    assert client.post(url, {"action": "add"}).status_code == 403
    assert not Support.objects.exists()


def test_get_does_not_support(client, proposal, other_resident):
    client.force_login(other_resident)
    assert (
        client.get(reverse("participation:support", args=[proposal.pk])).status_code
        == 405
    )


def test_follow_and_unfollow(client, proposal, other_resident):
    client.force_login(other_resident)
    url = reverse("participation:follow", args=[proposal.pk])
    client.post(url, {"action": "add"})
    assert proposal.follows.filter(user=other_resident).exists()
    client.post(url, {"action": "remove"})
    assert not proposal.follows.exists()
