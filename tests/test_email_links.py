"""Every link in every e-mail points at the one configured base address
(`core.urls`): the acknowledgement with its status link, a new status link, the survey,
the partner's reply link, the handler's reminder and the coordinator's digest, the
partner's reminder. `make run` sets that address from PORT (tests/test_make_run.py),
so under `PORT=8610 make run` they all point at port 8610."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from vangnet.complaints import deadlines
from vangnet.handling import forwarding, reminders
from vangnet.handling.guard import perform
from vangnet.letters.models import OutboxMessage
from vangnet.public import statuslinks

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8610"
LINK = re.compile(r"https?://[^\s\"'<>)]+")


@pytest.fixture(autouse=True)
def port_8610(settings, tmp_path):
    settings.VANGNET = {**settings.VANGNET, "BASE_URL": BASE}
    settings.MEDIA_ROOT = tmp_path / "media"


def links() -> list[str]:
    found = []
    for message in OutboxMessage.objects.all():
        found += LINK.findall(message.text or "") + LINK.findall(message.html or "")
    return found


def test_every_link_in_every_e_mail_points_at_the_configured_address(
    org, users, make_complaint, django_capture_on_commit_callbacks
):
    users.handler.email = "handler@testwijk.invalid"
    users.handler.save()
    users.coordinator.email = "coordinator@testwijk.invalid"
    users.coordinator.save()
    org.partner.forward_email = "klachten@schuldhulp.invalid"
    org.partner.save()
    received = date.today() - timedelta(days=60)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = make_complaint(received_on=received)
        perform(
            "assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler}
        )
        perform("acknowledge", actor=users.handler, complaint=complaint)  # status link
        statuslinks.send_link_again(
            reference=complaint.reference, email=complaint.complainant_email
        )
        perform("forward", actor=users.handler, complaint=complaint, data={"partner": org.partner})
        today = deadlines.today()
        while not forwarding.remind_partners(today=today):  # the partner's reminder
            today += timedelta(days=1)
        with time_machine.travel(timezone.now().replace(hour=8), tick=False):
            reminders.send_daily_reminders(today=deadlines.today())  # reminder and digest
        resolved = make_complaint()  # closed as handled: the survey goes out
        for action, data in (
            ("acknowledge", {}),
            ("log_contact", {"contacted_on": date.today(), "channel": "phone", "notes": "Ok."}),
            ("resolve_informally", {"agreement": "Excuses en een nieuwe afspraak."}),
        ):
            perform(action, actor=users.coordinator, complaint=resolved, data=data)

    found = links()
    ours = [link for link in found if "8610" in link or "localhost" in link or "testserver" in link]
    assert ours, found
    assert all(link.startswith(BASE + "/") for link in ours), ours
    assert not [link for link in found if "localhost" in link or "testserver" in link]
    kinds = {
        "status": "/status/",
        "reply": "/partner/antwoord/",
        "back office": "/backoffice/",
        "survey": "/tevredenheid/",
    }
    for kind, path in kinds.items():
        assert any(link.startswith(BASE + path) for link in ours), kind
