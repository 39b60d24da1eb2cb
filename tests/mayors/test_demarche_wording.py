"""Only the priority démarche feeds a Programme Opérationnel: a form démarche's dossier
is « retenu », never « Retenu au PO », in the admin, the e-mails, the history and the
dashboard; the priority démarche keeps its words."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from mayors.models import Submission

from .factories import (
    PASSWORD,
    DemarcheFactory,
    OrganisationFactory,
    add_attachment,
    make_complete_draft,
    organisation_member,
)

pytestmark = pytest.mark.django_db
PO_WORDS = ("Programme Opérationnel", "Retenu au PO", "priorité", "Priorité")


@pytest.fixture
def president(cto):
    association = OrganisationFactory(name="Association Bien Vieillir en Quercy")
    return organisation_member(association, "presidente@bien-vieillir.example")


@pytest.fixture
def dossier_in_review(cto, president, staff):
    call = DemarcheFactory(contract=cto, open_to_associations=True)
    organisation = president.memberships.get().organisation
    dossier = Submission.create_draft(
        call=call, organisation=organisation, by=president, title="Ateliers mémoire"
    )
    for label in call.required_document_list:
        add_attachment(dossier, president, kind=label)
    dossier.submit(by=president)
    dossier.start_review(by=staff)
    return dossier


@pytest.fixture
def priority_in_review(call, commune_a, mayor_a, measure, staff):
    priority = make_complete_draft(call, commune_a, mayor_a, measure)
    priority.submit(by=mayor_a)
    priority.start_review(by=staff)
    return priority


def retain(client, staff, submission, capture):
    client.login(email=staff.email, password=PASSWORD)
    inspect = client.get(reverse("mayors_submission:inspect", args=[submission.pk]))
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post(
            reverse("mayors_submission:act", args=[submission.pk]),
            {"action": "retained"},
            follow=True,
        )
    submission.refresh_from_db()
    assert submission.state == Submission.State.RETAINED
    decided = [m for m in mail.outbox if "Décision" in m.subject]
    return inspect.text, response.text, decided


def test_a_form_demarches_dossier_is_retained_in_its_own_words(
    client, staff, president, dossier_in_review, django_capture_on_commit_callbacks
):
    inspect, after, decided = retain(
        client, staff, dossier_in_review, django_capture_on_commit_callbacks
    )
    assert "Retenir le dossier" in inspect
    assert "Renvoyer au porteur pour correction" in inspect
    assert "Retenir au Programme Opérationnel" not in inspect
    assert "Le dossier est désormais « Retenu »." in after
    assert decided and all(
        message.subject.endswith(": Retenu") and "désormais : Retenu." in message.body
        for message in decided
    )
    listing = client.get(reverse("mayors_submission:index")).text
    assert re.search(r">\s*Retenu\s*<", listing)  # the row; the filters span both kinds
    export = client.get(reverse("mayors_submission:index"), {"export": "csv"})
    row = b"".join(export.streaming_content).decode().splitlines()[1]
    assert ",Retenu," in row and "Retenu au PO" not in row
    client.login(email=president.email, password=PASSWORD)
    for url in (
        reverse("mayors:dashboard"),
        reverse("mayors:submission_detail", args=[dossier_in_review.pk]),
    ):
        page = client.get(url).text
        assert "Retenu" in page
        for words in PO_WORDS:
            assert words not in page, (url, words)


def test_the_priority_demarche_keeps_the_po_words(
    client, staff, mayor_a, priority_in_review, django_capture_on_commit_callbacks
):
    inspect, after, decided = retain(
        client, staff, priority_in_review, django_capture_on_commit_callbacks
    )
    assert "Retenir au Programme Opérationnel" in inspect
    assert "Renvoyer à la commune pour correction" in inspect
    assert "Le dossier est désormais « Retenu au PO »." in after
    assert decided and all("Retenu au PO" in m.subject for m in decided)
    client.login(email=mayor_a.email, password=PASSWORD)
    dashboard = client.get(reverse("mayors:dashboard")).text
    assert "Retenu au PO" in dashboard and "Vos priorités et dossiers" in dashboard


def test_staff_messages_and_decisions_name_the_holder_not_a_commune(
    client, staff, president, dossier_in_review
):
    client.login(email=staff.email, password=PASSWORD)
    inspect = client.get(
        reverse("mayors_submission:inspect", args=[dossier_in_review.pk])
    )
    assert "envoyé au porteur du dossier" in inspect.text
    response = client.post(
        reverse("mayors_submission:message", args=[dossier_in_review.pk]),
        {"body": "Merci de joindre le budget signé."},
        follow=True,
    )
    assert "Message envoyé au porteur du dossier." in response.text
    assert dossier_in_review.messages.filter(from_staff=True).count() == 1
