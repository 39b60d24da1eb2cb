"""The submission's life cycle, deadlines, ranks and limits, on the model."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from mayors.models import DeadlineExtension, Submission, Transition
from mayors.models.submissions import TransitionError

from .factories import complete_fields, make_complete_draft

State = Submission.State
pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(call, commune_a, mayor_a, measure):
    return make_complete_draft(call, commune_a, mayor_a, measure)


def test_submit_records_reference_time_and_acknowledgement(
    draft, mayor_a, staff, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    moment = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        draft.submit(by=mayor_a, now=moment)
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    assert draft.reference == f"GQ-{moment.year}-0001"
    assert draft.submitted_at == moment
    receipt = next(m for m in mail.outbox if m.to == ["maire@arcambal.fr"])
    assert draft.reference in receipt.subject
    assert draft.reference in receipt.body
    assert "Pôle des Politiques Contractuelles" in receipt.body
    assert "Téléphone" in receipt.body
    assert any(m.to == ["contrats@grandquercy.test"] for m in mail.outbox)


def test_references_follow_a_sequence_per_year(
    call, commune_a, commune_b, mayor_a, measure
):
    first = make_complete_draft(call, commune_a, mayor_a, measure)
    second = make_complete_draft(call, commune_a, mayor_a, measure, title="Voirie")
    first.submit(by=mayor_a)
    second.submit(by=mayor_a)
    year = timezone.now().year
    assert [first.reference, second.reference] == [f"GQ-{year}-0001", f"GQ-{year}-0002"]


def test_incomplete_draft_cannot_be_submitted(call, commune_a, mayor_a, measure):
    draft = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="Idée"
    )
    with pytest.raises(TransitionError) as error:
        draft.submit(by=mayor_a)
    text = " ".join(error.value.messages)
    assert "plan de financement" in text
    assert "Délibération du conseil municipal" in text
    assert "localisation" in text
    draft.refresh_from_db()
    assert draft.state == State.DRAFT and draft.reference is None


def test_infected_required_document_does_not_count(call, commune_a, mayor_a, measure):
    draft = make_complete_draft(call, commune_a, mayor_a, measure)
    draft.attachments.update(scan_status="infected")
    with pytest.raises(TransitionError):
        draft.submit(by=mayor_a)


def test_full_cycle_with_correction_and_decision(draft, mayor_a, staff):
    draft.submit(by=mayor_a)
    draft.start_review(by=staff)
    draft.request_changes(by=staff, message="Joignez le devis signé.")
    assert draft.state == State.CHANGES_REQUESTED
    assert draft.messages.filter(body="Joignez le devis signé.").exists()
    reference = draft.reference
    draft.resubmit(by=mayor_a)
    assert draft.state == State.SUBMITTED and draft.reference == reference
    draft.start_review(by=staff)
    draft.decide(by=staff, outcome=State.RETAINED)
    assert draft.state == State.RETAINED and draft.decided_at
    steps = [(t.from_state, t.to_state, t.actor) for t in draft.transitions.all()]
    assert steps == [
        ("", State.DRAFT, mayor_a),
        (State.DRAFT, State.SUBMITTED, mayor_a),
        (State.SUBMITTED, State.IN_REVIEW, staff),
        (State.IN_REVIEW, State.CHANGES_REQUESTED, staff),
        (State.CHANGES_REQUESTED, State.SUBMITTED, mayor_a),
        (State.SUBMITTED, State.IN_REVIEW, staff),
        (State.IN_REVIEW, State.RETAINED, staff),
    ]
    assert (
        Transition.objects.get(to_state=State.CHANGES_REQUESTED).message
        == "Joignez le devis signé."
    )


@pytest.mark.parametrize("outcome", [State.POSTPONED, State.REJECTED])
def test_postponing_or_rejecting_needs_a_reason(draft, mayor_a, staff, outcome):
    draft.submit(by=mayor_a)
    draft.start_review(by=staff)
    with pytest.raises(TransitionError):
        draft.decide(by=staff, outcome=outcome, reason=" ")
    draft.decide(by=staff, outcome=outcome, reason="Crédits épuisés en 2027.")
    draft.refresh_from_db()
    assert (
        draft.state == outcome and draft.decision_reason == "Crédits épuisés en 2027."
    )


def test_request_changes_needs_a_message(draft, mayor_a, staff):
    draft.submit(by=mayor_a)
    draft.start_review(by=staff)
    with pytest.raises(TransitionError):
        draft.request_changes(by=staff, message="")


INVALID = [
    (State.DRAFT, "start_review"),
    (State.DRAFT, "request_changes"),
    (State.DRAFT, "decide"),
    (State.SUBMITTED, "submit"),
    (State.SUBMITTED, "decide"),
    (State.IN_REVIEW, "submit"),
    (State.IN_REVIEW, "withdraw"),
    (State.IN_REVIEW, "start_review"),
    (State.CHANGES_REQUESTED, "withdraw"),
    (State.CHANGES_REQUESTED, "decide"),
    (State.RETAINED, "submit"),
    (State.RETAINED, "withdraw"),
    (State.RETAINED, "start_review"),
    (State.REJECTED, "decide"),
    (State.WITHDRAWN, "submit"),
    (State.WITHDRAWN, "start_review"),
    (State.EXPIRED, "submit"),
]


@pytest.mark.parametrize(("state", "step"), INVALID)
def test_invalid_transitions_are_refused_and_change_nothing(draft, staff, state, step):
    Submission.objects.filter(pk=draft.pk).update(state=state)
    draft.refresh_from_db()
    count = draft.transitions.count()
    calls = {
        "submit": lambda: draft.submit(by=staff),
        "withdraw": lambda: draft.withdraw(by=staff),
        "start_review": lambda: draft.start_review(by=staff),
        "request_changes": lambda: draft.request_changes(by=staff, message="x"),
        "decide": lambda: draft.decide(by=staff, outcome=State.RETAINED),
    }
    with pytest.raises(TransitionError):
        calls[step]()
    draft.refresh_from_db()
    assert draft.state == state
    assert draft.transitions.count() == count


@pytest.mark.parametrize("state", [State.DRAFT, State.SUBMITTED])
def test_withdrawal_before_instruction(draft, mayor_a, state):
    Submission.objects.filter(pk=draft.pk).update(state=state)
    draft.refresh_from_db()
    draft.withdraw(by=mayor_a, reason="Projet abandonné")
    assert draft.state == State.WITHDRAWN
    assert draft.transitions.last().message == "Projet abandonné"


def test_nothing_submitted_or_edited_after_the_deadline(draft, call, mayor_a):
    late = call.closes_at + datetime.timedelta(minutes=1)
    assert not draft.is_editable(late)
    with pytest.raises(TransitionError):
        draft.submit(by=mayor_a, now=late)
    with pytest.raises(TransitionError):
        draft.move(-1, now=late)
    with pytest.raises(TransitionError):
        Submission.create_draft(
            call=call, commune=draft.commune, by=mayor_a, now=late, title="Trop tard"
        )
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_extension_for_one_commune(draft, call, commune_b, mayor_a):
    late = call.closes_at + datetime.timedelta(days=2)
    DeadlineExtension.objects.create(
        call=call,
        commune=draft.commune,
        closes_at=call.closes_at + datetime.timedelta(days=5),
    )
    call = type(call).objects.get(pk=call.pk)
    assert call.is_open_for(draft.commune, late)
    assert not call.is_open_for(commune_b, late)
    draft = Submission.objects.get(pk=draft.pk)
    draft.submit(by=mayor_a, now=late)
    assert draft.state == State.SUBMITTED


def test_draft_before_opening_is_refused(call, commune_a, mayor_a):
    early = call.opens_at - datetime.timedelta(minutes=1)
    with pytest.raises(TransitionError):
        Submission.create_draft(
            call=call, commune=commune_a, by=mayor_a, now=early, title="Tôt"
        )


def test_maximum_per_commune_ignores_withdrawn(
    call, commune_a, commune_b, mayor_a, mayor_b
):
    drafts = [
        Submission.create_draft(call=call, commune=commune_a, by=mayor_a, title=f"P{i}")
        for i in range(call.max_priorities)
    ]
    with pytest.raises(TransitionError):
        Submission.create_draft(
            call=call, commune=commune_a, by=mayor_a, title="De trop"
        )
    Submission.create_draft(
        call=call, commune=commune_b, by=mayor_b, title="Autre commune"
    )
    drafts[0].withdraw(by=mayor_a)
    extra = Submission.create_draft(
        call=call, commune=commune_a, by=mayor_a, title="Remplaçante"
    )
    assert extra.rank == call.max_priorities + 1


def test_ranks_are_unique_and_reorderable(call, commune_a, mayor_a):
    one, two, three = (
        Submission.create_draft(call=call, commune=commune_a, by=mayor_a, title=t)
        for t in ("Un", "Deux", "Trois")
    )
    assert [one.rank, two.rank, three.rank] == [1, 2, 3]
    assert three.move(-1)
    assert not Submission.objects.get(pk=one.pk).move(-1)
    order = list(
        Submission.objects.filter(commune=commune_a)
        .order_by("rank")
        .values_list("title", flat=True)
    )
    assert order == ["Un", "Trois", "Deux"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.filter(pk=two.pk).update(rank=1)


def test_point_outside_the_commune_is_refused(call, commune_a, mayor_a, measure):
    submission = Submission(
        call=call,
        commune=commune_a,
        rank=1,
        **{**complete_fields(commune_a, measure), "latitude": 45.9, "longitude": 3.0},
    )
    with pytest.raises(Exception) as error:
        submission.full_clean()
    assert "latitude" in error.value.message_dict


def test_a_step_rolled_back_tells_no_one(
    draft, mayor_a, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft.submit(by=mayor_a)
    mail.outbox.clear()
    # The review starts, then a later write of the same transaction fails (a second
    # priority at the same rank): the step is rolled back, and no e-mail leaves.
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(IntegrityError),
        transaction.atomic(),
    ):
        draft.start_review(by=staff)
        Submission.objects.create(
            call=draft.call, commune=draft.commune, rank=draft.rank, title="Bis"
        )
    assert callbacks == []
    assert mail.outbox == []
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    assert not draft.transitions.filter(to_state=State.IN_REVIEW).exists()

    with django_capture_on_commit_callbacks(execute=True):
        draft.start_review(by=staff)
    assert [m.to for m in mail.outbox] == [["maire@arcambal.fr"]]
