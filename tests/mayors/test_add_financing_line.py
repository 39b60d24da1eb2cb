"""« Ajouter une ligne »: the draft is saved and the form comes back with one more empty
financing line, without JavaScript, and nothing typed is lost."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from .factories import PASSWORD, make_complete_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def mayor_client(client, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    return client


@pytest.fixture
def draft(call, commune_a, mayor_a, measure):
    return make_complete_draft(call, commune_a, mayor_a, measure)


def as_posted(response):
    """What a browser sends back from the rendered form, untouched."""
    data = {}
    formset = response.context["formset"]
    for form in (response.context["form"], formset.management_form, *formset):
        for field in form:
            value = field.value()
            if value in (None, False):
                continue
            data[field.html_name] = "on" if value is True else value
    return data


def empty_lines(response):
    return sum(1 for line in response.context["formset"] if line.instance.pk is None)


def test_the_form_offers_one_empty_line_and_the_button(mayor_client, draft):
    response = mayor_client.get(reverse("mayors:submission_edit", args=[draft.pk]))
    html = response.content.decode()
    assert len(response.context["formset"].forms) == 3
    assert empty_lines(response) == 1
    assert html.count('name="ajouter_ligne"') == 1
    # Only saved lines can be deleted.
    assert len(re.findall(r'name="financement-\d+-DELETE"', html)) == 2


def test_a_filled_line_is_saved_and_one_more_empty_line_comes(mayor_client, draft):
    edit_url = reverse("mayors:submission_edit", args=[draft.pk])
    data = as_posted(mayor_client.get(edit_url))
    data.update(
        {
            "title": "Rénovation de l’école et de la cantine",
            "financement-2-funder": "commune",
            "financement-2-amount": "50000",
            "ajouter_ligne": "",
        }
    )
    response = mayor_client.post(edit_url, data)
    assert response.status_code == 302
    assert response["Location"] == f"{edit_url}?lignes_vides=1#financement"
    draft.refresh_from_db()
    assert draft.title == "Rénovation de l’école et de la cantine"
    assert draft.latitude == 44.45 and draft.estimated_cost == Decimal("250000")
    assert [(line.funder, line.amount) for line in draft.financing_lines.all()] == [
        ("region", Decimal("80000")),
        ("etat", Decimal("70000")),
        ("commune", Decimal("50000")),
    ]

    page = mayor_client.get(response["Location"])
    assert len(page.context["formset"].forms) == 4
    assert empty_lines(page) == 1


def test_an_empty_line_left_blank_makes_two(mayor_client, draft):
    edit_url = reverse("mayors:submission_edit", args=[draft.pk])
    data = {**as_posted(mayor_client.get(edit_url)), "ajouter_ligne": ""}
    response = mayor_client.post(edit_url, data)
    assert response["Location"] == f"{edit_url}?lignes_vides=2#financement"
    assert draft.financing_lines.count() == 2
    page = mayor_client.get(response["Location"])
    assert empty_lines(page) == 2
    # Filling one of the two and adding again: the blank one stays, one more comes.
    data = as_posted(page)
    data.update(
        {
            "financement-3-funder": "departement",
            "financement-3-amount": "10000",
            "ajouter_ligne": "",
        }
    )
    response = mayor_client.post(response["Location"], data)
    assert response["Location"] == f"{edit_url}?lignes_vides=2#financement"
    assert draft.financing_lines.count() == 3


def test_a_refused_plan_is_shown_again_with_what_was_typed(mayor_client, draft):
    edit_url = reverse("mayors:submission_edit", args=[draft.pk])
    data = as_posted(mayor_client.get(edit_url))
    data.update(
        {
            "financement-2-funder": "commune",
            "financement-2-amount": "900000",
            "ajouter_ligne": "",
        }
    )
    response = mayor_client.post(edit_url, data)
    assert response.status_code == 200
    assert "dépasse le coût estimé HT" in response.content.decode()
    assert response.context["formset"][2]["amount"].value() == "900000"
    assert draft.financing_lines.count() == 2


@pytest.mark.parametrize(
    ("asked", "forms"), [("abc", 3), ("0", 3), ("3", 5), ("999", 20)]
)
def test_the_number_of_empty_lines_is_bounded(mayor_client, draft, asked, forms):
    edit_url = reverse("mayors:submission_edit", args=[draft.pk])
    response = mayor_client.get(f"{edit_url}?lignes_vides={asked}")
    assert len(response.context["formset"].forms) == forms
    if forms == 20:
        assert 'name="ajouter_ligne"' not in response.content.decode()
