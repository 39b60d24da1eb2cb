"""The index, the council page and the account section."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from participation.models import (
    CouncilMeeting,
    CouncilMember,
    CouncilPage,
)

from . import factories

pytestmark = pytest.mark.django_db


def test_index_groups_consultations_by_state(client, site_root):
    factories.consultation(site_root, "open", title="Ouverte ici")
    factories.consultation(site_root, "results", title="Résultats là")
    html = client.get(factories.index_page(site_root).url).content.decode()
    assert html.index("Consultations ouvertes") < html.index("Ouverte ici")
    assert html.index("Résultats publiés") < html.index("Résultats là")


def test_phase_box_says_what_and_until_when(client, site_root):
    consultation = factories.consultation(site_root, "open", allow_supports=False)
    html = client.get(consultation.url).content.decode()
    assert "Vous pouvez déposer des propositions, commenter" in html
    assert "soutenir" not in html.split("Calendrier")[1][:600]
    assert "Connectez-vous pour participer." in html


def test_council_page(client, site_root):
    index = factories.index_page(site_root)
    council = index.add_child(instance=CouncilPage(title="Le Conseil", slug="conseil"))
    CouncilMember.objects.create(page=council, name="Marie Delmas", college="residents")
    CouncilMeeting.objects.create(
        page=council,
        date=timezone.now() + datetime.timedelta(days=3),
        place="Gourdon",
        agenda="Avis sur le PO",
    )
    html = client.get(council.url).content.decode()
    assert "Marie Delmas" in html and "Habitant·es" in html and "Gourdon" in html
    assert '<th scope="col">Collège</th>' in html


def test_account_section_lists_my_contributions(client, proposal, resident):
    client.force_login(resident)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Mes contributions" in html and proposal.title in html
