"""Fixtures for the daily jobs: the SMTP server, complaints registered "in the past"
(the clock moved back with time-machine, as registration refuses future dates) and
staff with e-mail addresses."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.smtp import SMTPServer, free_port, smtp_server  # noqa: F401  (fixtures)
from vangnet.complaints.models import Complaint
from vangnet.handling.guard import perform
from vangnet.letters import outbox
from vangnet.notifications.models import Delivery, Kind, Preference

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BASE_URL = "https://klachten.testwijk.invalid"


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A moment on `day`, Dutch time."""
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.VANGNET = {**settings.VANGNET, "BASE_URL": BASE_URL}
    return BASE_URL


@pytest.fixture
def staff(users):
    """The users of `users`, with e-mail addresses for the ones that get reminders."""
    for user, address in (
        (users.coordinator, "coordinator@testwijk.invalid"),
        (users.handler, "handler@testwijk.invalid"),
        (users.other_handler, "otherhandler@testwijk.invalid"),
    ):
        user.email = address
        user.save(update_fields=["email"])
        # These tests count the reminders: the assignment's notification stays in the app.
        Preference.objects.create(user=user, kind=Kind.ASSIGNED, delivery=Delivery.APP)
    return users


@pytest.fixture
def received(make_complaint, staff):
    """received(day, handler=None, state=None, **fields): a complaint registered on
    `day` (the clock moved there), optionally assigned and put in `state`."""

    def make(day: date, *, handler=None, state=None, **fields) -> Complaint:
        with time_machine.travel(at(day, 10), tick=False):
            complaint = make_complaint(received_on=day, **fields)
            if handler is not None:
                complaint = perform(
                    "assign",
                    actor=staff.coordinator,
                    complaint=complaint,
                    data={"handler": handler},
                ).complaint
        if state is not None:
            Complaint.objects.filter(pk=complaint.pk).update(state=state)
            complaint.refresh_from_db()
        return complaint

    return make


@pytest.fixture
def deliver_all(smtp_server):  # noqa: F811  (the fixture imported above)
    """Send what the outbox holds to the test's SMTP server; returns what arrived since
    the last call, by recipient."""
    seen = [0]

    def deliver() -> dict[str, list]:
        outbox.flush()
        new = smtp_server.messages[seen[0] :]
        seen[0] = len(smtp_server.messages)
        by_recipient: dict[str, list] = {}
        for message in new:
            by_recipient.setdefault(message["To"], []).append(message)
        return by_recipient

    return deliver
