"""A resident's proposal or comment entered at the mairie: through the intranet's forms,
signed with the resident's name and the mairie's mark, moderated like any other, absent
from open data, and part of the depositing account's personal data."""

import csv
import io
import json
import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from participation.models import Comment, Proposal, Status
from participation.models.contributions import of_commune
from tests.participation import factories as participation

from .factories import PASSWORD, CommuneFactory
from .test_deposit_rules import comment_data, proposal_data

pytestmark = pytest.mark.django_db
MARK = "Jeanne D. (déposée en mairie d’Arcambal)"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultation(site_root):
    return participation.consultation(
        site_root, "open", title="Mobilités rurales", categories=["Bus", "Vélo"]
    )


@pytest.fixture
def signed_in(client, mayor_a):
    assert client.login(email=mayor_a.email, password=PASSWORD)
    return client


def deposit_proposal(client, commune, consultation, **data):
    url = reverse("mayors:deposit_proposal", args=[commune.pk, consultation.pk])
    return client.post(url, proposal_data(**data))


def deposit_comment(client, commune, proposal, **data):
    url = reverse("mayors:deposit_comment", args=[commune.pk, proposal.pk])
    return client.post(url, comment_data(**data))


def test_of_commune_elides_and_contracts():
    assert of_commune("Cahors") == "de Cahors"
    assert of_commune("Arcambal") == "d’Arcambal"
    assert of_commune("Espère") == "d’Espère"
    assert of_commune("Le Vigan") == "du Vigan"
    assert of_commune("Les Junies") == "des Junies"
    assert of_commune("La Bastide-Murat") == "de La Bastide-Murat"


def test_proposal_journey_from_the_dashboard_to_the_public_page(
    signed_in, mayor_a, commune_a, consultation
):
    client = signed_in
    dashboard = client.get(reverse("mayors:dashboard")).content.decode()
    listing_url = reverse("mayors:deposits", args=[commune_a.pk])
    assert listing_url in dashboard
    listing = client.get(listing_url).content.decode()
    form_url = reverse("mayors:deposit_proposal", args=[commune_a.pk, consultation.pk])
    assert consultation.title in listing and form_url in listing
    assert reverse("participation:consultation_poster", args=[consultation.pk]) in (
        listing
    )
    form = client.get(form_url).content.decode()
    for name in ("resident_name", "channel", "title", "easy_read", "body", "consent"):
        assert f'name="{name}"' in form, name
    bus = consultation.categories.get(name="Bus")

    response = deposit_proposal(
        client,
        commune_a,
        consultation,
        easy_read="Des bancs pour se reposer.",
        category=bus.pk,
    )
    assert response.status_code == 302
    assert response["Location"].startswith(listing_url)
    proposal = Proposal.objects.get()
    assert proposal.author is None
    assert proposal.deposited_by == mayor_a
    assert proposal.deposit_commune == commune_a
    assert proposal.commune == commune_a  # fixed: the official's commune
    assert proposal.category == bus
    assert proposal.resident_name == "Jeanne D."
    assert proposal.channel == "paper"
    assert proposal.consent_at is not None
    assert proposal.status == Status.PUBLISHED

    listing = client.get(listing_url).content.decode()
    assert "La contribution de Jeanne D. est publiée." in listing
    assert "Des bancs le long de la voie verte" in listing
    assert "Publiée" in listing

    client.logout()
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert MARK in page
    assert "Des bancs pour se reposer." in page
    assert mayor_a.last_name not in page and mayor_a.email not in page
    cards = client.get(consultation.url).content.decode()
    assert MARK in cards
    assert mayor_a.last_name not in cards


def test_comment_journey_through_the_choice_of_a_proposal(
    signed_in, mayor_a, commune_a, consultation
):
    client = signed_in
    proposal = participation.ProposalFactory(
        consultation=consultation, title="Un minibus le jour du marché"
    )
    participation.ProposalFactory(consultation=consultation, title="Des pistes")
    choose = reverse(
        "mayors:deposit_choose_proposal", args=[commune_a.pk, consultation.pk]
    )
    page = client.get(choose, {"q": "minibus"}).content.decode()
    comment_url = reverse("mayors:deposit_comment", args=[commune_a.pk, proposal.pk])
    assert comment_url in page
    assert "Des pistes" not in page
    assert "Un minibus le jour du marché" in client.get(comment_url).content.decode()

    response = deposit_comment(client, commune_a, proposal)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.proposal, comment.author, comment.deposited_by) == (
        proposal,
        None,
        mayor_a,
    )
    proposal.refresh_from_db()
    assert proposal.comment_count == 1  # counted like any other

    client.logout()
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Marcel (déposé en mairie d’Arcambal)" in page
    assert "Oui, et le samedi aussi." in page
    assert mayor_a.last_name not in page


