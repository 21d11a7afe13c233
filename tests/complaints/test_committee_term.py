"""Awb 9:11 lid 1 with 9:14: ten weeks only with an advisory committee known before the
six weeks ran out. Received Friday 12 February 2027: six weeks end on Good Friday 26
March 2027, which the Atw moves past Easter Monday to Tuesday 30 March."""

from datetime import date

import pytest
import time_machine

from vangnet.complaints import deadlines
from vangnet.complaints.workflow import Step
from vangnet.core.calendar import AtwCalendar
from vangnet.handling.actions.extend import extension_limit
from vangnet.handling.guard import perform

from .test_procedure import walk

RECEIVED = date(2027, 2, 12)
SIX_WEEKS_END = date(2027, 3, 30)  # 26 March is Good Friday, 29 March Easter Monday
TEN_WEEKS_END = date(2027, 4, 23)


def test_the_rule_around_the_end_of_the_six_weeks():
    calendar = AtwCalendar()
    assert calendar.add_weeks(RECEIVED, 6) == SIX_WEEKS_END

    def weeks(committee_on):
        return deadlines.decide_weeks(
            received_on=RECEIVED, committee_on=committee_on, calendar=calendar
        )

    assert weeks(None) == 6
    assert weeks(RECEIVED) == 10
    assert weeks(date(2027, 3, 26)) == 10  # the nominal end, a holiday: Atw moves it
    assert weeks(date(2027, 3, 29)) == 10  # the day before the end
    assert weeks(SIX_WEEKS_END) == 10  # the last day still counts
    assert weeks(date(2027, 3, 31)) == 6  # the day after: too late


@pytest.fixture
def heard(make_complaint, users):
    """A complaint received on RECEIVED, acknowledged, formal, the hearing skipped."""
    with time_machine.travel(date(2027, 2, 15), tick=False):
        complaint = make_complaint(received_on=RECEIVED)
        perform(
            "assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler}
        )
        complaint = walk(
            complaint,
            users.handler,
            Step.ACKNOWLEDGE,
            Step.LOG_CONTACT,
            Step.START_FORMAL,
            Step.SKIP_HEARING,
        )
    assert complaint.decide_by == SIX_WEEKS_END
    return complaint


def ask(complaint, users, day):
    with time_machine.travel(day, tick=False):
        return perform(
            Step.REQUEST_ADVICE,
            actor=users.handler,
            complaint=complaint,
            data={"committee": "Klachtadviescommissie"},
        ).complaint


def test_advice_asked_the_day_before_the_end_gives_ten_weeks(heard, users):
    complaint = ask(heard, users, date(2027, 3, 29))  # Easter Monday
    assert complaint.decide_by == TEN_WEEKS_END
    assert complaint.committee_known_on == date(2027, 3, 29)
    event = complaint.events.latest("id")
    assert event.changes["decide_by"] == ["2027-03-30", "2027-04-23"]
    with time_machine.travel(date(2027, 3, 29), tick=False):
        assert extension_limit(complaint) == date(2027, 5, 21)  # 10 + 4 weeks


def test_advice_asked_the_day_after_the_end_does_not_move_the_term(heard, users):
    complaint = ask(heard, users, date(2027, 3, 31))
    assert complaint.advisory_committee
    assert complaint.decide_by == SIX_WEEKS_END  # still passed: the complaint is late
    event = complaint.events.latest("id")
    assert "decide_by" not in event.changes
    assert "zes weken was al verstreken" in event.summary
    with time_machine.travel(date(2027, 3, 31), tick=False):
        assert extension_limit(complaint) == TEN_WEEKS_END  # 6 + 4 weeks, not 10 + 4
    # Recomputing (a decree day, a correction) keeps it so.
    from vangnet.complaints.services import apply_deadlines

    assert apply_deadlines(complaint) == {}


def test_a_committee_known_at_registration_gives_ten_weeks(make_complaint):
    with time_machine.travel(date(2027, 2, 15), tick=False):
        complaint = make_complaint(received_on=RECEIVED, advisory_committee=True)
    assert complaint.decide_by == TEN_WEEKS_END


def test_a_committee_named_by_a_correction_counts_from_that_day(heard, users):
    """Setting "klachtadviescommissie" afterwards is no committee known from receipt:
    after the six weeks it leaves the term; taken away again, it was never known."""
    with time_machine.travel(date(2027, 3, 31), tick=False):
        complaint = perform(
            "correct",
            actor=users.coordinator,
            complaint=heard,
            data={"advisory_committee": True},
        ).complaint
    assert complaint.committee_known_on == date(2027, 3, 31)
    assert complaint.decide_by == SIX_WEEKS_END
    with time_machine.travel(date(2027, 3, 31), tick=False):
        complaint = perform(
            "correct",
            actor=users.coordinator,
            complaint=complaint,
            data={"advisory_committee": False},
        ).complaint
    assert complaint.committee_known_on is None
    assert complaint.decide_by == SIX_WEEKS_END
