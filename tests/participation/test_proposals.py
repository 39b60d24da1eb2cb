import pytest
from django.test import override_settings
from django.urls import reverse

from participation.models import ParticipantProfile, Proposal, Status

from . import factories

pytestmark = pytest.mark.django_db


def create_url(consultation):
    return reverse("participation:proposal_create", args=[consultation.pk])


def test_resident_proposes_and_sees_it(client, open_consultation, resident):
    client.force_login(resident)
    category = open_consultation.categories.first()
    response = client.post(
        create_url(open_consultation),
        {
            "title": "Un vélo-bus",
            "body": "Voir https://exemple.fr/velo",
            "category": category.pk,
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.author == resident
    assert proposal.status == Status.PUBLISHED
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Un vélo-bus" in page
    assert 'rel="nofollow ugc" href="https://exemple.fr/velo"' in page


def test_form_page_says_what_is_possible(client, open_consultation, resident):
    client.force_login(resident)
    page = client.get(create_url(open_consultation)).content.decode()
    assert "Vous pouvez encore déposer 3 propositions" in page
    # A pin on the map, never coordinates to type; the commune says where without JS.
    assert '<input type="hidden" name="latitude"' in page
    assert "data-map-picker" in page
    assert '<label for="id_commune">' in page
    assert "Latitude" not in page


def test_point_and_commune_without_javascript(client, site_root, resident):
    from contrats.models import Commune, Epci

    epci = Epci.objects.create(siren="200000001", name="CC Test", is_petr_member=True)
    commune = Commune.objects.create(insee_code="46999", name="Testville", epci=epci)
    consultation = factories.consultation(site_root, "open")
    client.force_login(resident)
    response = client.post(
        create_url(consultation),
        {
            "title": "Un banc",
            "body": "Au bord du Lot.",
            "commune": commune.pk,
            "latitude": "44.44750",
            "longitude": "1.44190",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.commune, str(proposal.latitude)) == (commune, "44.44750")


def test_latitude_without_longitude_is_refused(client, open_consultation, resident):
    client.force_login(resident)
    response = client.post(
        create_url(open_consultation),
        {"title": "Un banc", "body": "Texte", "latitude": "44.4"},
    )
    assert response.status_code == 400
    assert "latitude et la longitude" in response.content.decode()
    assert not Proposal.objects.exists()


def test_body_length_limit(client, site_root, resident):
    consultation = factories.consultation(site_root, "open", max_body_length=200)
    client.force_login(resident)
    response = client.post(
        create_url(consultation), {"title": "Long", "body": "x" * 201}
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Proposal.objects.exists()


def test_honeypot_refuses_robots(client, open_consultation, resident):
    client.force_login(resident)
    response = client.post(
        create_url(open_consultation),
        {"title": "Pub", "body": "Achetez", "website": "http://spam.example"},
    )
    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_pre_moderation_keeps_it_waiting(client, site_root, resident, other_resident):
    consultation = factories.consultation(site_root, "open", moderation_mode="before")
    client.force_login(resident)
    client.post(create_url(consultation), {"title": "En attente", "body": "Texte"})
    proposal = Proposal.objects.get()
    assert proposal.status == Status.PENDING
    assert "relecture" in client.get(proposal.get_absolute_url()).content.decode()
    client.force_login(other_resident)
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert "En attente" not in client.get(consultation.url).content.decode()


@pytest.mark.parametrize(
    ("state", "user_kind", "message"),
    [
        ("open", "anonymous", "Connectez-vous"),
        ("open", "unverified", "Confirmez"),
        ("open", "blocked", "décision de modération"),
        ("closed", "resident", "close depuis"),
        ("upcoming", "resident", "ouvrira le"),
    ],
)
def test_forbidden_paths(client, site_root, state, user_kind, message):
    consultation = factories.consultation(site_root, state)
    if user_kind == "unverified":
        client.force_login(factories.unverified_user())
    elif user_kind == "blocked":
        user = factories.UserFactory()
        ParticipantProfile.to_write(user).block("spam")
        client.force_login(user)
    elif user_kind == "resident":
        client.force_login(factories.UserFactory())
    for method in (client.get, client.post):
        response = method(create_url(consultation), {"title": "T", "body": "B"})
        assert response.status_code == 403
        assert message in response.content.decode()
    assert not Proposal.objects.exists()


def test_proposals_switched_off(client, site_root, resident):
    consultation = factories.consultation(site_root, "open", allow_proposals=False)
    client.force_login(resident)
    response = client.post(create_url(consultation), {"title": "T", "body": "B"})
    assert response.status_code == 403
    assert "ne reçoit pas de propositions" in response.content.decode()


def test_per_person_limit_is_enforced_on_post(client, site_root, resident):
    consultation = factories.consultation(site_root, "open", max_proposals_per_person=1)
    client.force_login(resident)
    assert (
        client.post(create_url(consultation), {"title": "1", "body": "B"}).status_code
        == 302
    )
    response = client.post(create_url(consultation), {"title": "2", "body": "B"})
    assert response.status_code == 403
    assert Proposal.objects.count() == 1


@override_settings(PARTICIPATION_RATE_LIMITS={"proposal": "2/3600"})
def test_rate_limit_per_address(client, site_root):
    consultation = factories.consultation(
        site_root, "open", max_proposals_per_person=10
    )
    for number in range(3):
        client.force_login(factories.UserFactory())
        response = client.post(
            create_url(consultation), {"title": f"P{number}", "body": "B"}
        )
    assert response.status_code == 429
    assert "limite de contributions" in response.content.decode()
    assert Proposal.objects.count() == 2


def test_list_sorts_filters_and_searches(client, open_consultation):
    bus, velo = open_consultation.categories.all()
    quiet = factories.ProposalFactory(
        consultation=open_consultation, title="Piste cyclable", category=velo
    )
    popular = factories.ProposalFactory(
        consultation=open_consultation, title="Navette", category=bus
    )
    for _ in range(2):
        popular.supports.create(user=factories.UserFactory())
    factories.ProposalFactory(
        consultation=open_consultation, title="Masquée", status=Status.HIDDEN
    )
    url = open_consultation.url
    page = client.get(url, {"sort": "supports"}).content.decode()
    assert page.index("Navette") < page.index("Piste cyclable")
    assert "Masquée" not in page
    page = client.get(url, {"category": velo.pk}).content.decode()
    assert "Piste cyclable" in page and "Navette</a>" not in page
    page = client.get(url, {"q": "navet"}).content.decode()
    assert "Navette" in page and "Piste cyclable" not in page
    assert quiet.pk != popular.pk


def test_random_order_gets_a_stable_seed_in_the_url(client, open_consultation):
    for _ in range(5):
        factories.ProposalFactory(consultation=open_consultation)
    response = client.get(open_consultation.url, {"sort": "random"})
    assert response.status_code == 302
    assert "seed=" in response["Location"]
    first = client.get(response["Location"]).content
    second = client.get(response["Location"]).content
    assert first == second


def test_pagination(client, open_consultation):
    for number in range(15):
        factories.ProposalFactory(
            consultation=open_consultation, title=f"Idée {number:02d}"
        )
    page_two = client.get(open_consultation.url, {"page": 2}).content.decode()
    assert "Idée 00" in page_two
    assert 'aria-current="page"' in page_two
