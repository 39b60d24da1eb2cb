"""Authors manage their proposals: edit within the window (the previous words kept),
withdraw; nobody else may, and not once the window has passed."""

import datetime

import time_machine
from django.utils import timezone

from participation.models import Proposal, ProposalRevision, Status


def edit_url(proposal):
    return f"/participation/propositions/{proposal.pk}/modifier/"


def withdraw_url(proposal):
    return f"/participation/propositions/{proposal.pk}/retirer/"


def test_author_edits_within_the_window_and_the_old_words_are_kept(
    client, proposal, resident
):
    client.force_login(resident)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Modifier ma proposition" in page
    response = client.post(
        edit_url(proposal), {"title": "Un titre plus clair", "body": "Un texte revu."}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.title, proposal.body) == ("Un titre plus clair", "Un texte revu.")
    revision = ProposalRevision.objects.get(proposal=proposal)
    assert revision.body == "Un texte de proposition."


def test_no_edit_once_the_window_has_passed(client, proposal, resident):
    client.force_login(resident)
    later = timezone.now() + datetime.timedelta(hours=2)
    with time_machine.travel(later, tick=False):
        assert "Modifier ma proposition" not in (
            client.get(proposal.get_absolute_url()).content.decode()
        )
        response = client.post(edit_url(proposal), {"title": "Autre", "body": "X"})
    assert response.status_code == 403
    assert "Le délai pour modifier cette proposition est dépassé." in (
        response.content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.title != "Autre"


def test_nobody_else_edits_or_withdraws(client, proposal, other_resident):
    client.force_login(other_resident)
    assert (
        client.post(edit_url(proposal), {"title": "Pirate", "body": "X"}).status_code
        == 403
    )
    assert client.post(withdraw_url(proposal)).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert proposal.title != "Pirate"


def test_bad_input_changes_nothing(client, proposal, resident):
    client.force_login(resident)
    response = client.post(edit_url(proposal), {"title": "", "body": ""})
    assert response.status_code == 400
    assert not ProposalRevision.objects.exists()


def test_author_withdraws_after_confirming(client, proposal, resident):
    client.force_login(resident)
    confirm = client.get(withdraw_url(proposal))
    assert "Ce retrait est définitif." in confirm.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).status == Status.PUBLISHED
    client.post(withdraw_url(proposal))
    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN
    client.logout()
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "<h1>Proposition retirée par son auteur·rice</h1>" in page
    assert proposal.title not in page
    listing = client.get(proposal.consultation.url).content.decode()
    assert proposal.get_absolute_url() not in listing
