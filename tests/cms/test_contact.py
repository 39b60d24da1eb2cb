"""The contact form: e-mail to staff, stored submission, honeypot, RGPD notice, no cache."""

import time

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from tests.cms.factories import ContactPageFactory

pytestmark = pytest.mark.django_db

VALID = {
    "nom": "Jeanne Martin",
    "adresse_electronique": "jeanne@example.org",
    "message": "Bonjour, je souhaite des informations sur le CRTE.",
}


@pytest.fixture
def contact(site_root):
    return ContactPageFactory(parent=site_root)


def human_post(data, seconds_ago=30):
    """What a person's browser sends: the trap left empty, the form shown a while ago."""
    return {**data, "whf_name": "", "whf_time": str(int(time.time()) - seconds_ago)}


def test_form_has_labels_notice_and_csrf(client, contact):
    html = client.get("/contact/").content.decode()
    assert '<label for="id_nom" class="required">Nom' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Vos données personnelles" in html
    assert "Vos données servent à vous répondre." in html
    assert 'name="whf_name"' in html


def test_submission_is_stored_and_emailed_to_staff(client, contact):
    response = client.post("/contact/", human_post(VALID))
    assert response.status_code == 200
    assert "Merci pour votre message." in response.content.decode()
    submission = FormSubmission.objects.get(page=contact)
    assert submission.get_data()["nom"] == "Jeanne Martin"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["equipe@grandquercy.test"]
    assert "je souhaite des informations sur le CRTE" in mail.outbox[0].body


def test_bot_filling_the_trap_is_ignored(client, contact):
    client.post("/contact/", {**human_post(VALID), "whf_name": "http://spam.example"})
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_bot_posting_instantly_is_ignored(client, contact):
    client.post("/contact/", human_post(VALID, seconds_ago=0))
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_invalid_form_shows_french_errors_linked_to_fields(client, contact):
    response = client.post(
        "/contact/", human_post({**VALID, "adresse_electronique": "pas-une-adresse"})
    )
    html = response.content.decode()
    assert "Saisissez une adresse de courriel valide." in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_adresse_electronique_error"' in html
    assert 'id="id_adresse_electronique_error"' in html
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_contact_page_is_never_served_from_the_page_cache(client, contact):
    from django.test import Client

    first = client.get("/contact/")
    second = Client().get("/contact/")
    assert first.get("X-Page-Cache") != "hit"
    assert second.get("X-Page-Cache") != "hit"
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
