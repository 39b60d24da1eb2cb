"""Who may enter a resident's contribution at the mairie, for which commune, and when:
every forbidden path is tried through the real intranet URLs."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from mayors.models import Role
from participation.models import Comment, Proposal
from tests.participation import factories as participation

from .factories import PASSWORD, OfficialFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultation(site_root):
    return participation.consultation(site_root, "open", title="Mobilités rurales")


@pytest.fixture
def published(consultation):
    return participation.ProposalFactory(
        consultation=consultation,
        author=participation.UserFactory(),
        title="Un minibus le jour du marché",
    )


@pytest.fixture
def epci_referent(epci):
    return OfficialFactory(
        commune=None,
        epci=epci,
        role=Role.REFERENT_EPCI,
        user=UserFactory(email="referent@grandcahors.fr"),
    ).user


def proposal_data(**overrides):
    return {
        "resident_name": "Jeanne D.",
        "channel": "paper",
        "title": "Des bancs le long de la voie verte",
        "easy_read": "",
        "body": "Pour se reposer en marchant.",
        "consent": "on",
        **overrides,
    }


def comment_data(**overrides):
    return {
        "resident_name": "Marcel",
        "channel": "in_person",
        "body": "Oui, et le samedi aussi.",
        "consent": "on",
        **overrides,
    }


def deposit_urls(commune, consultation, proposal):
    return {
        "list": reverse("mayors:deposits", args=[commune.pk]),
        "proposal": reverse(
            "mayors:deposit_proposal", args=[commune.pk, consultation.pk]
        ),
        "choose": reverse(
            "mayors:deposit_choose_proposal", args=[commune.pk, consultation.pk]
        ),
        "consultation_comment": reverse(
            "mayors:deposit_consultation_comment", args=[commune.pk, consultation.pk]
        ),
        "comment": reverse("mayors:deposit_comment", args=[commune.pk, proposal.pk]),
    }


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def try_everything(client, commune, consultation, proposal):
    """GET every deposit page and POST both forms: the status codes, in order."""
    urls = deposit_urls(commune, consultation, proposal)
    codes = [client.get(url).status_code for url in urls.values()]
    codes.append(client.post(urls["proposal"], proposal_data()).status_code)
    codes.append(client.post(urls["comment"], comment_data()).status_code)
    return codes


def nothing_saved():
    return not (
        Proposal.objects.filter(deposit_commune__isnull=False).exists()
        or Comment.objects.filter(deposit_commune__isnull=False).exists()
    )


@pytest.mark.parametrize("who", ["mayor_a", "delegate_a"])
def test_mayor_and_secretary_deposit_for_their_commune(
    client, request, who, commune_a, consultation, published
):
    login(client, request.getfixturevalue(who))
    urls = deposit_urls(commune_a, consultation, published)
    for url in urls.values():
        assert client.get(url).status_code == 200, url
    assert client.post(urls["proposal"], proposal_data()).status_code == 302
    assert client.post(urls["comment"], comment_data()).status_code == 302
    assert client.post(urls["consultation_comment"], comment_data()).status_code == 302
    assert Proposal.objects.filter(deposit_commune=commune_a).count() == 1
    assert Comment.objects.filter(deposit_commune=commune_a).count() == 2


def test_adjoint_deposits_without_being_designated(
    client, commune_a, consultation, published
):
    adjoint = OfficialFactory(
        commune=commune_a, role=Role.ADJOINT, can_submit=False
    ).user
    login(client, adjoint)
    url = reverse("mayors:deposit_proposal", args=[commune_a.pk, consultation.pk])
    assert client.post(url, proposal_data()).status_code == 302


def test_mayor_of_a_cannot_deposit_for_b(
    client, mayor_a, commune_b, consultation, published
):
    login(client, mayor_a)
    assert try_everything(client, commune_b, consultation, published) == [404] * 7
    assert nothing_saved()


def test_epci_referent_cannot_deposit(
    client, epci_referent, commune_a, consultation, published
):
    """The référent·e reads the EPCI's communes' dossiers, but has no mairie counter."""
    login(client, epci_referent)
    assert client.get(reverse("mayors:dashboard")).status_code == 200
    assert try_everything(client, commune_a, consultation, published) == [404] * 7
    assert nothing_saved()


def test_epci_referent_bound_to_a_commune_is_refused(
    client, commune_a, consultation, published
):
    referent = OfficialFactory(commune=commune_a, role=Role.REFERENT_EPCI).user
    login(client, referent)
    codes = try_everything(client, commune_a, consultation, published)
    assert codes == [403] * 7
    assert nothing_saved()


def test_resident_staff_and_anonymous_are_refused(
    client, resident, staff, commune_a, consultation, published
):
    anonymous = try_everything(client, commune_a, consultation, published)
    assert anonymous == [302] * 7  # to the sign-in page
    for user in (resident, staff):
        login(client, user)
        assert try_everything(client, commune_a, consultation, published) == [403] * 7
    assert nothing_saved()


def test_a_closed_consultation_refuses_with_the_phase_message(
    client, mayor_a, commune_a, site_root
):
    closed = participation.consultation(site_root, "closed")
    proposal = participation.ProposalFactory(consultation=closed)
    login(client, mayor_a)
    for url, data in (
        (
            reverse("mayors:deposit_proposal", args=[commune_a.pk, closed.pk]),
            proposal_data(),
        ),
        (reverse("mayors:deposit_comment", args=[commune_a.pk, proposal.pk]), None),
    ):
        for response in (client.get(url), client.post(url, data or comment_data())):
            assert response.status_code == 403
            assert "La consultation est close depuis le" in response.content.decode()
    assert nothing_saved()
    listing = client.get(reverse("mayors:deposits", args=[commune_a.pk]))
    assert closed.title not in listing.content.decode()


def test_an_upcoming_consultation_refuses(client, mayor_a, commune_a, site_root):
    upcoming = participation.consultation(site_root, "upcoming")
    login(client, mayor_a)
    url = reverse("mayors:deposit_proposal", args=[commune_a.pk, upcoming.pk])
    response = client.post(url, proposal_data())
    assert response.status_code == 403
    assert "La consultation ouvrira le" in response.content.decode()
    assert nothing_saved()


def test_options_apply_as_for_residents(client, mayor_a, commune_a, site_root):
    no_proposals = participation.consultation(
        site_root, "open", allow_proposals=False, allow_comments=False
    )
    proposal = participation.ProposalFactory(consultation=no_proposals)
    login(client, mayor_a)
    response = client.post(
        reverse("mayors:deposit_proposal", args=[commune_a.pk, no_proposals.pk]),
        proposal_data(),
    )
    assert response.status_code == 403
    assert "ne reçoit pas de propositions des habitant·es" in response.content.decode()
    response = client.post(
        reverse("mayors:deposit_comment", args=[commune_a.pk, proposal.pk]),
        comment_data(),
    )
    assert "Les commentaires sont fermés" in response.content.decode()
    assert nothing_saved()


def test_only_published_proposals_take_comments(
    client, mayor_a, commune_a, consultation
):
    pending = participation.ProposalFactory(consultation=consultation, status="pending")
    login(client, mayor_a)
    url = reverse("mayors:deposit_comment", args=[commune_a.pk, pending.pk])
    response = client.post(url, comment_data())
    assert response.status_code == 403
    assert "On ne peut pas commenter ce contenu." in response.content.decode()
    assert nothing_saved()


def test_a_consultation_for_other_communes_takes_no_proposal_from_this_mairie(
    client, mayor_a, commune_a, commune_b, site_root
):
    elsewhere = participation.consultation(site_root, "open")
    elsewhere.communes.set([commune_b])
    elsewhere.save()
    login(client, mayor_a)
    url = reverse("mayors:deposit_proposal", args=[commune_a.pk, elsewhere.pk])
    response = client.post(url, proposal_data())
    assert response.status_code == 403
    assert "ne concerne pas votre commune" in response.content.decode()
    comment = reverse(
        "mayors:deposit_consultation_comment", args=[commune_a.pk, elsewhere.pk]
    )
    assert client.post(comment, comment_data()).status_code == 302


def test_draft_and_restricted_consultations_are_not_found(
    client, mayor_a, commune_a, site_root
):
    from wagtail.models import PageViewRestriction

    draft = participation.consultation(site_root, "open")
    draft.unpublish()
    private = participation.consultation(site_root, "open")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    login(client, mayor_a)
    for consultation in (draft, private):
        url = reverse("mayors:deposit_proposal", args=[commune_a.pk, consultation.pk])
        assert client.post(url, proposal_data()).status_code == 404
    assert nothing_saved()


def test_the_rules_are_the_ones_templates_and_views_ask(
    mayor_a, delegate_a, mayor_b, commune_a, commune_b, resident
):
    assert mayor_a.has_perm("mayors.deposit_for_resident", commune_a)
    assert delegate_a.has_perm("mayors.deposit_for_resident", commune_a)
    assert not mayor_a.has_perm("mayors.deposit_for_resident", commune_b)
    assert not mayor_b.has_perm("mayors.deposit_for_resident", commune_a)
    assert not resident.has_perm("mayors.deposit_for_resident", commune_a)
