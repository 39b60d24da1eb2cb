"""Restrictions follow the content: every address under a password-protected
consultation, walked as each role, shows nothing of it until the password is given."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cms.roles import MODERATION
from participation.models import Comment, Follow, Proposal, Report, Support
from tests.contrats.factories import CommuneFactory
from tests.participation import factories

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Navette secrète vers le causse"
SECRET_COMMENT = "Commentaire confidentiel du comité"


@pytest.fixture
def protected(site_root):
    commune = CommuneFactory()
    consultation = factories.consultation(site_root, "open", title="Consultation close")
    PageViewRestriction.objects.create(
        page=consultation,
        restriction_type=PageViewRestriction.PASSWORD,
        password="mot-de-passe-du-comite",
    )
    author = factories.UserFactory()
    proposal = factories.ProposalFactory(
        consultation=consultation, author=author, title=SECRET_TITLE, commune=commune
    )
    comment = factories.CommentFactory(
        consultation=consultation, proposal=proposal, author=author, body=SECRET_COMMENT
    )
    return {
        "consultation": consultation,
        "proposal": proposal,
        "comment": comment,
        "author": author,
        "commune": commune,
    }


def roles():
    moderator = factories.UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name=MODERATION))
    return {
        "anonymous": None,
        "resident": factories.UserFactory(),
        "unverified": factories.unverified_user(),
        "moderator": moderator,
        "superuser": factories.UserFactory(is_staff=True, is_superuser=True),
    }


def reading_urls(protected):
    consultation, proposal = protected["consultation"], protected["proposal"]
    pk = consultation.pk
    return [
        proposal.get_absolute_url(),
        consultation.url,
        reverse("participation:open_data_json", args=[pk]),
        reverse("participation:open_data_csv", args=[pk]),
        reverse("participation:open_data_comments_json", args=[pk]),
        reverse("participation:open_data_comments_csv", args=[pk]),
        reverse("participation:open_data_dcat", args=[pk]),
        reverse("participation:consultation_poster", args=[pk]),
        reverse("participation:calendar"),
        reverse("dcat_catalogue"),
        "/api/v1/consultations/",
        f"/api/v1/consultations/{pk}/",
        "/api/v1/proposals/",
        f"/api/v1/proposals/{proposal.pk}/",
        "/api/v1/answers/",
        reverse("sitemap"),
        reverse("search") + "?q=navette",
        reverse("contrats:commune_detail", args=[protected["commune"].insee_code]),
        f"/api/v1/communes/{protected['commune'].insee_code}/",
    ]


def actions(protected):
    proposal, comment = protected["proposal"], protected["comment"]
    pk = protected["consultation"].pk
    data = {"reason": "spam", "body": "Je commente.", "title": "Une idée", "action": ""}
    return [
        (reverse("participation:support", args=[proposal.pk]), data),
        (reverse("participation:follow", args=[proposal.pk]), data),
        (reverse("participation:proposal_comment", args=[proposal.pk]), data),
        (reverse("participation:consultation_comment", args=[pk]), data),
        (reverse("participation:proposal_report", args=[proposal.pk]), data),
        (reverse("participation:comment_report", args=[comment.pk]), data),
        (reverse("participation:proposal_create", args=[pk]), data),
        (reverse("participation:proposal_appeal", args=[proposal.pk]), data),
        (reverse("participation:comment_edit", args=[comment.pk]), data),
        (reverse("participation:comment_delete", args=[comment.pk]), data),
    ]


def leaks(response):
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    text = body.decode("utf-8", "replace")
    return SECRET_TITLE in text or SECRET_COMMENT in text


def test_every_url_of_a_protected_consultation_as_each_role(protected):
    before = (Support, Follow, Report, Comment, Proposal)
    counts = {model: model.objects.count() for model in before}
    for role, user in roles().items():
        client = Client()
        if user is not None:
            client.force_login(user)
        for url in reading_urls(protected):
            response = client.get(url)
            assert response.status_code in {200, 302, 401, 403, 404}, (role, url)
            assert not leaks(response), (role, url)
        for url, data in actions(protected):
            response = client.post(url, data)
            assert response.status_code in {302, 403, 404}, (role, url)
            assert not leaks(response), (role, url)
    assert counts == {model: model.objects.count() for model in before}


def test_the_password_opens_the_proposal_and_its_actions(protected):
    resident = factories.UserFactory()
    client = Client()
    client.force_login(resident)
    proposal = protected["proposal"]
    page = client.get(proposal.get_absolute_url())
    assert page.status_code == 200
    assert SECRET_TITLE not in page.content.decode()
    assert "mot de passe" in page.content.decode().lower()
    restriction = PageViewRestriction.objects.get()
    client.post(
        reverse(
            "wagtailcore_authenticate_with_password",
            args=[restriction.pk, protected["consultation"].pk],
        ),
        {
            "password": "mot-de-passe-du-comite",
            "return_url": proposal.get_absolute_url(),
        },
    )
    page = client.get(proposal.get_absolute_url())
    assert SECRET_TITLE in page.content.decode()
    assert "no-cache" in page["Cache-Control"], "never kept for anyone else"
    client.post(reverse("participation:follow", args=[proposal.pk]))
    assert Follow.objects.filter(user=resident, proposal=proposal).exists()
    # Open data, the API and the other shared outputs still leave it out.
    assert not leaks(client.get("/api/v1/proposals/"))
    assert not leaks(
        client.get(
            reverse("participation:open_data_csv", args=[proposal.consultation.pk])
        )
    )