def test_a_general_comment_on_the_consultation(signed_in, commune_a, consultation):
    url = reverse(
        "mayors:deposit_consultation_comment", args=[commune_a.pk, consultation.pk]
    )
    assert signed_in.post(url, comment_data()).status_code == 302
    comment = Comment.objects.get()
    assert comment.proposal is None and comment.consultation_id == consultation.pk
    signed_in.logout()
    page = signed_in.get(consultation.url).content.decode()
    assert "Marcel (déposé en mairie d’Arcambal)" in page


def test_consent_and_name_are_required(signed_in, commune_a, consultation):
    response = deposit_proposal(signed_in, commune_a, consultation, consent="")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sans l’accord de l’habitant·e" in page
    response = deposit_proposal(signed_in, commune_a, consultation, resident_name=" ")
    assert "Indiquez le nom ou le pseudonyme" in response.content.decode()
    response = deposit_proposal(
        signed_in, commune_a, consultation, resident_name="jeanne@example.org"
    )
    assert "pas une adresse électronique" in response.content.decode()
    proposal = participation.ProposalFactory(consultation=consultation)
    response = deposit_comment(signed_in, commune_a, proposal, consent="")
    assert "Sans l’accord de l’habitant·e" in response.content.decode()
    assert not Proposal.objects.filter(deposit_commune__isnull=False).exists()
    assert not Comment.objects.exists()


def test_the_text_limit_of_the_consultation_applies(signed_in, commune_a, site_root):
    short = participation.consultation(site_root, "open", max_body_length=200)
    response = deposit_proposal(signed_in, commune_a, short, body="x" * 201)
    assert response.status_code == 200
    assert not Proposal.objects.exists()


def test_pre_moderated_deposits_wait_and_show_the_mark_in_the_queue(
    client, signed_in, mayor_a, commune_a, site_root
):
    moderated = participation.consultation(site_root, "open", moderation_mode="before")
    response = deposit_proposal(signed_in, commune_a, moderated)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.status == Status.PENDING
    listing = signed_in.get(response["Location"]).content.decode()
    assert "sera publiée après sa relecture" in listing
    assert "En attente de modération" in listing
    # Not public, and not even visible to the official on the public page.
    assert signed_in.get(proposal.get_absolute_url()).status_code == 404
    signed_in.logout()
    assert proposal.title not in client.get(moderated.url).content.decode()

    moderator = participation.moderator()
    client.force_login(moderator)
    queue = client.get(reverse("participation_moderation:queue")).content.decode()
    assert MARK in queue
    decide = reverse(
        "participation_moderation:decide", args=["proposition", proposal.pk]
    )
    assert MARK in client.get(decide).content.decode()
    assert client.post(decide, {"action": "publish", "reason": ""}).status_code == 302
    client.logout()
    assert MARK in client.get(proposal.get_absolute_url()).content.decode()


