"""Per-complaint deadlines: policy terms, decree days, recomputation and urgency."""

from datetime import date

import time_machine

from vangnet.complaints import deadlines, selectors
from vangnet.complaints.events import Action
from vangnet.complaints.models import Complaint
from vangnet.core.calendar import AtwCalendar
from vangnet.core.models import DecreeDay
from vangnet.handling.guard import perform


@time_machine.travel(date(2027, 1, 15), tick=False)
def test_policy_terms_are_configurable(make_complaint, org):
    org.municipality.acknowledge_working_days = 2
    org.municipality.first_contact_working_days = 1
    org.municipality.save()
    complaint = make_complaint(received_on=date(2026, 12, 23))  # Wednesday before Christmas
    assert complaint.first_contact_by == date(2026, 12, 24)
    assert complaint.acknowledge_by == date(2026, 12, 28)  # over Christmas and the weekend


def test_decree_day_recomputes_open_complaints(
    make_complaint, users, django_capture_on_commit_callbacks
):
    # Received Friday 3 April 2026 (Good Friday is a holiday, but receipt on it still counts
    # from that day): + 6 weeks = Friday 15 May 2026, the Friday after Ascension.
    complaint = make_complaint(received_on=date(2026, 4, 3))
    assert complaint.decide_by == date(2026, 5, 15)
    with django_capture_on_commit_callbacks(execute=True):
        DecreeDay.objects.create(date=date(2026, 5, 15), description="Vrijdag na Hemelvaart")
    complaint.refresh_from_db()
    assert complaint.decide_by == date(2026, 5, 18)
    event = complaint.events.latest("id")
    assert event.action == Action.DEADLINES_CHANGED
    assert event.actor is None
    assert event.changes["decide_by"] == ["2026-05-15", "2026-05-18"]


def test_closed_complaints_keep_their_deadlines(make_complaint, users):
    from vangnet.complaints import services
    from vangnet.complaints.workflow import Step

    complaint = make_complaint(received_on=date(2026, 4, 3))
    perform(
        Step.WITHDRAW, actor=users.coordinator, complaint=complaint, data={"note": "Ingetrokken."}
    )
    assert services.recompute_open_deadlines() == 0
    DecreeDay.objects.create(date=date(2026, 5, 15), description="Vrijdag na Hemelvaart")
    assert services.recompute_open_deadlines() == 0
    assert Complaint.objects.get(pk=complaint.pk).decide_by == date(2026, 5, 15)


def test_urgency():
    on = date(2026, 6, 1)
    until = deadlines.due_soon_until(
        on=on,
        policy=type("P", (), {"due_soon_working_days": 5})(),
        calendar=AtwCalendar(),
    )
    assert until == date(2026, 6, 8)
    assert deadlines.urgency(date(2026, 5, 29), on=on, due_soon_until=until) == "overdue"
    assert deadlines.urgency(date(2026, 6, 1), on=on, due_soon_until=until) == "due_soon"
    assert deadlines.urgency(date(2026, 6, 8), on=on, due_soon_until=until) == "due_soon"
    assert deadlines.urgency(date(2026, 6, 9), on=on, due_soon_until=until) is None
    assert deadlines.urgency(None, on=on, due_soon_until=until) is None


def test_my_work_groups_by_urgency(make_complaint, users):

    with time_machine.travel(date(2026, 6, 1), tick=False):
        overdue = make_complaint(received_on=date(2026, 4, 1))  # due 13 May
        soon = make_complaint(received_on=date(2026, 4, 22))  # due 3 June
        later = make_complaint(received_on=date(2026, 5, 28))  # due 9 July
        for complaint in (overdue, soon, later):
            perform(
                "assign",
                actor=users.coordinator,
                complaint=complaint,
                data={"handler": users.handler},
            )
        make_complaint(received_on=date(2026, 4, 1))  # overdue, but not assigned
        work = selectors.my_work(users.handler)
    assert list(work["assigned"]) == [overdue, soon, later]
    # None acknowledged yet: `soon`'s acknowledgement (29 April) has passed too, and
    # `later`'s first contact (2 June) falls in the window.
    assert list(work["overdue"]) == [overdue, soon]
    assert list(work["due_soon"]) == [later]
    with time_machine.travel(date(2026, 6, 1), tick=False):
        for complaint in (soon, later):
            perform("acknowledge", actor=users.handler, complaint=complaint)
            perform(
                "log_contact",
                actor=users.handler,
                complaint=complaint,
                data={"contacted_on": date(2026, 6, 1), "channel": "phone", "notes": "Gebeld."},
            )
        work = selectors.my_work(users.handler)
    # Both steps done: only the decide-by dates count.
    assert list(work["overdue"]) == [overdue]
    assert list(work["due_soon"]) == [soon]
