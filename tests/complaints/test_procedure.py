"""The rules of the handling procedure (Awb chapter 9) that a step enforces: refused
with a clear message, nothing stored; and what the steps record."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tests.parts import keyed
from vangnet.complaints import deadlines, services
from vangnet.complaints.models import Advice, Complaint, Postponement
from vangnet.complaints.signals import complaint_closed, complaint_reopened
from vangnet.complaints.workflow import Judgment, Outcome, State, Step
from vangnet.core import workdays
from vangnet.handling.actions.decide import latest_decision
from vangnet.handling.actions.extend import extension_limit
from vangnet.handling.guard import perform
from vangnet.letters.models import Letter

from .test_workflow import valid_input


def messages(error: ValidationError, field: str) -> str:
    return " ".join(error.value.message_dict[field])


@pytest.fixture
def assigned(make_complaint, users):
    """A complaint assigned to `handler`, acknowledged."""

    def make(**overrides):
        complaint = make_complaint(**overrides)
        perform(
            "assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler}
        )
        return perform(
            Step.ACKNOWLEDGE, actor=users.handler, complaint=complaint, data={}
        ).complaint

    return make


def walk(complaint, actor, *steps, **overrides):
    for step in steps:
        data = keyed(complaint, {**valid_input(step), **overrides.get(step, {})})
        complaint = perform(step, actor=actor, complaint=complaint, data=data).complaint
    return complaint


# --- Extension (Awb 9:11) ------------------------------------------------------------


def test_extension_moves_the_term_and_sends_a_letter(assigned, users):
    complaint = assigned()
    limit = extension_limit(complaint)
    updated = perform(
        "extend",
        actor=users.handler,
        complaint=complaint,
        data={"new_due": limit, "reason": "Advies nodig"},
    ).complaint
    assert updated.decide_by == limit
    assert Complaint.objects.get(pk=complaint.pk).decide_by == limit
    assert Letter.objects.filter(complaint=complaint, kind="extension").count() == 1
    postponement = Postponement.objects.get(complaint=complaint)
    assert postponement.kind == Postponement.Kind.EXTENSION
    assert postponement.new_due == limit


def test_extension_is_at_most_four_weeks(assigned, users):
    complaint = assigned()
    too_far = extension_limit(complaint) + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        perform(
            "extend",
            actor=users.handler,
            complaint=complaint,
            data={"new_due": too_far, "reason": "x"},
        )
    assert "hoogstens vier weken" in messages(error, "new_due")
    assert not Postponement.objects.filter(complaint=complaint).exists()


def test_a_second_extension_is_refused(assigned, users):
    complaint = assigned()
    first = complaint.decide_by + timedelta(days=7)
    perform(
        "extend", actor=users.handler, complaint=complaint, data={"new_due": first, "reason": "x"}
    )
    with pytest.raises(ValidationError) as error:
        perform(
            "extend",
            actor=users.handler,
            complaint=complaint,
            data={"new_due": first + timedelta(days=7), "reason": "nog meer tijd"},
        )
    assert "al een keer verdaagd" in messages(error, "new_due")
    assert Complaint.objects.get(pk=complaint.pk).decide_by == first


def test_an_extension_after_the_due_date_is_refused(assigned, users):
    complaint = assigned()
    due = complaint.decide_by
    with (
        time_machine.travel(due + timedelta(days=1), tick=False),
        pytest.raises(ValidationError) as error,
    ):
        perform(
            "extend",
            actor=users.handler,
            complaint=complaint,
            data={"new_due": due + timedelta(7), "reason": "x"},
        )
    assert "verstreken" in messages(error, "new_due")
    assert "instemming" in messages(error, "new_due")
    assert Complaint.objects.get(pk=complaint.pk).decide_by == due


def test_an_extension_on_the_due_date_itself_is_allowed(assigned, users):
    complaint = assigned()
    due = complaint.decide_by
    with time_machine.travel(due, tick=False):
        perform(
            "extend",
            actor=users.handler,
            complaint=complaint,
            data={"new_due": due + timedelta(7), "reason": "x"},
        )
    assert Complaint.objects.get(pk=complaint.pk).decide_by == due + timedelta(7)


def test_a_later_delay_needs_the_complainants_written_consent(assigned, users):
    complaint = assigned()
    due = complaint.decide_by
    with time_machine.travel(due + timedelta(days=2), tick=False):
        with pytest.raises(ValidationError) as error:
            perform(
                "delay",
                actor=users.handler,
                complaint=complaint,
                data={
                    "new_due": due + timedelta(days=21),
                    "reason": "Wachten op stukken",
                    "consent_on": None,
                },
            )
        assert "instemming" in messages(error, "consent_on")
        perform(
            "delay",
            actor=users.handler,
            complaint=complaint,
            data={
                "new_due": due + timedelta(days=21),
                "reason": "Wachten op stukken",
                "consent_on": due + timedelta(days=1),
            },
        )
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert fresh.decide_by == due + timedelta(days=21)
    assert fresh.postponements.get().kind == Postponement.Kind.CONSENT


def test_the_postponed_term_survives_a_recompute(assigned, users):
    complaint = assigned()
    new_due = complaint.decide_by + timedelta(days=14)
    perform(
        "extend", actor=users.handler, complaint=complaint, data={"new_due": new_due, "reason": "x"}
    )
    services.recompute_open_deadlines()
    assert Complaint.objects.get(pk=complaint.pk).decide_by == new_due


# --- Awb 9:7 and 9:8 -----------------------------------------------------------------


def test_the_person_complained_about_may_not_handle(assigned, users, make_complaint):
    complaint = make_complaint(person_complained_about_user=users.handler)
    with pytest.raises(ValidationError) as error:
        perform(
            "assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler}
        )
    assert "Awb 9:7" in messages(error, "handler")
    # Nor may a coordinator who is the person complained about take a step.
    complaint = make_complaint(person_complained_about_user=users.coordinator)
    with pytest.raises(ValidationError) as error:
        perform(Step.ACKNOWLEDGE, actor=users.coordinator, complaint=complaint, data={})
    assert "Awb 9:7" in messages(error, "step")
    assert Complaint.objects.get(pk=complaint.pk).state == State.RECEIVED


def test_a_decline_needs_a_ground(assigned, users):
    complaint = assigned()
    with pytest.raises(ValidationError) as error:
        perform(
            Step.DECLINE,
            actor=users.handler,
            complaint=complaint,
            data={"ground": "", "explanation": "Te klein."},
        )
    assert "Awb 9:8" in messages(error, "ground")
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert fresh.state == State.ACKNOWLEDGED
    assert not Letter.objects.filter(complaint=complaint, kind="decline").exists()


def test_a_decline_after_four_weeks_is_refused(assigned, users):
    complaint = assigned()
    with (
        time_machine.travel(complaint.decline_by + timedelta(days=1), tick=False),
        pytest.raises(ValidationError) as error,
    ):
        perform(
            Step.DECLINE, actor=users.handler, complaint=complaint, data=valid_input(Step.DECLINE)
        )
    assert "4 weken" in messages(error, "ground")


def test_a_decline_closes_with_its_ground_and_a_letter(assigned, users):
    complaint = assigned()
    closed = perform(
        Step.DECLINE,
        actor=users.handler,
        complaint=complaint,
        data={"ground": "older_than_a_year", "explanation": "Het gebeurde in 2019."},
    ).complaint
    assert closed.state == State.CLOSED
    assert closed.outcome == Outcome.NOT_HANDLED
    assert closed.decline_ground == "older_than_a_year"
    assert Letter.objects.filter(complaint=complaint, kind="decline").count() == 1


# --- Informal and formal handling ----------------------------------------------------


def test_informal_resolution_needs_a_contact_with_the_complainant(assigned, users):
    complaint = assigned()
    complaint = perform(
        Step.LOG_CONTACT,
        actor=users.handler,
        complaint=complaint,
        data={**valid_input(Step.LOG_CONTACT), "reached": False},
    ).complaint
    with pytest.raises(ValidationError) as error:
        perform(
            Step.RESOLVE_INFORMALLY,
            actor=users.handler,
            complaint=complaint,
            data=valid_input(Step.RESOLVE_INFORMALLY),
        )
    assert "contact" in messages(error, "agreement")


def test_the_whole_formal_route(assigned, users):
    complaint = assigned()
    complaint = walk(
        complaint,
        users.handler,
        Step.LOG_CONTACT,
        Step.START_FORMAL,
        Step.OFFER_HEARING,
        Step.PLAN_HEARING,
        Step.HOLD_HEARING,
        Step.DECIDE,
        Step.SEND_CONCLUSION,
        **{
            Step.DECIDE: {
                "parts": [
                    {
                        "summary": "Niet teruggebeld",
                        "judgment": Judgment.WELL_FOUNDED,
                        "norms": ["promptness"],
                        "reasoning": "Drie weken geen reactie.",
                    },
                    {
                        "summary": "Onvriendelijk",
                        "judgment": Judgment.UNFOUNDED,
                        "norms": [],
                        "reasoning": "Niet gebleken.",
                    },
                ]
            }
        },
    )
    assert complaint.state == State.CLOSED
    assert complaint.outcome == Outcome.PARTLY_WELL_FOUNDED
    kinds = list(
        Letter.objects.filter(complaint=complaint).order_by("id").values_list("kind", flat=True)
    )
    assert kinds == [
        "acknowledgement",
        "hearing_invitation",
        "hearing_invitation",
        "hearing_record",
        "conclusion",
    ]
    assert complaint.hearing.record == valid_input(Step.HOLD_HEARING)["record"]
    decision = latest_decision(complaint)
    assert [p.judgment for p in decision.parts.all()] == ["well_founded", "unfounded"]


def test_a_well_founded_part_names_a_norm(assigned, users):
    complaint = walk(assigned(), users.handler, Step.LOG_CONTACT, Step.START_FORMAL)
    complaint = walk(complaint, users.handler, Step.SKIP_HEARING)
    with pytest.raises(ValidationError) as error:
        perform(
            Step.DECIDE,
            actor=users.handler,
            complaint=complaint,
            data=keyed(
                complaint,
                {
                    "findings": "F",
                    "conclusions": "C",
                    "parts": [
                        {"summary": "S", "judgment": "well_founded", "norms": [], "reasoning": "R"},
                        {"summary": "T", "judgment": "", "norms": ["bogus"], "reasoning": ""},
                    ],
                },
            ),
        )
    text = messages(error, "parts")
    assert "Onderdeel 1: noem de norm" in text
    assert "Onderdeel 2: kies een oordeel" in text
    assert "Onderdeel 2: motiveer" in text
    assert "onbekende norm: bogus" in text


def test_deviating_from_the_advice_needs_reasons(assigned, users):
    complaint = walk(
        assigned(),
        users.handler,
        Step.LOG_CONTACT,
        Step.START_FORMAL,
        Step.SKIP_HEARING,
        Step.REQUEST_ADVICE,
    )
    # Asking the committee makes the term 10 weeks (Awb 9:11 lid 1).
    assert complaint.advisory_committee
    calendar = workdays.working_calendar()
    assert complaint.decide_by == calendar.add_weeks(complaint.received_on, 10)
    complaint = walk(
        complaint,
        users.handler,
        Step.RECORD_ADVICE,
        **{Step.RECORD_ADVICE: {"recommended_judgment": "well_founded"}},
    )
    decide = keyed(complaint, valid_input(Step.DECIDE))  # judges the part unfounded
    with pytest.raises(ValidationError) as error:
        perform(Step.DECIDE, actor=users.handler, complaint=complaint, data=decide)
    assert "wijkt af van het advies" in messages(error, "deviates_from_advice")
    with pytest.raises(ValidationError) as error:
        perform(
            Step.DECIDE,
            actor=users.handler,
            complaint=complaint,
            data={**decide, "deviates_from_advice": True},
        )
    assert "Awb 9:15" in messages(error, "deviation_reasons")
    decided = perform(
        Step.DECIDE,
        actor=users.handler,
        complaint=complaint,
        data={**decide, "deviates_from_advice": True, "deviation_reasons": "Nieuwe feiten."},
    ).complaint
    assert decided.state == State.DECIDED
    assert Advice.objects.get(complaint=complaint).recommended_judgment == "well_founded"


def test_closing_and_reopening_send_their_signals(assigned, users):
    seen = []

    def closed(sender, complaint, actor, **kwargs):
        seen.append(("closed", complaint.outcome))

    def reopened(sender, complaint, actor, reason, **kwargs):
        seen.append(("reopened", reason))

    complaint_closed.connect(closed)
    complaint_reopened.connect(reopened)
    try:
        complaint = walk(assigned(), users.handler, Step.WITHDRAW)
        with pytest.raises(PermissionDenied):
            walk(complaint, users.handler, Step.REOPEN)
        complaint = walk(complaint, users.coordinator, Step.REOPEN)
    finally:
        complaint_closed.disconnect(closed)
        complaint_reopened.disconnect(reopened)
    assert seen == [("closed", Outcome.WITHDRAWN), ("reopened", "Indiener is niet tevreden.")]
    assert complaint.state == State.IN_PROGRESS
    assert complaint.outcome == "" and complaint.closed_on is None


def test_close_forwarded_needs_a_partner_reply(assigned, users):
    complaint = assigned()
    with pytest.raises(ValidationError) as error:
        walk(complaint, users.handler, Step.CLOSE_FORWARDED)
    assert "terugkoppeling" in messages(error, "step")


def test_as_of_runs_the_rules_on_another_day(assigned, users):
    complaint = assigned()
    with deadlines.as_of(complaint.received_on + timedelta(days=1)):
        assert deadlines.today() == complaint.received_on + timedelta(days=1)
    assert deadlines.today() == date.today()
