"""A démarche's public page and the list of démarches, read without signing in."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mayors.models import DemarcheDocument, DemarcheField
from tests.cms.factories import ContactPageFactory
from tests.contrats.factories import make_contract

from .factories import DemarcheFactory, DemarcheFieldFactory

pytestmark = pytest.mark.django_db


def page(client, demarche):
    response = client.get(demarche.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_anyone_reads_what_the_demarche_asks(client, cto, site_root):
    ContactPageFactory(parent=site_root)
    demarche = DemarcheFactory(
        contract=cto,
        title="Contrat Local de Santé — appel à projets",
        instructions="Une action par dossier.",
        open_to_associations=True,
        required_documents="",
    )
    DemarcheDocument.objects.create(
        call=demarche, sort_order=0, name="Budget prévisionnel", allowed_types=["pdf"]
    )
    DemarcheDocument.objects.create(
        call=demarche, sort_order=1, name="Bilan", required=False
    )
    DemarcheFieldFactory(
        call=demarche,
        label="Public visé",
        help_text="Âge, nombre, lieu.",
        required=True,
    )
    DemarcheFieldFactory(
        call=demarche,
        label="Axe",
        kind=DemarcheField.Kind.CHOICE,
        choices="Prévention\nAccès aux soins",
    )

    html = page(client, demarche)

    assert "Contrat Local de Santé — appel à projets" in html
    assert cto.url in html and "Communes, associations" in html
    assert "Une action par dossier." in html
    assert "Budget prévisionnel</strong> — obligatoire ; fichier PDF" in html
    assert "Bilan</strong> — facultative" in html
    assert "Public visé" in html and "Âge, nombre, lieu." in html
    assert "Prévention, Accès aux soins" in html
    login = reverse("account_login") + "?next=%2Fespace-elus%2F"
    assert f'href="{login}"' in html and "Déposer un dossier" in html
    assert "Être aidé par le pôle" in html


def test_the_dates_say_open_upcoming_or_closed(client, cto, site_root):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    open_one = DemarcheFactory(contract=cto, opens_at=now - day, closes_at=now + day)
    upcoming = DemarcheFactory(
        contract=cto, opens_at=now + 3 * day, closes_at=now + 9 * day
    )
    closed = DemarcheFactory(
        contract=cto, opens_at=now - 400 * day, closes_at=now - 300 * day
    )

    # Times as the house writes them (« 18 h 00 »), never « 18:00 ».
    assert re.search(
        r"Ouverte jusqu’au \d{1,2} \w+ \d{4} à \d\d h \d\d", page(client, open_one)
    )
    assert "Ouvre le" in page(client, upcoming)
    closed_html = page(client, closed)
    assert ">Close<" in closed_html and "Déposer un dossier" not in closed_html

    listing = client.get(reverse("demarches:index")).content.decode()
    assert (
        listing.index(open_one.title)
        < listing.index(upcoming.title)
        < listing.index(closed.title)
    )


def test_the_page_is_kept_until_the_demarche_opens(client, cto, site_root, settings):
    settings.PAGE_CACHE_ENABLED = True
    now = timezone.now()
    demarche = DemarcheFactory(
        contract=cto,
        opens_at=now + datetime.timedelta(seconds=120),
        closes_at=now + datetime.timedelta(days=9),
    )
    response = client.get(demarche.get_absolute_url())
    max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < max_age <= 120


def test_staff_text_is_escaped(client, cto, site_root):
    demarche = DemarcheFactory(
        contract=cto,
        title="<script>alert(1)</script>",
        instructions="<img src=x onerror=alert(2)>",
        required_documents="<b>pièce</b>",
    )
    DemarcheFieldFactory(call=demarche, label="<i>champ</i>", help_text="<u>aide</u>")

    html = page(client, demarche)

    for raw in ("<script>alert", "<img src=x", "<b>pièce", "<i>champ", "<u>aide"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_unknown_demarche_is_not_found(client, db):
    assert client.get(reverse("demarches:detail", args=[999999])).status_code == 404


def count(client, url):
    client.get(url)  # warm: content types, site settings
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def test_the_page_costs_the_same_with_one_or_many_fields_and_pieces(
    client, cto, site_root, no_page_cache
):
    small = DemarcheFactory(contract=cto, required_documents="Budget")
    DemarcheFieldFactory(call=small)
    large = DemarcheFactory(
        contract=cto, required_documents="\n".join(f"Pièce {n}" for n in range(12))
    )
    for _ in range(15):
        DemarcheFieldFactory(call=large, help_text="Aide")

    few = count(client, small.get_absolute_url())
    many = count(client, large.get_absolute_url())
    assert few == many


def test_the_list_costs_the_same_with_few_or_many_demarches(
    client, cto, site_root, no_page_cache
):
    url = reverse("demarches:index")
    DemarcheFactory(contract=cto)
    few = count(client, url)
    DemarcheFactory.create_batch(25, contract=cto)
    many = count(client, url)
    assert few == many


def test_the_page_names_the_measure_and_the_funder(client, cto, measure):
    demarche = DemarcheFactory(contract=cto, measure=measure, funder="region")
    html = page(client, demarche)
    assert "Mesure de la stratégie" in html and measure.title in html
    assert "Région Occitanie" in html


def test_a_measure_of_another_contract_is_refused(cto, measure, site_root):
    other = make_contract(site_root, kind="CRTE", short_name="CRTE", tree=(1, 1, 1))
    demarche = DemarcheFactory.build(
        contract=other, measure=measure, title="Fiches-projets"
    )
    with pytest.raises(ValidationError) as refused:
        demarche.clean()
    assert refused.value.message_dict["measure"] == [
        "Cette mesure n’appartient pas à la stratégie du contrat choisi."
    ]
    demarche.contract = cto
    demarche.clean()
    copy = DemarcheFactory(contract=cto, measure=measure, funder="ars").new_version()
    assert (copy.measure, copy.funder) == (measure, "ars")
