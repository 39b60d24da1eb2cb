"""Twenty clicks at once on the mayors' side, through the real views, each on its own
connection: one deposit per dossier, one acknowledgement reference each, numbered
without gaps, one e-mail each, the commune's maximum held, every refusal in French.

PostgreSQL only, as production: SQLite locks the whole file, so twenty writers at once
measure its lock, not the application's."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mayors.models import ReferenceSequence, Submission
from outbox.models import OutgoingEmail
from tests.concurrency import all_at_once

from .factories import make_complete_draft

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]
CLICKS = 20


def signed_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def page_after(client, response):
    """The page the redirect leads to, with the message the view left for it."""
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"]).content.decode()


def acknowledgements(reference):
    return OutgoingEmail.objects.filter(
        subject=f"Accusé de réception de votre dossier {reference}"
    )


def test_twenty_deposits_of_one_dossier_make_one_deposit(
    call, commune_a, mayor_a, measure
):
    dossier = make_complete_draft(call, commune_a, mayor_a, measure)
    clients = [signed_in(mayor_a) for _ in range(CLICKS)]
    url = reverse("mayors:submission_submit", args=[dossier.pk])

    responses = all_at_once([lambda c=c: c.post(url) for c in clients])

    assert [r.status_code for r in responses] == [302] * CLICKS
    dossier.refresh_from_db()
    assert dossier.state == Submission.State.SUBMITTED
    year = timezone.now().year
    assert dossier.reference == f"GQ-{year}-0001"
    assert ReferenceSequence.objects.get(year=year).last == 1
    assert dossier.transitions.filter(to_state=Submission.State.SUBMITTED).count() == 1
    receipt = reverse("mayors:acknowledgement", args=[dossier.pk])
    done = [r for r in responses if r["Location"] == receipt]
    assert len(done) == 1
    pages = [page_after(c, r) for c, r in zip(clients, responses, strict=True)]
    assert sum(f"sous la référence {dossier.reference}" in p for p in pages) == 1
    assert sum("Ce dossier a déjà été déposé ou clos." in p for p in pages) == 19
    assert acknowledgements(dossier.reference).count() == 1
    assert (
        OutgoingEmail.objects.filter(subject__startswith="Nouveau dossier").count() == 1
    )


def test_twenty_dossiers_deposited_at_once_are_numbered_without_gaps(
    call, commune_a, mayor_a, measure
):
    call.max_priorities = CLICKS
    call.save(update_fields=["max_priorities"])
    dossiers = [
        make_complete_draft(call, commune_a, mayor_a, measure, title=f"Dossier {n}")
        for n in range(CLICKS)
    ]
    clients = [signed_in(mayor_a) for _ in range(CLICKS)]

    responses = all_at_once(
        [
            lambda c=c, d=d: c.post(reverse("mayors:submission_submit", args=[d.pk]))
            for c, d in zip(clients, dossiers, strict=True)
        ]
    )

    assert [r.status_code for r in responses] == [302] * CLICKS
    year = timezone.now().year
    references = sorted(
        Submission.objects.filter(state=Submission.State.SUBMITTED).values_list(
            "reference", flat=True
        )
    )
    assert references == [f"GQ-{year}-{n:04d}" for n in range(1, CLICKS + 1)]
    assert ReferenceSequence.objects.get(year=year).last == CLICKS
    for reference in references:
        assert acknowledgements(reference).count() == 1, reference


def test_twenty_new_priorities_at_once_stop_at_the_communes_maximum(
    call, commune_a, mayor_a
):
    clients = [signed_in(mayor_a) for _ in range(CLICKS)]
    url = reverse("mayors:submission_create", args=[call.pk, commune_a.pk])

    responses = all_at_once(
        [
            lambda c=c, n=n: c.post(url, {"title": f"Priorité {n}", "description": ""})
            for n, c in enumerate(clients)
        ]
    )

    drafts = Submission.objects.filter(call=call, commune=commune_a)
    assert drafts.count() == call.max_priorities == 3
    assert sorted(drafts.values_list("rank", flat=True)) == [1, 2, 3]
    codes = [r.status_code for r in responses]
    assert codes.count(302) == 3
    # Refused on the form (it waited for the lock) or before it (403, the reason shown).
    assert all(code in (200, 403) for code in codes if code != 302), codes
    refusal = re.compile(r"Votre commune a déjà 3 priorités pour cet appel")
    for response in responses:
        if response.status_code != 302:
            assert refusal.search(response.content.decode()), response.status_code
