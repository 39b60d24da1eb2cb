"""A hidden proposal shows a neutral placeholder in place of its title, author and
comments, wherever the public would meet it."""

import pytest

from participation.models import Answer

from . import factories

SECRET_TITLE = "Titre insultant à ne plus montrer"


@pytest.fixture
def hidden_proposal(open_consultation, resident, moderator):
    proposal = factories.ProposalFactory(
        consultation=open_consultation, author=resident, title=SECRET_TITLE
    )
    factories.CommentFactory(
        consultation=open_consultation, proposal=proposal, body="Commentaire secret"
    )
    return factories.hidden_by(moderator, proposal)


def test_page_title_breadcrumb_author_and_comments_are_replaced(
    client, hidden_proposal, resident
):
    html = client.get(hidden_proposal.get_absolute_url()).content.decode()
    assert SECRET_TITLE not in html
    assert "Commentaire secret" not in html
    assert resident.public_name not in html
    assert "<title>Proposition masquée par la modération" in html
    assert '<li aria-current="page">Proposition masquée par la modération</li>' in html
    assert "<h1>Proposition masquée par la modération</h1>" in html
    assert "Les commentaires de cette proposition ne sont plus affichés." in html


def test_its_author_still_sees_which_proposal_it_is(client, hidden_proposal, resident):
    client.force_login(resident)
    html = client.get(hidden_proposal.get_absolute_url()).content.decode()
    assert f"Votre proposition : « {SECRET_TITLE} »" in html
    assert f"<h1>{SECRET_TITLE}</h1>" not in html


def test_nor_lists_search_api_open_data_or_followers_e_mails(
    client, hidden_proposal, open_consultation, moderator, other_resident
):
    for url in (
        open_consultation.url,
        "/recherche/?q=insultant",
        "/api/v1/proposals/",
        f"/participation/consultations/{open_consultation.pk}/propositions.json",
        f"/participation/consultations/{open_consultation.pk}/propositions.csv",
    ):
        response = client.get(url)
        assert SECRET_TITLE not in response.content.decode(), url

    from accounts.notifications import render_email

    answer = Answer(proposal=hidden_proposal, status="rejected", explanation="Non.")
    for template in (
        "participation/emails/answer",
        "participation/emails/progress_project",
    ):
        subject, body = render_email(
            template,
            {
                "user": other_resident,
                "answer": answer,
                "proposal": hidden_proposal,
                "project": None,
                "url": "",
                "site_url": "",
            },
        )
        assert SECRET_TITLE not in subject + body
        assert "Proposition masquée par la modération" in subject + body
