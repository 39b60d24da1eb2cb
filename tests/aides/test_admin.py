"""The catalogue in the admin: the pôle des Politiques contractuelles keeps it; no one
else reads or writes it, and a scheme with bad dates or rates is refused in French."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from aides.models import AidScheme
from cms.roles import COMMUNICATION, MODERATION, POLITIQUES_CONTRACTUELLES
from tests.participation.factories import UserFactory

from .factories import AidSchemeFactory

pytestmark = pytest.mark.django_db

INDEX = "aides_schemes:index"
ADD = "aides_schemes:add"


def staff(group_name):
    user = get_user_model().objects.create_user(
        email=f"{group_name[:5].lower()}@grandquercy.test",
        password="motdepasse-solide",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def scheme_form(**fields):
    return {
        "name": "Fonds vert — rénovation des écoles",
        "programme": "Fonds vert",
        "funder": "etat",
        "funder_name": "",
        "description": "Rénovation énergétique des bâtiments scolaires.",
        "applicants": ["commune", "epci"],
        "themes": ["batiments", "energie"],
        "max_rate": "60",
        "ceiling": "",
        "min_eligible_cost": "",
        "opens_on": "2027-01-01",
        "closes_on": "2027-06-30",
        "procedure_url": "https://www.demarches-simplifiees.fr/commencer/fonds-vert",
        "funder_url": "",
        "contact": "DDT du Lot",
        "contact_email": "ddt@lot.gouv.test",
        "is_published": "on",
        **fields,
    }


def test_policy_staff_add_a_scheme_through_the_menu(client):
    client.force_login(staff(POLITIQUES_CONTRACTUELLES))
    admin_home = client.get("/admin/").text
    assert "Aides et financements" in admin_home
    response = client.post(reverse(ADD), scheme_form())
    assert response.status_code == 302, response.context["form"].errors
    scheme = AidScheme.objects.get()
    assert scheme.applicants == ["commune", "epci"]
    assert scheme.themes == ["batiments", "energie"]
    assert scheme.max_rate == Decimal("60")
    listing = client.get(reverse(INDEX)).text
    assert "Fonds vert — rénovation des écoles" in listing


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"max_rate": "120"}, "Le taux doit être compris entre 0 et 100 %."),
        ({"closes_on": "2026-12-01"}, "La clôture doit suivre l’ouverture."),
        (
            {"closes_on": ""},
            "Indiquez la date de clôture, ou cochez « au fil de l’eau ».",
        ),
        ({"ceiling": "-1"}, "Le montant doit être supérieur à 0 €."),
        ({"applicants": []}, "Champ requis."),
        (
            {"procedure_url": "javascript:alert(1)"},
            "Saisissez une adresse de ce site (« /… ») ou une adresse https://…",
        ),
        ({"procedure_url": "//ailleurs.test/"}, "Saisissez une adresse de ce site"),
    ],
)
def test_a_bad_scheme_is_refused_and_nothing_written(client, fields, message):
    client.force_login(staff(POLITIQUES_CONTRACTUELLES))
    response = client.post(reverse(ADD), scheme_form(**fields))
    assert response.status_code == 200
    assert message in response.text
    assert not AidScheme.objects.exists()


def test_a_rolling_scheme_filed_on_this_site_needs_no_closing_date(client):
    client.force_login(staff(POLITIQUES_CONTRACTUELLES))
    response = client.post(
        reverse(ADD),
        scheme_form(
            closes_on="", opens_on="", is_rolling="on", procedure_url="/espace-elus/"
        ),
    )
    assert response.status_code == 302
    scheme = AidScheme.objects.get()
    assert scheme.is_rolling and scheme.procedure_url == "/espace-elus/"


@pytest.mark.parametrize("group_name", [COMMUNICATION, MODERATION])
def test_other_staff_can_neither_read_nor_write_the_catalogue(client, group_name):
    scheme = AidSchemeFactory(name="DETR")
    client.force_login(staff(group_name))
    assert client.get(reverse(INDEX)).status_code in (302, 403)
    response = client.post(reverse(ADD), scheme_form())
    assert response.status_code in (302, 403)
    response = client.post(
        reverse("aides_schemes:edit", args=[scheme.pk]), scheme_form(name="Piraté")
    )
    assert response.status_code in (302, 403)
    response = client.post(reverse("aides_schemes:delete", args=[scheme.pk]))
    assert response.status_code in (302, 403)
    assert list(AidScheme.objects.values_list("name", flat=True)) == ["DETR"]


def test_residents_and_visitors_never_reach_the_admin_catalogue(client):
    AidSchemeFactory(name="DETR")
    assert client.get(reverse(INDEX)).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse(INDEX)).status_code in (302, 403)
    assert client.post(reverse(ADD), scheme_form()).status_code in (302, 403)
    assert AidScheme.objects.count() == 1


def test_the_admin_export_is_formula_safe(client):
    AidSchemeFactory(name='=HYPERLINK("http://x","y")', contact="+33 5 65 00 00 00")
    client.force_login(staff(POLITIQUES_CONTRACTUELLES))
    response = client.get(reverse(INDEX), {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body
