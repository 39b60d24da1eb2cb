import json

import pytest
from django.urls import reverse

from participation.models import Comment, Follow, Proposal, Report, Support

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def active_resident(open_consultation, resident, other_resident):
    proposal = factories.ProposalFactory(
        consultation=open_consultation, author=resident, title="Ma proposition"
    )
    comment = Comment.objects.create(
        consultation=open_consultation,
        proposal=proposal,
        author=resident,
        body="Mon avis",
    )
    comment.edit("Mon avis corrigé")
    other = factories.ProposalFactory(
        consultation=open_consultation, author=other_resident
    )
    Support.objects.create(proposal=other, user=resident)
    Follow.objects.create(proposal=other, user=resident)
    other.report(resident, "off_topic", details="Hors sujet selon moi")
    return resident


def test_download_contains_all_participation_data(client, active_resident):
    client.force_login(active_resident)
    response = client.get(reverse("accounts:my_data_download"))
    data = json.loads(
        b"".join(getattr(response, "streaming_content", [response.content]))
    )
    mine = data["participation"]["donnees"]
    assert mine["propositions"][0]["titre"] == "Ma proposition"
    assert mine["commentaires"][0]["texte"] == "Mon avis corrigé"
    assert mine["commentaires"][0]["versions_precedentes"] == ["Mon avis"]
    assert len(mine["soutiens"]) == 1
    assert len(mine["propositions_suivies"]) == 1
    assert mine["signalements"][0]["precisions"] == "Hors sujet selon moi"


def test_erasure_keeps_contributions_as_deleted_participant(client, active_resident):
    client.force_login(active_resident)
    response = client.post(
        reverse("accounts:delete"), {"password": factories.PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    active_resident.refresh_from_db()
    proposal = Proposal.objects.get(title="Ma proposition")
    assert proposal.author_name == "Participant·e supprimé·e"
    assert not Follow.objects.filter(user=active_resident).exists()
    assert not Report.objects.filter(reporter=active_resident).exists()
    assert not Support.objects.filter(user=active_resident).exists()
    assert Support.objects.count() == 1  # the count stays, anonymous
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Participant·e supprimé·e" in page
    assert "Habitant" not in page.split("Proposée par")[1][:80]


def test_download_has_every_field_the_person_wrote(client, open_consultation, resident):
    proposal = factories.ProposalFactory(
        consultation=open_consultation,
        author=resident,
        title="Un bus",
        easy_read="Un bus le samedi.",
    )
    first = Comment.objects.create(
        consultation=open_consultation, proposal=proposal, body="Premier avis"
    )
    Comment.objects.create(
        consultation=open_consultation,
        proposal=proposal,
        parent=first,
        author=resident,
        body="Je réponds",
        stance="pour",
    )
    client.force_login(resident)
    data = json.loads(client.get(reverse("accounts:my_data_download")).content)
    mine = data["participation"]["donnees"]
    assert mine["propositions"][0]["en_bref"] == "Un bus le samedi."
    reply = mine["commentaires"][0]
    assert reply["en_reponse_a"]["texte"] == "Premier avis"
    assert reply["position"]
