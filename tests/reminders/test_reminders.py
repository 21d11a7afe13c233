"""The daily reminders: what each handler and coordinator gets, the "due soon" window
counted in working days across weekends, Atw holidays and decree days, and nothing
when there is nothing to say. The e-mail goes through the outbox to a real SMTP server.

Every expected date is worked out by hand in a comment, not with the code under test.
2026: Good Friday 3 April, Easter Monday 6 April, King's Day Monday 27 April,
Liberation Day Tuesday 5 May, Ascension Day Thursday 14 May, Whit Monday 25 May."""

from datetime import date, timedelta

import pytest
import time_machine

from vangnet.complaints.models import Forward
from vangnet.complaints.workflow import Outcome, State
from vangnet.core import scheduler
from vangnet.core.models import DecreeDay
from vangnet.handling import reminders
from vangnet.letters.models import OutboxMessage

from .conftest import BASE_URL, at

pytestmark = pytest.mark.django_db

REMINDERS = "vangnet.handling.reminders.send_daily_reminders"


def run_on(day: date, deliver_all, hour: int = 7) -> dict[str, list]:
    """Move the clock to `day` at `hour`, let the scheduler tick, deliver the e-mail."""
    with time_machine.travel(at(day, hour), tick=False):
        scheduler.tick(jobs=[REMINDERS])
        return deliver_all()


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(("html",)).get_content()


def link(complaint) -> str:
    return f"{BASE_URL}/backoffice/klachten/{complaint.pk}/"


# Each case: the day the reminders go out; a complaint due on the last day of the
# 5-working-day window (listed) and one due on the next working day (not listed); the
# last day of the window in words.
WINDOW_CASES = {
    # Thursday 2 April: Fri 3 Good Friday, weekend, Mon 6 Easter Monday are skipped;
    # working days 7, 8, 9, 10, 13 → Monday 13 April. Received Monday 2 March + 6 weeks
    # = Monday 13 April; received Tuesday 3 March → Tuesday 14 April.
    "easter": (
        date(2026, 4, 2),
        (date(2026, 3, 2), date(2026, 4, 13)),
        (date(2026, 3, 3), date(2026, 4, 14)),
        "maandag 13 april 2026",
    ),
    # Thursday 23 April: 24, (27 King's Day), 28, 29, 30, 1 May → Friday 1 May.
    # Received Friday 20 March → Friday 1 May; Monday 23 March → Monday 4 May.
    "kings_day": (
        date(2026, 4, 23),
        (date(2026, 3, 20), date(2026, 5, 1)),
        (date(2026, 3, 23), date(2026, 5, 4)),
        "vrijdag 1 mei 2026",
    ),
    # Thursday 30 April: 1, 4, (5 Liberation Day), 6, 7, 8 → Friday 8 May.
    # Received Friday 27 March → Friday 8 May; Monday 30 March → Monday 11 May.
    "liberation_day": (
        date(2026, 4, 30),
        (date(2026, 3, 27), date(2026, 5, 8)),
        (date(2026, 3, 30), date(2026, 5, 11)),
        "vrijdag 8 mei 2026",
    ),
    # Tuesday 12 May, with Friday 15 May a decree day: 13, (14 Ascension), (15), 18, 19,
    # 20, 21 → Thursday 21 May. Received Thursday 9 April → Thursday 21 May; Friday
    # 10 April → Friday 22 May.
    "ascension_and_decree_day": (
        date(2026, 5, 12),
        (date(2026, 4, 9), date(2026, 5, 21)),
        (date(2026, 4, 10), date(2026, 5, 22)),
        "donderdag 21 mei 2026",
    ),
    # Wednesday 20 May: 21, 22, (25 Whit Monday), 26, 27, 28 → Thursday 28 May.
    # Received Thursday 16 April → Thursday 28 May; Friday 17 April → Friday 29 May.
    "whit_monday": (
        date(2026, 5, 20),
        (date(2026, 4, 16), date(2026, 5, 28)),
        (date(2026, 4, 17), date(2026, 5, 29)),
        "donderdag 28 mei 2026",
    ),
}


