"""« En bref »: a plain-French summary of a consultation or a proposal, shown first."""

import re

import pytest
from django.urls import reverse

from participation.models import Proposal, Status

from . import factories

pytestmark = pytest.mark.django_db
EASY = "Le bus passe trop peu. Nous voulons un bus le samedi. Dites-nous vos horaires."


def section(page):
    match = re.search(
        r'<section class="participation-easy-read" aria-labelledby="en-bref">\s*'
        r'<h2 id="en-bref">En bref</h2>(.*?)</section>',
        page,
        re.S,
    )
    return match.group(1).strip() if match else None


def test_the_consultation_page_shows_en_bref_first(client, site_root):
    consultation = factories.consultation(
        site_root, "open", easy_read=EASY + "\n<b>Merci</b> !", body="<p>Le détail.</p>"
    )
    page = client.get(consultation.url).content.decode()
    box = section(page)
    assert EASY in box
    assert "&lt;b&gt;Merci&lt;/b&gt;" in box  # plain text, escaped
    # Right under the title: before the summary, the calendar and the body.
    position = page.index('aria-labelledby="en-bref"')
    assert page.index("<h1>") < position
    for later in ('<p class="lead">', "Calendrier", "Le détail."):
        assert position < page.index(later), later


def test_no_box_without_a_text(client, open_consultation, proposal):
    assert "en-bref" not in client.get(open_consultation.url).content.decode()
    assert "en-bref" not in client.get(proposal.get_absolute_url()).content.decode()


def test_the_editor_writes_it_in_the_admin(client, open_consultation):
    from tests.participation.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[open_consultation.pk]))
    page = edit.content.decode()
    assert 'name="easy_read"' in page
    assert "une idée par phrase" in page
    assert 'maxlength="600"' in page


def test_a_resident_adds_en_bref_to_a_proposal(client, open_consultation, resident):
    client.force_login(resident)
    url = reverse("participation:proposal_create", args=[open_consultation.pk])
    form = client.get(url).content.decode()
    assert 'name="easy_read"' in form and 'maxlength="400"' in form
    assert form.index('name="easy_read"') < form.index('name="body"')
    response = client.post(
        url,
        {
            "title": "Un bus le samedi",
            "easy_read": "Un bus le samedi matin, pour aller au marché.",
            "body": "Le réseau actuel ne dessert pas les hameaux le week-end, "
            "alors que le marché attire tout le canton.",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.easy_read == "Un bus le samedi matin, pour aller au marché."
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert section(page) == "<p>Un bus le samedi matin, pour aller au marché.</p>"
    assert page.index('aria-labelledby="en-bref"') < page.index(
        '<div class="participation-body">'
    )
    assert '<meta name="description" content="Un bus le samedi matin' in page
    # The card of the list says it in plain words too.
    cards = client.get(open_consultation.url).content.decode()
    assert "Un bus le samedi matin, pour aller au marché." in cards
    assert "Le réseau actuel" not in cards


def test_en_bref_is_optional_and_limited(client, open_consultation, resident):
    client.force_login(resident)
    url = reverse("participation:proposal_create", args=[open_consultation.pk])
    response = client.post(
        url, {"title": "Trop long", "easy_read": "x" * 401, "body": "Texte."}
    )
    assert response.status_code == 400
    assert "400 caractères" in response.content.decode()
    assert not Proposal.objects.exists()
    response = client.post(url, {"title": "Sans résumé", "body": "Texte."})
    assert response.status_code == 302
    assert Proposal.objects.get().easy_read == ""


def test_a_hidden_proposal_shows_no_summary(client, open_consultation):
    hidden = factories.ProposalFactory(
        consultation=open_consultation,
        easy_read="Un résumé à cacher.",
        status=Status.HIDDEN,
    )
    page = client.get(hidden.get_absolute_url()).content.decode()
    assert "Un résumé à cacher." not in page


def test_staff_write_en_bref_for_the_grand_quercys_own_proposals(client):
    from tests.participation.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = client.get(reverse("participation_proposals:add")).content.decode()
    assert 'name="easy_read"' in page
