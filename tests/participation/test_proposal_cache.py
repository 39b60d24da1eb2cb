"""A signed-in resident's proposal page, kept per session (cms.cache), never stale."""

from django.urls import reverse

from . import factories


def visit(client, proposal):
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    return response


def test_the_page_is_kept_for_the_session_until_a_support_changes_it(
    client, proposal, other_resident
):
    client.force_login(other_resident)
    visit(client, proposal)  # the first visit sets the CSRF cookie: never kept
    visit(client, proposal)
    kept = visit(client, proposal)
    assert kept["X-Page-Cache"] == "private-hit"
    assert "Retirer mon soutien" not in kept.content.decode()

    client.post(reverse("participation:support", args=[proposal.pk]), {"action": "add"})
    client.get(proposal.get_absolute_url())  # shows the confirmation message, if any
    after = visit(client, proposal)

    assert "Retirer mon soutien" in after.content.decode()


def test_another_residents_comment_shows_at_once(client, proposal, other_resident):
    client.force_login(other_resident)
    for _ in range(3):
        visit(client, proposal)

    factories.CommentFactory(
        consultation=proposal.consultation,
        proposal=proposal,
        body="Une idée qui me plaît.",
    )

    assert "Une idée qui me plaît." in visit(client, proposal).content.decode()


def test_anonymous_visitors_never_get_a_residents_page(
    client, proposal, other_resident
):
    client.force_login(other_resident)
    for _ in range(3):
        visit(client, proposal)
    client.logout()

    response = visit(client, proposal)

    assert response.get("X-Page-Cache") != "private-hit"
    assert other_resident.display_name not in response.content.decode()
