"""Comments tagged pour / contre / question: form, badge, counts, synthesis, cache."""

import pytest
from django.test import override_settings
from django.urls import reverse

from participation.models import Comment, ConsultationPage

from . import factories

pytestmark = pytest.mark.django_db


def comment_url(proposal):
    return reverse("participation:proposal_comment", args=[proposal.pk])


def test_the_form_offers_radio_buttons_without_a_tag_by_default(
    client, proposal, other_resident
):
    client.force_login(other_resident)
    page = client.get(comment_url(proposal)).content.decode()
    assert "<legend" in page and "Étiquette (facultatif)" in page
    assert 'type="radio" name="stance" value="" ' in page
    for value, label in (("", "Sans étiquette"), ("pour", "Pour")):
        assert f'value="{value}"' in page and label in page
    checked = page.split('name="stance" value=""')[1].split(">")[0]
    assert "checked" in checked
    # The form on the proposal page itself too.
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert 'name="stance"' in page


def test_a_tag_is_saved_and_shown_as_a_text_badge(client, proposal, other_resident):
    client.force_login(other_resident)
    client.post(comment_url(proposal), {"body": "Je suis d’accord.", "stance": "pour"})
    client.post(comment_url(proposal), {"body": "Sans avis tranché."})
    tagged, plain = Comment.objects.order_by("pk")
    assert (tagged.stance, plain.stance) == ("pour", "")
    page = client.get(proposal.get_absolute_url()).content.decode()
    badge = '<span class="visually-hidden">Étiquette : </span>Pour</span>'
    assert page.count(badge) == 1
    assert "participation-stance--pour" in page


def test_replies_carry_a_tag_too(client, proposal, other_resident):
    parent = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal
    )
    client.force_login(other_resident)
    client.post(
        comment_url(proposal),
        {"body": "Une question ?", "stance": "question", "parent": parent.pk},
    )
    reply = Comment.objects.get(parent=parent)
    assert reply.stance == "question"
    assert "Étiquette : </span>Question" in (
        client.get(proposal.get_absolute_url()).content.decode()
    )


def test_an_unknown_tag_is_refused_and_saves_nothing(client, proposal, other_resident):
    client.force_login(other_resident)
    response = client.post(comment_url(proposal), {"body": "X", "stance": "neutre"})
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_author_may_change_the_tag_while_editing(client, proposal, resident):
    comment = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal, author=resident
    )
    client.force_login(resident)
    url = reverse("participation:comment_edit", args=[comment.pk])
    client.post(url, {"body": comment.body, "stance": "contre"})
    comment.refresh_from_db()
    assert comment.stance == "contre"
    assert not comment.revisions.exists()  # the text did not change


def tag(proposal, stance, n, **fields):
    for _ in range(n):
        factories.CommentFactory(
            consultation=proposal.consultation,
            proposal=proposal,
            stance=stance,
            **fields,
        )


def test_the_proposal_page_counts_its_published_comments_per_tag(client, proposal):
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "participation-stances" not in page  # nothing tagged yet
    tag(proposal, "pour", 3)
    tag(proposal, "contre", 1)
    tag(proposal, "question", 2)
    tag(proposal, "", 4)
    tag(proposal, "contre", 2, status="hidden")
    tag(proposal, "pour", 1, status="pending")
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "3 pour · 1 contre · 2 questions" in page
    factories.CommentFactory(
        consultation=proposal.consultation,
        proposal=proposal,
        parent=Comment.objects.filter(stance="pour").first(),
        stance="question",
    )
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "3 pour · 1 contre · 3 questions" in page


def test_the_published_results_count_comments_per_tag(client, site_root):
    consultation = factories.consultation(site_root, "results")
    proposal = factories.ProposalFactory(consultation=consultation)
    tag(proposal, "pour", 2)
    tag(proposal, "question", 1)
    tag(proposal, "", 1)
    factories.CommentFactory(consultation=consultation, stance="contre")
    factories.CommentFactory(consultation=consultation, stance="pour", status="hidden")
    consultation = ConsultationPage.objects.get(pk=consultation.pk)
    synthesis = consultation.compute_synthesis()
    assert synthesis["by_stance"] == [
        ("Pour", 2),
        ("Contre", 1),
        ("Question", 1),
        ("Sans étiquette", 1),
    ]
    assert synthesis["comments"] == 5
    page = client.get(consultation.url).content.decode()
    table = page.split("Nombre de commentaires publiés par étiquette")[1].split(
        "</table>"
    )[0]
    for label, total in synthesis["by_stance"]:
        assert f'<th scope="row">{label}</th><td class="num">{total}</td>' in table


@override_settings(PAGE_CACHE_ENABLED=False)
def test_kept_comment_html_follows_the_tag(client, proposal):
    """The kept HTML is keyed on the stance itself, not only on the last save."""
    comment = factories.CommentFactory(
        consultation=proposal.consultation, proposal=proposal
    )
    url = proposal.get_absolute_url()
    assert "Étiquette : " not in client.get(url).content.decode()
    # update() moves neither updated_at nor any signal: only the key can tell.
    Comment.objects.filter(pk=comment.pk).update(
        stance="contre", updated_at=comment.updated_at
    )
    assert "Étiquette : </span>Contre" in client.get(url).content.decode()
    Comment.objects.filter(pk=comment.pk).update(
        stance="question", updated_at=comment.updated_at
    )
    page = client.get(url).content.decode()
    assert "Étiquette : </span>Question" in page
    assert "Étiquette : </span>Contre" not in page
