"""Instruction in one step: valid steps only, « à corriger » from « déposé », an e-mail
at each state change, the decision and thread on top, tabs, columns, ZIP, French values."""

import io
import zipfile
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from mayors.models import FinancingPlanLine, Submission

from .factories import PASSWORD, add_attachment, make_complete_draft, pdf_bytes

pytestmark = pytest.mark.django_db
State = Submission.State


@pytest.fixture
def staff_client(client, staff):
    client.login(email=staff.email, password=PASSWORD)
    return client


@pytest.fixture
def submitted(call, commune_a, mayor_a, measure):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    draft.submit(by=mayor_a)
    return draft


def act(client, submission, action, message=""):
    return client.post(
        reverse("mayors_submission:act", args=[submission.pk]),
        {"action": action, "message": message},
    )


def test_a_deposited_dossier_goes_back_for_changes_in_one_step(
    staff_client, submitted, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = act(
            staff_client, submitted, "request_changes", "Il manque le devis."
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == State.CHANGES_REQUESTED
    assert any("Il manque le devis." in m.body for m in mail.outbox)


def test_only_the_valid_steps_are_offered(staff_client, submitted):
    url = reverse("mayors_submission:inspect", args=[submitted.pk])
    choices = dict(
        staff_client.get(url).context["decision_form"].fields["action"].choices
    )
    # « Classer sans suite » too: an acknowledged dossier ends closed, never deleted.
    assert set(choices) == {"start_review", "request_changes", "closed"}
    submitted.start_review(by=None)
    choices = dict(
        staff_client.get(url).context["decision_form"].fields["action"].choices
    )
    assert set(choices) == {
        "request_changes",
        "retained",
        "postponed",
        "rejected",
        "closed",
    }


def test_an_invalid_step_is_refused_with_the_state_named(staff_client, submitted):
    response = act(staff_client, submitted, "retained")
    assert response.status_code == 200
    assert "n’est pas possible dans l’état « Déposé »" in response.text
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_the_commune_hears_when_its_dossier_goes_into_review(
    staff_client, submitted, mayor_a, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(staff_client, submitted, "start_review")
    sent = [m for m in mail.outbox if mayor_a.email in m.to]
    assert len(sent) == 1
    assert "en instruction" in sent[0].subject
    assert reverse("mayors:submission_detail", args=[submitted.pk]) in sent[0].body


def test_the_decision_form_and_thread_come_before_the_fields(staff_client, submitted):
    html = staff_client.get(
        reverse("mayors_submission:inspect", args=[submitted.pk])
    ).text
    assert html.index('id="instruction-titre"') < html.index('id="messages-titre"')
    assert html.index('id="messages-titre"') < html.index("Motif de la décision")


def test_inspect_reads_in_french_and_paris_time(staff_client, submitted):
    html = staff_client.get(
        reverse("mayors_submission:inspect", args=[submitted.pk])
    ).text
    local = submitted.submitted_at.astimezone(ZoneInfo("Europe/Paris"))
    assert f"{local:%H:%M}" in html
    assert ">None<" not in html and ">True<" not in html and ">False<" not in html
    assert "250\u202f000\u00a0€" in html


def test_listing_has_state_tabs_cost_and_region(staff_client, submitted):
    response = staff_client.get(reverse("mayors_submission:index"))
    html = response.text
    assert "Déposé (1)" in html and "Brouillon (0)" in html
    assert "Région sollicitée" in html and "80\u202f000\u00a0€" in html
    assert "250\u202f000\u00a0€" in html
    filtered = staff_client.get(reverse("mayors_submission:index") + "?state=draft")
    assert submitted.title not in filtered.text


def test_compile_is_linked_from_the_calls_list(staff_client, call):
    html = staff_client.get(reverse("mayors_call:index")).text
    assert reverse("mayors_call:compile", args=[call.pk]) in html
    assert "Compiler le PO 2027" in html


def test_officials_list_says_who_may_deposit_in_french(staff_client, mayor_a):
    html = staff_client.get(reverse("mayors_official:index")).text
    assert "Peut déposer" in html and "Oui" in html
    assert "False" not in html and "True" not in html


def test_zip_holds_every_downloadable_piece(staff_client, submitted, mayor_a):
    add_attachment(submitted, mayor_a, name="devis.pdf", content=pdf_bytes("devis"))
    add_attachment(
        submitted, mayor_a, name="virus.pdf", status="infected", kind="Autre pièce"
    )
    response = staff_client.get(reverse("mayors_submission:zip", args=[submitted.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "devis.pdf" in names and "piece.pdf" in names
    assert not any("virus" in name for name in names)


def test_zip_is_refused_to_the_commune(client, submitted, mayor_a):
    client.login(email=mayor_a.email, password=PASSWORD)
    response = client.get(reverse("mayors_submission:zip", args=[submitted.pk]))
    assert response.status_code in (302, 403)


def test_plan_above_the_cost_blocks_the_deposit(call, commune_a, mayor_a, measure):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    FinancingPlanLine.objects.create(
        submission=draft, funder="commune", amount=Decimal("150000")
    )
    problems = draft.deposit_problems()
    assert problems == [
        "Le total du plan de financement (300\u202f000\u00a0€) dépasse le coût estimé HT "
        "(250\u202f000\u00a0€)."
    ]
    with pytest.raises(Exception, match="dépasse le coût estimé HT"):
        draft.submit(by=mayor_a)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_export_has_french_headers_labels_and_paris_time(staff_client, submitted):
    response = staff_client.get(reverse("mayors_submission:index") + "?export=csv")
    text = b"".join(response.streaming_content).decode()
    header, row = text.splitlines()[:2]
    assert header.startswith("Référence,Intitulé,Commune,EPCI,Année,Rang")
    assert "Déposé le" in header and "submitted" not in row
    assert ",Déposé," in row and ",Prêt à démarrer," in row
    local = submitted.submitted_at.astimezone(ZoneInfo("Europe/Paris"))
    assert local.strftime("%d/%m/%Y %H:%M") in row
