"""Sign-up and sign-in keep the way: ``next=`` on every link, signed in on e-mail
confirmation and sent back where one was going; members land in their intranet."""

import re
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from tests.participation import factories

from .factories import PASSWORD
from .test_signup import SIGNUP_URL, confirmation_link, legal_pages, signup_data

__all__ = ["legal_pages"]  # the sign-up tests' fixture, used here too


@pytest.fixture
def proposal(site_root):
    consultation = factories.consultation(site_root, "open")
    return factories.ProposalFactory(consultation=consultation)


def test_every_sign_up_and_sign_in_link_carries_next(client, proposal):
    for url in (proposal.get_absolute_url(), proposal.consultation.url):
        html = client.get(url).content.decode()
        path = re.escape(url)
        assert re.search(rf'/compte/signup/\?next={path}"', html), url
        assert re.search(rf'/compte/login/\?next={path}"', html), url


def test_sign_up_with_next_ends_signed_in_on_the_proposal(
    client, proposal, legal_pages, territory
):
    target = proposal.get_absolute_url()
    response = client.post(
        f"{SIGNUP_URL}?next={target}",
        {**signup_data(commune=territory["cahors"].pk), "next": target},
    )
    assert response.status_code == 302
    link = confirmation_link(mail.outbox[-1])
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == target
    assert "_auth_user_id" in client.session


def sign_up_towards(client, target, commune):
    """Sign up from a page; the link of the confirmation e-mail, ``next`` included."""
    response = client.post(
        f"{SIGNUP_URL}?next={target}",
        {**signup_data(commune=commune.pk), "next": target},
    )
    assert response.status_code == 302
    match = re.search(
        r"https?://[^/\s]+(/compte/confirm-email/\S+)", mail.outbox[-1].body
    )
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_the_confirmation_link_carries_the_way(
    client, proposal, legal_pages, territory
):
    target = proposal.get_absolute_url()
    link = sign_up_towards(client, target, territory["cahors"])
    assert link.endswith(f"?next={quote(target, safe='')}")


def test_confirmed_in_another_browser_then_signed_in_back_on_the_proposal(
    client, proposal, legal_pages, territory
):
    target = proposal.get_absolute_url()
    link = sign_up_towards(client, target, territory["cahors"])
    other = Client()  # the phone's mail app opens the link in its own browser
    page = other.get(link).text
    assert f'name="next" value="{target}"' in page
    response = other.post(link, {"next": target})
    assert response.status_code == 302
    assert response["Location"] == f"/compte/login/?next={quote(target, safe='')}"
    assert EmailAddress.objects.get(email="camille.martin@exemple.fr").verified
    assert "_auth_user_id" not in other.session
    page = other.get(response["Location"]).text
    assert "confirmé" in page and f'value="{target}"' in page
    response = other.post(
        response["Location"],
        {"login": "camille.martin@exemple.fr", "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302 and response["Location"] == target
    assert "_auth_user_id" in other.session


def test_members_land_in_their_intranet_after_signing_in(client, site_root):
    from tests.mayors import factories as mayors_factories

    official = mayors_factories.OfficialFactory()
    response = client.post(
        "/compte/login/",
        {"login": official.user.email, "password": mayors_factories.PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/espace-elus/"


def test_residents_still_go_where_next_says(client, proposal):
    resident = factories.UserFactory()
    response = client.post(
        f"/compte/login/?next={proposal.get_absolute_url()}",
        {
            "login": resident.email,
            "password": factories.PASSWORD,
            "next": proposal.get_absolute_url(),
        },
    )
    assert response["Location"] == proposal.get_absolute_url()
