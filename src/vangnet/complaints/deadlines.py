"""Per-complaint deadlines: the legal and policy terms applied with the Atw calendar.

- acknowledge_by: policy, N working days after receipt (default 5; Awb 9:6 sets no term)
- first_contact_by: policy, N working days after receipt (default 3)
- decline_by: 4 weeks after receipt (Awb 9:8 lid 3: a decision not to handle is told
  within 4 weeks)
- decide_by: 6 weeks after receipt, 10 with an advisory committee (Awb 9:11 lid 1) that
  was known before the 6 weeks ran out (`decide_weeks`)
Weeks are calendar weeks and the end is rolled over under Atw art. 1.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from vangnet.core.calendar import AtwCalendar
from vangnet.organisations.models import Municipality

from .workflow import OPEN_STATES, State

DECLINE_WEEKS = 4
DECIDE_WEEKS = 6
DECIDE_WEEKS_WITH_COMMITTEE = 10


_as_of: ContextVar[date | None] = ContextVar("vangnet_as_of", default=None)


def today() -> date:
    """Today in Europe/Amsterdam (the settings' time zone), or the day set by `as_of`."""
    return _as_of.get() or timezone.localdate()


def now() -> datetime:
    """The current moment; under `as_of`, that day at the current time of day."""
    moment = timezone.localtime()
    day = _as_of.get()
    return moment if day is None else moment.replace(year=day.year, month=day.month, day=day.day)


@contextmanager
def as_of(day: date):
    """Run the services as if today were `day`: for the demo generator and for importing
    an old register, whose steps happened in the past. Rules that look at today (Awb
    9:8's four weeks, 9:11's due date, dates not in the future) then judge that day."""
    token = _as_of.set(day)
    try:
        yield
    finally:
        _as_of.reset(token)


@dataclass(frozen=True)
class Deadlines:
    acknowledge_by: date
    first_contact_by: date
    decline_by: date
    decide_by: date

    def as_dict(self) -> dict[str, date]:
        return {
            "acknowledge_by": self.acknowledge_by,
            "first_contact_by": self.first_contact_by,
            "decline_by": self.decline_by,
            "decide_by": self.decide_by,
        }


def decide_weeks(*, received_on: date, committee_on: date | None, calendar: AtwCalendar) -> int:
    """The legal term in weeks (Awb 9:11 lid 1): 10 when the complaint goes to an advisory
    committee (9:14) that was known on or before the last day of the 6-week term (that
    day rolled over under the Atw), else 6. `committee_on`: the day the committee became
    involved (the day of receipt when it was known from the start), None: no committee.
    A committee asked after the 6 weeks ran out does not revive a term that has passed:
    the complaint stays late."""
    if committee_on is None:
        return DECIDE_WEEKS
    if committee_on > calendar.add_weeks(received_on, DECIDE_WEEKS):
        return DECIDE_WEEKS
    return DECIDE_WEEKS_WITH_COMMITTEE


def compute(
    *,
    received_on: date,
    committee_on: date | None,
    policy: Municipality,
    calendar: AtwCalendar,
) -> Deadlines:
    weeks = decide_weeks(received_on=received_on, committee_on=committee_on, calendar=calendar)
    return Deadlines(
        acknowledge_by=calendar.add_working_days(received_on, policy.acknowledge_working_days),
        first_contact_by=calendar.add_working_days(received_on, policy.first_contact_working_days),
        decline_by=calendar.add_weeks(received_on, DECLINE_WEEKS),
        decide_by=calendar.add_weeks(received_on, weeks),
    )


#: While a complaint is in these states, its acknowledgement is still to do.
ACKNOWLEDGE_TO_DO = frozenset({State.RECEIVED})
#: While a complaint is in these states, the first contact is still to do.
FIRST_CONTACT_TO_DO = frozenset({State.RECEIVED, State.ACKNOWLEDGED})


def open_deadlines(complaint) -> list[tuple[str, date]]:
    """The deadlines an open complaint still has to meet, (field, date), soonest first:
    the decision always; the acknowledgement and the first contact while those steps are
    still to do. The query form of the same rule is `selectors.deadline_before`: change
    one, change the other."""
    if complaint.state not in OPEN_STATES:
        return []
    found = [("decide_by", complaint.decide_by)]
    if complaint.state in ACKNOWLEDGE_TO_DO:
        found.append(("acknowledge_by", complaint.acknowledge_by))
    if complaint.state in FIRST_CONTACT_TO_DO:
        found.append(("first_contact_by", complaint.first_contact_by))
    return sorted(((field, day) for field, day in found if day is not None), key=lambda x: x[1])


def next_deadline(complaint) -> tuple[str, date] | None:
    """The soonest deadline still to meet, (field, date), or None."""
    found = open_deadlines(complaint)
    return found[0] if found else None


class Urgency:
    """How urgent an open complaint is, looking from a day: its soonest deadline still
    to meet (`next_deadline`); on the screens as a badge, in the lists as a filter."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"


def due_soon_until(*, on: date, policy: Municipality, calendar: AtwCalendar) -> date:
    """The last day that still counts as 'due soon' when looking from `on`."""
    return calendar.add_working_days(on, policy.due_soon_working_days)


def urgency(due: date | None, *, on: date, due_soon_until: date) -> str | None:
    """'overdue' when `due` has passed, 'due_soon' when it falls within the warning
    window, otherwise None."""
    if due is None:
        return None
    if due < on:
        return Urgency.OVERDUE
    if due <= due_soon_until:
        return Urgency.DUE_SOON
    return None
