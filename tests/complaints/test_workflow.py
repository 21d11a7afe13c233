"""The transition table, walked: from every state, every step the table allows works
for the roles that may take it and is refused (PermissionDenied) for every other role;
every step the table does not allow is refused (ValidationError) for every role. Nothing
changes when a step is refused."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tests.parts import keyed
from vangnet.complaints import deadlines
from vangnet.complaints.models import (
    Advice,
    Complaint,
    Contact,
    Decision,
    Forward,
    Hearing,
    JudgmentPart,
)
from vangnet.complaints.workflow import (
    HANDLE,
    OPEN_STATES,
    REOPEN,
    TRANSITIONS,
    Judgment,
    Outcome,
    State,
    Step,
    allowed_transitions,
    outcome_of,
)
from vangnet.handling.guard import perform

ROLES = ["coordinator", "handler", "other_handler", "partner", "viewer", "administrator", "nobody"]
#: Who may take a step with this permission on a complaint assigned to `handler`.
MAY = {HANDLE: {"coordinator", "handler"}, REOPEN: {"coordinator"}}


def valid_input(step: str) -> dict:
    today = deadlines.today()
    return {
        Step.ACKNOWLEDGE: {},
        Step.LOG_CONTACT: {"contacted_on": today, "channel": "phone", "notes": "Gebeld."},
        Step.RESOLVE_INFORMALLY: {"agreement": "Excuses en een nieuwe afspraak."},
        Step.START_FORMAL: {"copy_note": "Kopie persoonlijk overhandigd."},
        Step.OFFER_HEARING: {},
        Step.PLAN_HEARING: {
            "planned_at": timezone.now() + timedelta(days=3),
            "location": "Stadhuis, kamer 2",
        },
        Step.HOLD_HEARING: {
            "held_on": today,
            "held_early_reason": "De indiener kon eerder.",
            "participants": "Indiener, beklaagde, behandelaar",
            "record": "Beide kanten gehoord.",
        },
        Step.SKIP_HEARING: {"ground": "waived", "person_not_heard_reason": "Schriftelijk."},
        Step.REQUEST_ADVICE: {"committee": "Klachtadviescommissie"},
        Step.RECORD_ADVICE: {"received_on": today, "text": "Advies: ongegrond."},
        Step.DECIDE: {
            "findings": "Wat wij vonden.",
            "conclusions": "Wat wij concluderen.",
            "parts": [
                {
                    "summary": "Niet teruggebeld",
                    "judgment": Judgment.UNFOUNDED,
                    "norms": [],
                    "reasoning": "Er is wel gebeld.",
                }
            ],
        },
        Step.SEND_CONCLUSION: {},
        Step.DECLINE: {"ground": "too_small", "explanation": "Het belang is te klein."},
        Step.WITHDRAW: {"note": "Indiener belde: trekt de klacht in."},
        Step.FORWARD_TO_BODY: {"body_name": "Provincie Noordland"},
        Step.CLOSE_FORWARDED: {},
        Step.REOPEN: {"reason": "Indiener is niet tevreden."},
    }[step]


def put_in_state(complaint: Complaint, state: str) -> Complaint:
    """Give the complaint the state and the records that state implies, directly (the
    walk below tests the steps; this only sets the scene)."""
    received = complaint.received_on
    # Reached and agreed with the complainant, and a partner that replied: the
    # preconditions of resolve_informally and close_forwarded.
    Contact.objects.create(
        complaint=complaint, contacted_on=received, channel="phone", notes="Gebeld."
    )
    Forward.objects.create(
        complaint=complaint,
        partner=_partner(),
        forwarded_on=received,
        replied_at=timezone.now(),
        reply_action="Opgelost.",
        reply_outcome="resolved",
    )
    if state in (State.HEARING_OFFERED, State.HEARING_PLANNED, State.HEARD):
        Hearing.objects.create(
            complaint=complaint,
            offered_on=received,
            planned_at=timezone.now() + timedelta(days=1)
            if state == State.HEARING_PLANNED
            else None,
        )
    if state in (State.WITH_COMMITTEE, State.ADVISED):
        Advice.objects.create(
            complaint=complaint,
            committee="Commissie",
            requested_on=received,
            received_on=received if state == State.ADVISED else None,
            text="Advies." if state == State.ADVISED else "",
        )
    if state in (State.DECIDED, State.CLOSED):
        decision = Decision.objects.create(
            complaint=complaint, decided_on=received, findings="F", conclusions="C"
        )
        JudgmentPart.objects.create(
            decision=decision, position=1, summary="S", judgment=Judgment.UNFOUNDED, reasoning="R"
        )
    Complaint.objects.filter(pk=complaint.pk).update(
        state=state,
        closed_on=received if state == State.CLOSED else None,
        outcome=Outcome.UNFOUNDED if state == State.CLOSED else "",
    )
    return Complaint.objects.get(pk=complaint.pk)


def _partner():
    from vangnet.organisations.models import Partner

    return Partner.objects.order_by("pk").first()


class Rollback(Exception):
    pass


def attempt(actor, complaint, step):
    """Take the step in a savepoint that is always rolled back; return what happened
    ('ok' with the new state, or the exception class)."""
    result = None
    try:
        with transaction.atomic():
            try:
                data = keyed(complaint, valid_input(step))
                updated = perform(step, actor=actor, complaint=complaint, data=data).complaint
                result = ("ok", updated.state)
            except (PermissionDenied, ValidationError) as error:
                result = (type(error), getattr(error, "message_dict", None))
            raise Rollback
    except Rollback:
        pass
    return result


def test_table_covers_every_state_and_step():
    assert set(TRANSITIONS) == set(State.values)
    used = {step for steps in TRANSITIONS.values() for step in steps}
    assert used == set(Step.values)
    # Only reopening leaves the closed state; every open state can be withdrawn.
    assert list(TRANSITIONS[State.CLOSED]) == [Step.REOPEN]
    for state in OPEN_STATES:
        assert Step.WITHDRAW in TRANSITIONS[state]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", State.values)
def test_every_step_from_every_state_for_every_role(make_complaint, users, state, role):
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    complaint = put_in_state(complaint, state)
    actor = getattr(users, role)
    events_before = complaint.events.count()

    for step in Step.values:
        transition = TRANSITIONS[state].get(step)
        result = attempt(actor, complaint, step)
        if transition is None:
            assert result[0] is ValidationError, (state, step, role, result)
            assert "step" in result[1], result
        elif role in MAY[transition.permission]:
            assert result == ("ok", transition.target_for(state)), (state, step, role, result)
        else:
            assert result[0] is PermissionDenied, (state, step, role, result)

    # Every attempt was rolled back: the complaint is as it was.
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert fresh.state == state
    assert fresh.events.count() == events_before


def test_allowed_transitions_follow_the_order_of_the_steps():
    steps = [t.step for t in allowed_transitions(State.FORMAL)]
    assert steps == [s for s in Step.values if s in TRANSITIONS[State.FORMAL]]


@pytest.mark.parametrize(
    ("judgments", "outcome"),
    [
        (["well_founded"], Outcome.WELL_FOUNDED),
        (["well_founded", "well_founded"], Outcome.WELL_FOUNDED),
        (["unfounded", "unfounded"], Outcome.UNFOUNDED),
        (["well_founded", "unfounded"], Outcome.PARTLY_WELL_FOUNDED),
        (["partly_well_founded"], Outcome.PARTLY_WELL_FOUNDED),
        (["no_judgment", "unfounded"], Outcome.UNFOUNDED),
        (["no_judgment"], Outcome.NO_JUDGMENT),
    ],
)
def test_outcome_of_the_judgments(judgments, outcome):
    assert outcome_of(judgments) == outcome
