"""A notification for each event of issue 13, for the right user only: never a partner
user, never another handler."""

import pytest

from vangnet.complaints.models import PartnerOutcome
from vangnet.complaints.signals import copy_not_sent
from vangnet.handling.guard import perform
from vangnet.letters import outbox
from vangnet.letters.models import OutboxMessage
from vangnet.notifications.models import Kind

from .conftest import deliver, nobody_else, text_of, told

pytestmark = pytest.mark.django_db


def assign(complaint, users, handler=None):
    return perform(
        "assign",
        actor=users.coordinator,
        complaint=complaint,
        data={"handler": handler or users.handler},
    ).complaint


def test_assigning_tells_the_new_handler(staff, complaint, smtp_server):
    assign(complaint, staff)
    [notification] = told(staff.handler, Kind.ASSIGNED)
    assert notification.complaint == complaint
    assert complaint.reference in notification.text
    nobody_else(staff, Kind.ASSIGNED, staff.handler)  # not the coordinator who assigned
    # Assigned is an e-mail at once by default.
    mail = deliver(smtp_server)
    [message] = mail["handler@testwijk.invalid"]
    assert complaint.reference in message["Subject"]
    assert f"/backoffice/klachten/{complaint.pk}/" in text_of(message)


def test_reassigning_tells_only_the_new_handler(staff, complaint):
    assign(complaint, staff)
    assign(complaint, staff, staff.other_handler)
    assert len(told(staff.other_handler, Kind.ASSIGNED)) == 1
    assert len(told(staff.handler, Kind.ASSIGNED)) == 1  # only the first assignment
    # Assigning yourself tells nobody.
    assign(complaint, staff, staff.coordinator)
    assert told(staff.coordinator, Kind.ASSIGNED) == []


def test_assigning_through_the_api_tells_the_handler(staff, complaint, client):
    client.force_login(staff.coordinator)
    response = client.post(
        f"/api/v1/complaints/{complaint.pk}/assign/",
        {"handler": staff.handler.username},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert len(told(staff.handler, Kind.ASSIGNED)) == 1


def test_information_from_the_resident_tells_the_handler(staff, complaint):
    complaint = assign(complaint, staff)
    perform("add_information", actor=None, complaint=complaint, data={"text": "De brief."})
    [notification] = told(staff.handler, Kind.INFORMATION_ADDED)
    assert "De brief." in notification.text
    nobody_else(staff, Kind.INFORMATION_ADDED, staff.handler)


def test_without_a_handler_the_coordinator_is_told(staff, complaint):
    perform("add_information", actor=None, complaint=complaint, data={"text": "Nog iets."})
    nobody_else(staff, Kind.INFORMATION_ADDED, staff.coordinator)


def test_the_residents_withdrawal_tells_the_handler(staff, complaint):
    complaint = assign(complaint, staff)
    perform(
        "withdraw_by_complainant", actor=None, complaint=complaint, data={"reason": "Opgelost."}
    )
    [notification] = told(staff.handler, Kind.WITHDRAWN)
    assert "Opgelost." in notification.text
    nobody_else(staff, Kind.WITHDRAWN, staff.handler)


def test_a_withdrawal_recorded_by_staff_tells_nobody(staff, complaint):
    complaint = assign(complaint, staff)
    perform("withdraw", actor=staff.handler, complaint=complaint, data={"note": "Belde vandaag."})
    assert told(staff.handler, Kind.WITHDRAWN) == []
    nobody_else(staff, Kind.WITHDRAWN)


def test_a_partner_reply_tells_the_handler(staff, complaint, org):
    complaint = assign(complaint, staff)
    forward = perform(
        "forward", actor=staff.coordinator, complaint=complaint, data={"partner": org.partner}
    ).record
    perform(
        "partner_reply",
        actor=staff.partner,
        complaint=complaint,
        data={"forward": forward, "action": "Gebeld.", "outcome": PartnerOutcome.RESOLVED},
    )
    [notification] = told(staff.handler, Kind.PARTNER_REPLIED)
    assert "Schuldhulp Samen" in notification.text
    nobody_else(staff, Kind.PARTNER_REPLIED, staff.handler)


def refuse(server, address: str) -> None:
    async def handle_rcpt(smtp, session, envelope, rcpt, options):
        if rcpt == address:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(rcpt)
        return "250 OK"

    server.handle_RCPT = handle_rcpt


def test_a_bounced_email_tells_the_handler(staff, complaint, smtp_server):
    complaint = assign(complaint, staff)
    refuse(smtp_server, "fatima@example.invalid")
    outbox.queue(to="fatima@example.invalid", subject="Vraag", text="Hallo.", complaint=complaint)
    deliver(smtp_server)
    assert OutboxMessage.objects.filter(state=OutboxMessage.State.FAILED).count() == 1
    [notification] = told(staff.handler, Kind.EMAIL_FAILED)
    assert "fatima@example.invalid" in notification.text
    nobody_else(staff, Kind.EMAIL_FAILED, staff.handler)
    nobody_else(staff, Kind.NOT_SENT)  # no letter


def test_a_letter_that_bounced_tells_the_coordinator(staff, complaint, smtp_server):
    complaint = assign(complaint, staff)
    refuse(smtp_server, "fatima@example.invalid")
    perform("acknowledge", actor=staff.handler, complaint=complaint, data={})
    from vangnet.letters.models import Letter
    from vangnet.letters.pdfs import store_pdf

    for letter in Letter.objects.filter(complaint=complaint, pdf=""):
        store_pdf(letter.pk, b"%PDF-1.7 test")
    deliver(smtp_server)
    [notification] = told(staff.coordinator, Kind.NOT_SENT)
    assert "fatima@example.invalid" in notification.text
    nobody_else(staff, Kind.NOT_SENT, staff.coordinator)
    nobody_else(staff, Kind.EMAIL_FAILED, staff.handler)


def test_a_copy_not_sent_tells_the_coordinator(staff, complaint):
    complaint = assign(complaint, staff)
    copy_not_sent.send(sender=None, complaint=complaint, task=None, actor=staff.handler)
    [notification] = told(staff.coordinator, Kind.NOT_SENT)
    assert "Awb 9:9" in notification.text
    nobody_else(staff, Kind.NOT_SENT, staff.coordinator)


def test_partner_users_are_never_told_even_when_named(staff, complaint):
    from vangnet.notifications.services import notify

    made = notify(
        Kind.DEADLINE,
        complaint=complaint,
        text="x",
        recipients=[staff.partner, staff.viewer, staff.nobody, staff.handler],
    )
    assert [n.recipient for n in made] == [staff.handler]