@pytest.mark.parametrize("case", WINDOW_CASES)
def test_due_soon_window_counts_working_days_only(case, received, staff, deliver_all):
    DecreeDay.objects.create(date=date(2026, 5, 15), description="Vrijdag na Hemelvaart")
    today, (inside_received, inside_due), (outside_received, outside_due), until = WINDOW_CASES[
        case
    ]
    inside = received(inside_received, handler=staff.handler, state=State.IN_PROGRESS)
    outside = received(outside_received, handler=staff.handler, state=State.IN_PROGRESS)
    assert (inside.decide_by, outside.decide_by) == (inside_due, outside_due)

    mail = run_on(today, deliver_all)

    [message] = mail[staff.handler.email]
    text = text_of(message)
    assert message["Subject"] == "Herinnering: 1 klacht vraagt uw aandacht"
    assert "Verloopt binnenkort (1 klacht)" in text
    assert f"uiterlijk {until} zijn afgehandeld" in text
    assert inside.reference in text
    assert link(inside) in html_of(message)
    assert outside.reference not in text


def test_a_complaint_due_after_easter_is_due_soon_on_the_thursday_before_good_friday(
    received, staff, deliver_all
):
    # Received Tuesday 24 February + 6 weeks = Tuesday 7 April (the day after Easter Monday).
    after_easter = received(date(2026, 2, 24), handler=staff.handler, state=State.IN_PROGRESS)
    # Received Monday 2 March → Monday 13 April.
    week_later = received(date(2026, 3, 2), handler=staff.handler, state=State.IN_PROGRESS)
    assert after_easter.decide_by == date(2026, 4, 7)

    # Friday 27 March: 30, 31, 1, 2, (3, 6), 7 → Tuesday 7 April is the 5th working day.
    mail = run_on(date(2026, 3, 27), deliver_all)
    text = text_of(mail[staff.handler.email][0])
    assert after_easter.reference in text
    assert week_later.reference not in text

    # Wednesday 1 April: 2, 7, 8, 9, 10 → Friday 10 April: 13 April is not due soon yet.
    text = text_of(run_on(date(2026, 4, 1), deliver_all)[staff.handler.email][0])
    assert after_easter.reference in text
    assert week_later.reference not in text

    # Thursday 2 April: 7, 8, 9, 10, 13 → both.
    text = text_of(run_on(date(2026, 4, 2), deliver_all)[staff.handler.email][0])
    assert after_easter.reference in text
    assert week_later.reference in text

    # Nothing on Good Friday to Easter Monday; Wednesday 8 April the first is overdue.
    for day in (3, 4, 5, 6):
        assert run_on(date(2026, 4, day), deliver_all) == {}
    run_on(date(2026, 4, 7), deliver_all)
    text = text_of(run_on(date(2026, 4, 8), deliver_all)[staff.handler.email][0])
    overdue_part, due_soon_part = text.split("Verloopt binnenkort")
    assert "Termijn verstreken (1 klacht)" in overdue_part
    assert after_easter.reference in overdue_part
    assert week_later.reference in due_soon_part


