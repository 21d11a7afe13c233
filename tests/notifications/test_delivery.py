"""How notifications reach their user: at once by e-mail, in the daily digest, or only in
the app; the daily deadline warnings, once per complaint per deadline."""

from datetime import timedelta

import pytest

from vangnet.complaints import deadlines
from vangnet.core import scheduler, workdays
from vangnet.handling.guard import perform
from vangnet.notifications.digest import send_digests
from vangnet.notifications.models import Delivery, Kind, Notification, Preference
from vangnet.notifications.services import notify
from vangnet.notifications.warnings import warn_deadlines
from vangnet.organisations.models import Municipality

from .conftest import deliver, nobody_else, text_of, told

pytestmark = pytest.mark.django_db


def choose(user, kind, delivery):
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def assigned(complaint, users):
    return perform(
        "assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler}
    ).complaint


def test_immediate_is_an_email_at_once(staff, complaint, smtp_server):
    choose(staff.handler, Kind.INFORMATION_ADDED, Delivery.IMMEDIATE)
    complaint = assigned(complaint, staff)
    deliver(smtp_server)
    smtp_server.messages.clear()
    perform("add_information", actor=None, complaint=complaint, data={"text": "Foto's."})
    mail = deliver(smtp_server)
    [message] = mail["handler@testwijk.invalid"]
    assert message["Subject"] == f"Aanvulling van de indiener: klacht {complaint.reference}"
    assert "Foto's." in text_of(message)
    assert list(mail) == ["handler@testwijk.invalid"]
    [notification] = told(staff.handler, Kind.INFORMATION_ADDED)
    assert notification.emailed_at is not None


def test_app_only_sends_nothing(staff, complaint, smtp_server):
    choose(staff.handler, Kind.ASSIGNED, Delivery.APP)
    assigned(complaint, staff)
    assert deliver(smtp_server) == {}
    [notification] = told(staff.handler, Kind.ASSIGNED)
    assert notification.delivery == Delivery.APP
    send_digests(today=complaint.received_on)
    assert deliver(smtp_server) == {}


def test_digest_collects_them_in_one_email_once(staff, complaint, smtp_server, make_complaint):
    choose(staff.handler, Kind.ASSIGNED, Delivery.DIGEST)
    first = assigned(complaint, staff)
    second = assigned(make_complaint(), staff)
    perform("add_information", actor=None, complaint=second, data={"text": "Nog een brief."})
    assert deliver(smtp_server) == {}  # nothing at once

    assert send_digests(today=first.received_on) == 1
    mail = deliver(smtp_server)
    assert list(mail) == ["handler@testwijk.invalid"]
    [message] = mail["handler@testwijk.invalid"]
    assert "3 meldingen" in message["Subject"]
    text = text_of(message)
    assert first.reference in text and second.reference in text
    assert "Nog een brief." in text
    assert f"/backoffice/klachten/{second.pk}/" in text
    assert "/backoffice/meldingen/instellingen/" in text
    assert not Notification.objects.filter(digested_at__isnull=True).exists()

    # The next day: nothing new, no e-mail.
    smtp_server.messages.clear()
    assert send_digests(today=first.received_on + timedelta(days=1)) == 0
    assert deliver(smtp_server) == {}


def test_the_digest_leaves_out_what_was_read(staff, complaint, smtp_server):
    complaint = assigned(complaint, staff)
    perform("add_information", actor=None, complaint=complaint, data={"text": "Gelezen al."})
    Notification.objects.filter(kind=Kind.INFORMATION_ADDED).update(read_at=complaint.created_at)
    deliver(smtp_server)
    smtp_server.messages.clear()
    assert send_digests(today=complaint.received_on) == 0
    assert deliver(smtp_server) == {}


def test_the_jobs_are_registered():
    assert "vangnet.notifications.warnings.warn_deadlines" in scheduler.DAILY_JOBS
    assert "vangnet.notifications.digest.send_digests" in scheduler.DAILY_JOBS


def test_a_deadline_entering_the_window_is_told_once(staff, complaint):
    complaint = assigned(complaint, staff)
    due = complaint.decide_by
    assert warn_deadlines(today=due - timedelta(days=60)) == 0  # far away: nothing
    warn_deadlines(today=due - timedelta(days=1))
    warn_deadlines(today=due)  # the next day: not again
    warnings = [n for n in told(staff.handler, Kind.DEADLINE) if n.deadline == "decide_by"]
    assert len(warnings) == 1
    assert warnings[0].deadline_on == due
    nobody_else(staff, Kind.DEADLINE, staff.handler)


def test_a_moved_deadline_is_told_again(staff, complaint):
    complaint = assigned(complaint, staff)
    due = complaint.decide_by
    warn_deadlines(today=due)
    type(complaint).objects.filter(pk=complaint.pk).update(decide_by=due + timedelta(days=7))
    warn_deadlines(today=due + timedelta(days=7))
    dates = sorted(
        n.deadline_on for n in told(staff.handler, Kind.DEADLINE) if n.deadline == "decide_by"
    )
    assert dates == [due, due + timedelta(days=7)]


def test_the_acknowledgement_term_is_told_when_it_enters_the_window(staff, complaint):
    # No handler: the coordinators hear of it, when the screens call it due soon.
    ack_by = complaint.acknowledge_by
    far = ack_by - timedelta(days=30)
    assert window_end(far) < ack_by
    warn_deadlines(today=far)
    assert told(staff.coordinator, Kind.DEADLINE) == []
    near = ack_by - timedelta(days=1)
    assert window_end(near) >= ack_by
    warn_deadlines(today=near)
    warn_deadlines(today=ack_by)
    warned = sorted(n.deadline for n in told(staff.coordinator, Kind.DEADLINE))
    # Told once each; the first contact's term (a few days after) is in the window too.
    assert "acknowledge_by" in warned and "decide_by" not in warned
    assert len(warned) == len(set(warned))
    nobody_else(staff, Kind.DEADLINE, staff.coordinator)


def window_end(day):
    return deadlines.due_soon_until(
        on=day, policy=Municipality.current(), calendar=workdays.working_calendar()
    )


def test_a_closed_complaint_is_not_warned_of(staff, complaint):
    complaint = assigned(complaint, staff)
    perform("withdraw", actor=staff.handler, complaint=complaint, data={"note": "Gebeld."})
    warn_deadlines(today=complaint.decide_by)
    assert told(staff.handler, Kind.DEADLINE) == []


def test_notify_without_an_address_stays_in_the_app(staff, complaint, smtp_server):
    staff.handler.email = ""
    staff.handler.save(update_fields=["email"])
    [made] = notify(Kind.ASSIGNED, complaint=complaint, text="x", recipients=[staff.handler])
    assert made.emailed_at is None
    assert deliver(smtp_server) == {}
