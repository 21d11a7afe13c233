"""The daily partner reminders and escalation, with the clock moved day by day across
Easter 2026 (Good Friday 3 April and Easter Monday 6 April are Atw holidays) and the
weekends around it. Every expected date is counted by hand below."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from vangnet.complaints import deadlines
from vangnet.complaints.events import Action
from vangnet.complaints.models import Complaint, Forward, PartnerOutcome
from vangnet.complaints.workflow import Outcome, State
from vangnet.handling import forwarding
from vangnet.handling.guard import perform
from vangnet.letters import outbox

from .conftest import BASE, mails_to, reply_path, text_of

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PARTNER_ADDRESS = "doorsturen@schuldhulp.invalid"
COORDINATORS = ["coordinator2@testwijk.invalid", "coordinator@testwijk.invalid"]
FORWARDED = date(2026, 3, 30)  # Monday

# Reply term 2 working days: Tue 31 March (1), Wed 1 April (2) -> due Wed 1 April.
# Reminded on the first working day after: Thu 2 April.
# Escalated 5 working days after the reminder: Fri 3 (Good Friday) and Mon 6 (Easter
# Monday) do not count, nor the weekend: Tue 7 (1), Wed 8 (2), Thu 9 (3), Fri 10 (4),
# Mon 13 (5) -> Mon 13 April.
SHORT = {"due": date(2026, 4, 1), "reminded": date(2026, 4, 2), "escalated": date(2026, 4, 13)}
# Reply term 3 working days -> due Thu 2 April. The next working day is Tue 7 April (Fri 3
# Good Friday, Sat 4, Sun 5, Mon 6 Easter Monday): reminded Tue 7 April. Escalated: Wed 8
# (1), Thu 9 (2), Fri 10 (3), Mon 13 (4), Tue 14 (5) -> Tue 14 April.
MIDDLE = {"due": date(2026, 4, 2), "reminded": date(2026, 4, 7), "escalated": date(2026, 4, 14)}
# Reply term 10 working days: Tue 31 (1), Wed 1 (2), Thu 2 (3), [Fri 3 - Mon 6], Tue 7 (4),
# Wed 8 (5), Thu 9 (6), Fri 10 (7), Mon 13 (8), Tue 14 (9), Wed 15 (10) -> due Wed 15
# April; reminded Thu 16 April; escalated Fri 17 (1), Mon 20 (2), Tue 21 (3), Wed 22 (4),
# Thu 23 (5) -> Thu 23 April.
LONG = {"due": date(2026, 4, 15), "reminded": date(2026, 4, 16), "escalated": date(2026, 4, 23)}


def at(day: date, hour: int = 7) -> datetime:
    return datetime.combine(day, time(hour), AMSTERDAM)


@pytest.fixture
def scene(org, users, staff, make_complaint, forward):
    """Five forwards made on Monday 30 March 2026."""
    users.other_partner.email = "medewerker@afvalbedrijf.invalid"
    users.other_partner.save()
    made = {}
    tokens = {}
    with time_machine.travel(at(FORWARDED, 10), tick=False):
        org.partner.reply_term_working_days = 2
        org.partner.save()
        for name in ("short", "replied", "closed"):
            made[name], tokens[name] = forward(make_complaint(description=name))
        org.partner.reply_term_working_days = 3
        org.partner.save()
        made["middle"], tokens["middle"] = forward(make_complaint(description="middle"))
        # A partner without an e-mail address: its users are reminded, with the portal link.
        made["long"], tokens["long"] = forward(
            make_complaint(description="long"), partner=org.other_partner
        )
    with time_machine.travel(at(date(2026, 3, 31), 12), tick=False):
        perform(
            "partner_reply",
            actor=None,
            complaint=made["replied"].complaint,
            data={
                "forward": made["replied"],
                "name": "Jan",
                "action": "Gedaan.",
                "outcome": PartnerOutcome.RESOLVED,
            },
        )
    Complaint.objects.filter(pk=made["closed"].complaint_id).update(
        state=State.CLOSED, closed_on=date(2026, 3, 31), outcome=Outcome.WITHDRAWN
    )
    outbox.flush()
    return made, tokens


def test_reminders_and_escalation_across_easter(smtp_server, staff, scene):
    made, tokens = scene
    assert made["short"].reply_due_on == SHORT["due"]
    assert made["middle"].reply_due_on == MIDDLE["due"]
    assert made["long"].reply_due_on == LONG["due"]
    smtp_server.messages.clear()

    # The scheduler runs every day at 07:00; on a weekend or holiday the job does nothing.
    # A second run on the same day sends nothing again.
    sent_per_day = {}
    day = date(2026, 3, 31)
    while day <= date(2026, 4, 30):
        with time_machine.travel(at(day), tick=False):
            today = deadlines.today()
            first = forwarding.remind_partners(today=today)
            assert forwarding.remind_partners(today=today) == 0, day
        if first:
            sent_per_day[day] = first
        day += timedelta(days=1)

    assert sent_per_day == {
        SHORT["reminded"]: 1,  # to the partner's address
        MIDDLE["reminded"]: 1,
        SHORT["escalated"]: 2,  # to both coordinators
        MIDDLE["escalated"]: 2,
        LONG["reminded"]: 1,  # to the other partner's user
        LONG["escalated"]: 2,
    }
    for name, expected in (("short", SHORT), ("middle", MIDDLE), ("long", LONG)):
        forward = Forward.objects.get(pk=made[name].pk)
        assert forward.reminded_on == expected["reminded"], name
        assert forward.escalated_on == expected["escalated"], name
        [reminded] = forward.complaint.events.filter(action=Action.PARTNER_REMINDED)
        [escalated] = forward.complaint.events.filter(action=Action.PARTNER_ESCALATED)
        assert reminded.actor is None and escalated.actor is None
        assert reminded.at.astimezone(AMSTERDAM).date() == expected["reminded"]
        assert escalated.at.astimezone(AMSTERDAM).date() == expected["escalated"]
    for name in ("replied", "closed"):
        forward = Forward.objects.get(pk=made[name].pk)
        assert forward.reminded_on is None and forward.escalated_on is None, name

    outbox.flush()
    # The reminders to the partner's address carry a new link; the first one stopped working.
    reminders = mails_to(smtp_server, PARTNER_ADDRESS)
    assert len(reminders) == 2
    short_reminder = next(m for m in reminders if made["short"].complaint.reference in m["Subject"])
    text = text_of(short_reminder)
    assert "1 april 2026" in text  # the reply term that passed
    assert "De link uit onze eerdere e-mail werkt niet meer" in text
    assert forwarding.resolve_reply_token(tokens["short"]) is None
    [new_link] = [word for word in text.split() if word.startswith(BASE + "/partner/antwoord/")]
    new_token = new_link.removeprefix(BASE + "/partner/antwoord/").strip("/")
    assert forwarding.resolve_reply_token(new_token).pk == made["short"].pk
    assert new_link == BASE + reply_path(new_token)
    reminded_event = made["short"].complaint.events.get(action=Action.PARTNER_REMINDED)
    assert "de vorige link werkt niet meer" in reminded_event.summary

    [portal_reminder] = mails_to(smtp_server, "medewerker@afvalbedrijf.invalid")
    assert f"{BASE}/partner/klachten/{made['long'].complaint_id}/" in text_of(portal_reminder)

    escalations = [m for m in smtp_server.messages if m["To"] in COORDINATORS]
    assert len(escalations) == 6
    short_escalation = next(
        m for m in escalations if made["short"].complaint.reference in m["Subject"]
    )
    assert short_escalation["Subject"] == (
        f"Schuldhulp Samen antwoordt niet over klacht {made['short'].complaint.reference}"
    )
    text = text_of(short_escalation)
    assert "Herinnering gestuurd op 2 april 2026" in text
    assert f"{BASE}/backoffice/klachten/{made['short'].complaint_id}/" in text


def test_a_reply_after_the_reminder_stops_the_escalation(smtp_server, staff, scene):
    made, _ = scene
    with time_machine.travel(at(SHORT["reminded"]), tick=False):
        assert forwarding.remind_partners(today=deadlines.today()) == 1
    with time_machine.travel(at(date(2026, 4, 8), 12), tick=False):
        forward = Forward.objects.get(pk=made["short"].pk)
        perform(
            "partner_reply",
            actor=None,
            complaint=forward.complaint,
            data={
                "forward": forward,
                "name": "Jan",
                "action": "Alsnog gedaan.",
                "outcome": PartnerOutcome.RESOLVED,
            },
        )
    with time_machine.travel(at(SHORT["escalated"]), tick=False):
        # The day the short forward would have been escalated (the middle one, due on
        # 2 April and not reminded yet, gets its reminder now).
        forwarding.remind_partners(today=deadlines.today())
    forward.refresh_from_db()
    assert forward.escalated_on is None
    assert not forward.complaint.events.filter(action=Action.PARTNER_ESCALATED).exists()


def test_nothing_on_a_holiday_or_weekend(staff, scene):
    for day in (date(2026, 4, 3), date(2026, 4, 4), date(2026, 4, 5), date(2026, 4, 6)):
        with time_machine.travel(at(day), tick=False):
            assert forwarding.remind_partners(today=day) == 0
    assert not Forward.objects.filter(reminded_on__isnull=False).exists()