def test_handler_email_lists_overdue_due_soon_acknowledgement_and_first_contact(
    received, staff, deliver_all
):
    handler = staff.handler
    # Tuesday 10 February → decide by Tuesday 24 March: overdue on Thursday 2 April.
    overdue = received(date(2026, 2, 10), handler=handler, state=State.IN_PROGRESS)
    # Received Thursday 26 March: acknowledge within 5 working days = 27, 30, 31, 1, 2 →
    # Thursday 2 April, today: listed while still received.
    acknowledge = received(date(2026, 3, 26), handler=handler)
    assert acknowledge.acknowledge_by == date(2026, 4, 2)
    # Received Friday 27 March: 30, 31, 1, 2, (3, 6), 7 → Tuesday 7 April: not yet.
    acknowledge_later = received(date(2026, 3, 27), handler=handler)
    assert acknowledge_later.acknowledge_by == date(2026, 4, 7)
    # Received Monday 30 March, acknowledged: first contact within 3 working days =
    # 31, 1, 2 → Thursday 2 April.
    contact = received(date(2026, 3, 30), handler=handler, state=State.ACKNOWLEDGED)
    assert contact.first_contact_by == date(2026, 4, 2)
    # Same first-contact date, but already in progress: no reminder.
    contacted = received(date(2026, 3, 30), handler=handler, state=State.IN_PROGRESS)
    # Overdue but closed: not a reminder.
    closed = received(date(2026, 2, 10), handler=handler)
    closed.state, closed.closed_on, closed.outcome = (
        State.CLOSED,
        date(2026, 3, 1),
        Outcome.UNFOUNDED,
    )
    closed.save()

    mail = run_on(date(2026, 4, 2), deliver_all)

    [message] = mail[handler.email]
    assert message["Subject"] == "Herinnering: 3 klachten vragen uw aandacht"
    text = text_of(message)
    assert "Beste Handler," in text
    assert "donderdag 2 april 2026" in text
    assert "Termijn verstreken (1 klacht)" in text
    assert "Ontvangst nog bevestigen (1 klacht)" in text
    assert "Nog contact opnemen met de indiener (1 klacht)" in text
    assert "Verloopt binnenkort" not in text
    for complaint in (overdue, acknowledge, contact):
        assert complaint.reference in text
        assert link(complaint) in html_of(message)
    for complaint in (acknowledge_later, contacted, closed):
        assert complaint.reference not in text
    assert "fatima" not in text.lower()  # no complainant's data in a reminder
    assert f"{BASE_URL}/backoffice/" in html_of(message)

    # The other handler has nothing: no e-mail. Tuesday 7 April the later one is listed.
    assert staff.other_handler.email not in mail
    text = text_of(run_on(date(2026, 4, 7), deliver_all)[handler.email][0])
    assert acknowledge_later.reference in text


def test_inactive_handlers_and_handlers_without_address_get_nothing(received, staff, deliver_all):
    received(date(2026, 2, 10), handler=staff.handler)
    received(date(2026, 2, 10), handler=staff.other_handler)
    staff.handler.is_active = False
    staff.handler.save()
    staff.other_handler.email = ""
    staff.other_handler.save()

    mail = run_on(date(2026, 4, 2), deliver_all)

    assert list(mail) == [staff.coordinator.email]  # only the digest


