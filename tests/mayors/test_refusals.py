"""Refusals that explain: a French reason on the 403 page, « Déposer » disabled with
its reason, the new-priority form refused before it is filled, the mayor told when the
secretary's draft is ready, the financing plan checked against the cost."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mayors.models import Submission

from .factories import PASSWORD, make_complete_draft

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.login(email=user.email, password=PASSWORD)
    return client


def test_editing_a_deposited_dossier_says_why(
    client, call, commune_a, mayor_a, measure, refusals
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    draft.submit(by=mayor_a)
    reason = refusals(
        signed_in(client, mayor_a), reverse("mayors:submission_edit", args=[draft.pk])
    )
    assert reason.startswith("Ce dossier est déposé : il ne peut plus être modifié")


def test_the_secretary_cannot_deposit_and_is_told_why(
    client, call, commune_a, mayor_a, delegate_a, measure, refusals
):
    draft = make_complete_draft(call, commune_a, delegate_a, measure)
    client = signed_in(client, delegate_a)
    detail = client.get(reverse("mayors:submission_detail", args=[draft.pk]))
    html = detail.text
    assert 'disabled aria-describedby="raison-depot"' in html
    assert "Seul·e le ou la maire" in html
    assert refusals(
        client, reverse("mayors:submission_submit", args=[draft.pk]), method="post"
    ).startswith("Seul·e le ou la maire")
    draft.refresh_from_db()
    assert draft.state == Submission.State.DRAFT


def test_an_incomplete_draft_shows_a_disabled_deposit_with_the_reason(
    client, call, commune_a, mayor_a
):
    draft = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="Esquisse"
    )
    html = (
        signed_in(client, mayor_a)
        .get(reverse("mayors:submission_detail", args=[draft.pk]))
        .text
    )
    assert 'disabled aria-describedby="raison-depot"' in html
    assert "Le dossier est incomplet" in html
    assert reverse("mayors:submission_submit", args=[draft.pk]) not in html


def test_a_complete_draft_offers_the_deposit_to_the_mayor(
    client, call, commune_a, mayor_a, measure
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    html = (
        signed_in(client, mayor_a)
        .get(reverse("mayors:submission_detail", args=[draft.pk]))
        .text
    )
    assert reverse("mayors:submission_submit", args=[draft.pk]) in html
    assert "raison-depot" not in html


def test_new_priority_after_the_deadline_is_refused_before_the_form(
    client, call, commune_a, mayor_a, refusals
):
    type(call).objects.filter(pk=call.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    url = reverse("mayors:submission_create", args=[call.pk, commune_a.pk])
    reason = refusals(signed_in(client, mayor_a), url)
    assert reason.startswith("La date limite de cet appel est passée")


def test_the_secretary_tells_the_mayor_the_draft_is_ready(
    client,
    call,
    commune_a,
    mayor_a,
    delegate_a,
    measure,
    django_capture_on_commit_callbacks,
):
    draft = make_complete_draft(call, commune_a, delegate_a, measure)
    client = signed_in(client, delegate_a)
    html = client.get(reverse("mayors:submission_detail", args=[draft.pk])).text
    assert "Prévenir le ou la maire que le dossier est prêt" in html
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mayors:submission_ready", args=[draft.pk]))
    assert response.status_code == 302
    sent = [m for m in mail.outbox if mayor_a.email in m.to]
    assert len(sent) == 1 and "prêt à déposer" in sent[0].subject
    assert delegate_a.email not in sum((m.to for m in mail.outbox), [])
    draft.refresh_from_db()
    assert draft.ready_at is not None


def test_the_mayor_cannot_signal_ready_to_themselves(
    client, call, commune_a, mayor_a, measure
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    response = signed_in(client, mayor_a).post(
        reverse("mayors:submission_ready", args=[draft.pk])
    )
    assert response.status_code == 403


def test_saving_a_plan_above_the_cost_is_refused(
    client, call, commune_a, mayor_a, measure
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    lines = list(draft.financing_lines.all())
    data = {
        "title": draft.title,
        "description": draft.description,
        "measure": measure.pk,
        "estimated_cost": "100000",
        "planned_start": "2027-03-01",
        "planned_end": "2028-06-30",
        "maturity": "ready",
        "latitude": str(commune_a.latitude),
        "longitude": str(commune_a.longitude),
        "financement-TOTAL_FORMS": "2",
        "financement-INITIAL_FORMS": "2",
        "financement-MIN_NUM_FORMS": "0",
        "financement-MAX_NUM_FORMS": "20",
    }
    for index, line in enumerate(lines):
        data.update(
            {
                f"financement-{index}-id": line.pk,
                f"financement-{index}-submission": draft.pk,
                f"financement-{index}-funder": line.funder,
                f"financement-{index}-amount": str(line.amount),
                f"financement-{index}-status": line.status,
            }
        )
    response = signed_in(client, mayor_a).post(
        reverse("mayors:submission_edit", args=[draft.pk]), data
    )
    assert response.status_code == 200
    assert "dépasse le coût estimé HT" in response.text
    draft.refresh_from_db()
    assert draft.estimated_cost == 250000


def test_the_deposit_page_says_the_plan_exceeds_the_cost(
    client, call, commune_a, mayor_a, measure
):
    from decimal import Decimal

    from mayors.models import FinancingPlanLine

    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    FinancingPlanLine.objects.create(
        submission=draft, funder="commune", amount=Decimal("150000")
    )
    html = (
        signed_in(client, mayor_a)
        .get(reverse("mayors:submission_submit", args=[draft.pk]))
        .text
    )
    assert "dépasse le coût estimé HT" in html
    assert "Confirmer le dépôt" not in html


def test_the_dossier_and_its_form_give_the_plans_total_against_the_cost(
    client, call, commune_a, mayor_a, measure
):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    client = signed_in(client, mayor_a)
    html = client.get(reverse("mayors:submission_detail", args=[draft.pk])).text
    total = html[html.index("<tfoot>") : html.index("</tfoot>")]
    assert "150\xa0000,00 €" in total and "sur un coût HT de 250\xa0000,00 €" in total
    form = client.get(reverse("mayors:submission_edit", args=[draft.pk])).text
    assert "Total enregistré du plan : 150\xa0000,00 €." in form