def test_reports_and_hiding_apply(client, mayor_a, commune_a, consultation):
    client.force_login(mayor_a)
    deposit_proposal(client, commune_a, consultation)
    proposal = Proposal.objects.get()
    for _ in range(3):
        client.force_login(participation.UserFactory())
        client.post(
            reverse("participation:proposal_report", args=[proposal.pk]),
            {"reason": "offensive"},
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.HIDDEN
    client.force_login(mayor_a)
    listing = client.get(reverse("mayors:deposits", args=[commune_a.pk]))
    assert "Masquée" in listing.content.decode()


def test_the_proposal_limit_counts_per_resident(signed_in, commune_a, site_root):
    one_each = participation.consultation(site_root, "open", max_proposals_per_person=1)
    assert deposit_proposal(signed_in, commune_a, one_each).status_code == 302
    again = deposit_proposal(
        signed_in, commune_a, one_each, resident_name="jeanne d.", title="Autre idée"
    )
    assert again.status_code == 200
    assert "a déjà déposé le nombre maximal de propositions (1)" in (
        again.content.decode()
    )
    other = deposit_proposal(
        signed_in, commune_a, one_each, resident_name="Paul", title="Autre idée"
    )
    assert other.status_code == 302
    assert Proposal.objects.count() == 2


@override_settings(PARTICIPATION_RATE_LIMITS={"deposit": "1/3600"})
def test_deposits_are_rate_limited(signed_in, commune_a, consultation):
    assert deposit_proposal(signed_in, commune_a, consultation).status_code == 302
    response = deposit_proposal(
        signed_in, commune_a, consultation, resident_name="Paul", title="Autre"
    )
    assert "limite de contributions" in response.content.decode()
    assert Proposal.objects.count() == 1


def test_the_resident_name_is_escaped(client, signed_in, commune_a, consultation):
    deposit_proposal(
        signed_in, commune_a, consultation, resident_name="<script>alert(1)</script>"
    )
    signed_in.logout()
    page = client.get(Proposal.objects.get().get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_open_data_and_api_count_deposits_without_names(
    client, signed_in, mayor_a, commune_a, consultation
):
    deposit_proposal(signed_in, commune_a, consultation)
    proposal = Proposal.objects.get()
    deposit_comment(signed_in, commune_a, proposal)
    signed_in.logout()
    secrets = ["Jeanne", "Marcel", mayor_a.email, mayor_a.last_name]

    response = client.get(
        reverse("participation:open_data_csv", args=[consultation.pk])
    )
    text = response.content.decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["titre"] == proposal.title and row["commentaires"] == "1"
    json_data = client.get(
        reverse("participation:open_data_json", args=[consultation.pk])
    ).content.decode()
    for content in (text, json_data):
        for secret in secrets:
            assert secret not in content

    from tests.api.test_endpoints import all_responses

    seen = 0
    for path, content in all_responses(client, None):
        seen += 1
        for secret in secrets:
            assert secret not in content, (path, secret)
    assert seen > 5
    detail = json.loads(client.get(f"/api/v1/proposals/{proposal.pk}/").content)
    assert detail["comments_count"] == 1
    listing = json.loads(client.get("/api/v1/consultations/").content)
    assert any(
        item["id"] == consultation.pk and item["proposals_count"] == 1
        for item in listing["results"]
    )


def test_the_depositing_account_exports_and_erases_its_share(
    client, signed_in, mayor_a, commune_a, consultation
):
    deposit_proposal(signed_in, commune_a, consultation)
    proposal = Proposal.objects.get()
    deposit_comment(signed_in, commune_a, proposal)
    response = signed_in.get(reverse("accounts:my_data_download"))
    data = json.loads(
        b"".join(getattr(response, "streaming_content", [response.content]))
    )
    section = data["depots_en_mairie"]["donnees"]
    (exported,) = section["propositions"]
    assert exported["habitant_e"] == "Jeanne D."
    assert exported["mairie"] == "Arcambal"
    assert exported["accord_recueilli_le"]
    assert exported["arrivee"] == "Sur papier (courrier, formulaire, registre)"
    assert section["commentaires"][0]["proposition"] == proposal.title
    # The resident's contributions are not the official's own.
    assert data["participation"]["donnees"]["propositions"] == []

    response = signed_in.post(
        reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.deposited_by is None
    assert proposal.consent_at is not None
    assert Comment.objects.get().deposited_by is None
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert MARK in page


def test_the_mark_follows_the_commune_name_in_cached_cards(
    client, signed_in, commune_a, consultation
):
    deposit_proposal(signed_in, commune_a, consultation)
    signed_in.logout()
    assert MARK in client.get(consultation.url).content.decode()
    commune_a.name = "Arcambal-sur-Lot"
    commune_a.save()
    page = client.get(consultation.url).content.decode()
    assert "Jeanne D. (déposée en mairie d’Arcambal-sur-Lot)" in page


def test_a_superuser_may_deposit_for_any_commune(client, site_root, consultation):
    from .factories import UserFactory

    admin = UserFactory(email="admin@grandquercy.test", is_superuser=True)
    elsewhere = CommuneFactory(name="Cahors", insee_code="46042")
    client.force_login(admin)
    assert deposit_proposal(client, elsewhere, consultation).status_code == 302
    client.logout()
    page = client.get(Proposal.objects.get().get_absolute_url()).content.decode()
    assert "Jeanne D. (déposée en mairie de Cahors)" in page
    assert re.search(r"admin@grandquercy", page) is None


def test_posters_of_upcoming_consultations_are_at_hand(
    signed_in, commune_a, consultation, site_root
):
    upcoming = participation.consultation(site_root, "upcoming", title="Santé")
    closed = participation.consultation(site_root, "closed", title="Ancienne")
    page = signed_in.get(reverse("mayors:deposits", args=[commune_a.pk]))
    html = page.content.decode()
    assert reverse("participation:consultation_poster", args=[upcoming.pk]) in html
    assert reverse("mayors:deposit_proposal", args=[commune_a.pk, upcoming.pk]) not in (
        html
    )
    assert closed.title not in html