def test_coordinator_digest(received, staff, org, deliver_all, make_complaint):
    # Overdue (Tuesday 24 March), handled by the other handler.
    # In progress: acknowledged and contacted, so only their decide-by dates count.
    overdue = received(date(2026, 2, 10), handler=staff.other_handler, state=State.IN_PROGRESS)
    # Due soon: received Monday 2 March → Monday 13 April, within the window of 2 April.
    due_soon = received(date(2026, 3, 2), handler=staff.handler, state=State.IN_PROGRESS)
    # Open, no handler (its acknowledgement, by 7 April, is due soon too).
    unassigned = received(date(2026, 3, 31))
    # A failed e-mail about an open complaint, one about a closed one (left out).
    OutboxMessage.objects.create(
        to="weg@example.invalid",
        subject="Ontvangstbevestiging",
        text="…",
        complaint=unassigned,
        state=OutboxMessage.State.FAILED,
        last_error="550 no such user",
        next_attempt_at=None,
    )
    closed = received(date(2026, 3, 31))
    closed.state, closed.closed_on, closed.outcome = (
        State.CLOSED,
        date(2026, 4, 1),
        Outcome.WITHDRAWN,
    )
    closed.save()
    OutboxMessage.objects.create(
        to="oud@example.invalid",
        subject="Oud bericht",
        text="…",
        complaint=closed,
        state=OutboxMessage.State.FAILED,
        next_attempt_at=None,
    )
    # A partner forward escalated without a reply, and one the partner answered.
    escalated = Forward.objects.create(
        complaint=due_soon,
        partner=org.partner,
        forwarded_on=date(2026, 3, 3),
        reply_due_on=date(2026, 3, 17),
        reminded_on=date(2026, 3, 18),
        escalated_on=date(2026, 3, 25),
    )
    Forward.objects.create(
        complaint=overdue,
        partner=org.other_partner,
        forwarded_on=date(2026, 3, 3),
        escalated_on=date(2026, 3, 25),
        replied_at=at(date(2026, 3, 26)),
    )

    mail = run_on(date(2026, 4, 2), deliver_all)

    [digest] = mail[staff.coordinator.email]
    assert digest["Subject"] == "Dagoverzicht klachten 2 april 2026"
    text = text_of(digest)
    for line in (
        "1 klacht over de termijn",
        "2 klachten verlopen binnenkort",  # the unassigned one by its acknowledgement
        "1 open klacht zonder behandelaar",
        "1 e-mail niet afgeleverd",
        "1 partner heeft niet op tijd gereageerd",
    ):
        assert line in text
    assert overdue.reference in text.split("Verloopt binnenkort")[0]
    assert "Otherhandler" in text  # who handles it
    assert unassigned.reference in text.split("Zonder behandelaar")[1]
    assert "Ontvangstbevestiging" in text
    assert "Oud bericht" not in text
    partner_part = text.split("Partner heeft niet gereageerd")[1]
    assert escalated.complaint.reference in partner_part
    assert org.partner.name in partner_part
    assert org.other_partner.name not in partner_part
    html = html_of(digest)
    for complaint in (overdue, due_soon, unassigned):
        assert link(complaint) in html
    assert f"{BASE_URL}/backoffice/" in html


def test_digest_lists_are_capped_with_a_link_to_the_full_list(
    received, staff, deliver_all, monkeypatch
):
    monkeypatch.setattr(reminders, "DIGEST_LIST_LIMIT", 2)
    for _ in range(3):
        received(date(2026, 2, 10), handler=staff.handler)

    text = text_of(run_on(date(2026, 4, 2), deliver_all)[staff.coordinator.email][0])

    assert "3 klachten over de termijn" in text
    assert "Bekijk alle 3 in de klachtenlijst" in text
    assert f"{BASE_URL}/backoffice/klachten/?kind=complaint&overdue=on" in text


def test_nothing_to_say_means_no_email(received, staff, deliver_all):
    # Received Wednesday 1 April, assigned and in progress: decide by 13 May, far away.
    received(date(2026, 4, 1), handler=staff.handler, state=State.IN_PROGRESS)

    with time_machine.travel(at(date(2026, 4, 2), 7), tick=False):
        assert reminders.send_daily_reminders(today=date(2026, 4, 2)) == 0
    assert run_on(date(2026, 4, 2), deliver_all) == {}


def test_never_twice_the_same_day(received, staff, deliver_all):
    received(date(2026, 2, 10), handler=staff.handler)
    monday = date(2026, 4, 13)

    first = run_on(monday, deliver_all, hour=7)
    later = [run_on(monday, deliver_all, hour=hour) for hour in (8, 12, 23)]

    assert sorted(first) == [staff.coordinator.email, staff.handler.email]
    assert later == [{}, {}, {}]
    assert run_on(monday + timedelta(days=1), deliver_all, hour=7) != {}


def test_links_follow_the_base_url(received, staff, settings):
    """The links come from the one configured base address (`core.urls`), as every link
    in every e-mail does (the job took its own `base_url` argument before)."""
    settings.VANGNET = {**settings.VANGNET, "BASE_URL": "https://elders.invalid"}
    complaint = received(date(2026, 2, 10), handler=staff.handler)
    with time_machine.travel(at(date(2026, 4, 2), 7), tick=False):
        count = reminders.send_daily_reminders(today=date(2026, 4, 2))
    assert count == 2
    message = OutboxMessage.objects.get(to=staff.handler.email)
    assert f"https://elders.invalid/backoffice/klachten/{complaint.pk}/" in message.html
    assert message.complaint is None
