"""The outbox: stored in the caller's transaction, delivered after commit over SMTP,
retried with back-off while the mail server is away, sent at most once."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from vangnet.complaints.events import Action
from vangnet.letters import outbox
from vangnet.letters.models import Letter, OutboxMessage
from vangnet.letters.services import send_acknowledgement
from vangnet.letters.tasks import deliver

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def queue_one(capture, **fields) -> OutboxMessage:
    values = {
        "to": "inwoner@example.invalid",
        "subject": "Een bericht",
        "text": "Hallo.",
        "html": "<p>Hallo.</p>",
        **fields,
    }
    with capture(execute=True):
        message = outbox.queue(**values)
    message.refresh_from_db()
    return message


def test_queued_message_is_delivered_after_commit(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = outbox.queue(
            to="inwoner@example.invalid",
            subject="Een bericht",
            text="Hallo.",
            html="<p>Hallo.</p>",
            attachment=("brief.pdf", b"%PDF-1.7 test"),
        )
        assert smtp_server.messages == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    callbacks[0]()

    [received] = smtp_server.messages
    assert received["Subject"] == "Een bericht"
    assert received.get_body(("plain",)).get_content().strip() == "Hallo."
    assert received.get_body(("html",)).get_content().strip() == "<p>Hallo.</p>"
    [attachment] = list(received.iter_attachments())
    assert attachment.get_filename() == "brief.pdf"
    assert attachment.get_content() == b"%PDF-1.7 test"
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert message.attachment.name.startswith("outbox/")


def test_server_down_then_flush_delivers_exactly_once(
    clock, smtp_server, make_complaint, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    complaint = make_complaint()
    with django_capture_on_commit_callbacks(execute=True):
        letter = send_acknowledgement(complaint=complaint, status_url="https://x.invalid/s/1/")

    # The registration and the letter stand; the e-mail waits for the server.
    assert Letter.objects.get() == letter
    assert complaint.events.filter(action=Action.LETTER_SENT).exists()
    message = OutboxMessage.objects.get()
    assert message.state == OutboxMessage.State.QUEUED
    assert message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at == NOW + timedelta(minutes=1)

    smtp_server.start()
    call_command("flush_outbox")  # not due yet
    assert smtp_server.messages == []

    clock.shift(timedelta(minutes=2))
    call_command("flush_outbox")
    call_command("flush_outbox")
    deliver.call(message.pk)

    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["To"] == "fatima@example.invalid"
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert message.attempts == 2
    assert message.last_error == ""
    assert message.next_attempt_at is None


def test_flush_all_sends_messages_that_are_not_due_yet(
    clock, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    message = queue_one(django_capture_on_commit_callbacks)
    assert message.next_attempt_at > NOW
    smtp_server.start()

    call_command("flush_outbox", "--all")

    assert len(smtp_server.messages) == 1
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT


def test_a_sent_message_is_not_sent_again(smtp_server, django_capture_on_commit_callbacks):
    message = queue_one(django_capture_on_commit_callbacks)
    assert message.state == OutboxMessage.State.SENT

    assert deliver.call(message.pk) == "skipped"
    deliver.enqueue(message.pk)
    call_command("flush_outbox", "--all")
    assert outbox.send_again(message) is False

    assert len(smtp_server.messages) == 1


def test_back_off_then_failed_after_max_attempts(
    clock, smtp_server, make_complaint, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    complaint = make_complaint()
    message = queue_one(django_capture_on_commit_callbacks, complaint=complaint)
    waits = []
    while message.state == OutboxMessage.State.QUEUED:
        waits.append(message.next_attempt_at - datetime.now(tz=NOW.tzinfo))
        clock.move_to(message.next_attempt_at)
        assert deliver.call(message.pk) in ("retry", "failed")
        message.refresh_from_db()

    minute, hour = timedelta(minutes=1), timedelta(hours=1)
    assert waits == [
        1 * minute,
        5 * minute,
        15 * minute,
        1 * hour,
        4 * hour,
        12 * hour,
        12 * hour,
        12 * hour,
        12 * hour,
    ]
    assert message.state == OutboxMessage.State.FAILED
    assert message.attempts == outbox.MAX_ATTEMPTS == 10
    assert message.next_attempt_at is None
    assert "ConnectionRefusedError" in message.last_error
    assert OutboxMessage.objects.filter(pk=message.pk).exists()  # stays visible
    event = complaint.events.get(action=Action.EMAIL_FAILED)
    assert "inwoner@example.invalid" in event.summary
    assert "(10 pogingen)" in event.summary

    smtp_server.start()
    call_command("flush_outbox", "--all")  # a failed message waits for a person
    assert smtp_server.messages == []


def test_an_early_task_leaves_the_message_to_the_planned_attempt(
    clock, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    message = queue_one(django_capture_on_commit_callbacks)
    smtp_server.start()

    assert deliver.call(message.pk) == "not_due"
    assert smtp_server.messages == []
    clock.move_to(message.next_attempt_at)
    assert deliver.call(message.pk) == "sent"


def test_next_attempt_is_enqueued_when_the_backend_can_wait(
    clock, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = deliver.get_backend()
    smtp_server.stop()
    message = queue_one(django_capture_on_commit_callbacks)
    [first] = backend.results
    assert (first.args, first.task.run_after) == ([message.pk], None)

    assert deliver.call(message.pk) == "retry"

    second = backend.results[-1]
    assert second.args == [message.pk]
    assert second.task.run_after == NOW + timedelta(minutes=1)
    message.refresh_from_db()
    assert second.task.run_after == message.next_attempt_at


def test_a_broken_message_fails_at_once_and_does_not_block_the_queue(
    clock, smtp_server, make_complaint, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    complaint = make_complaint()
    broken = queue_one(django_capture_on_commit_callbacks, complaint=complaint)
    fine = queue_one(django_capture_on_commit_callbacks, subject="Goed bericht")
    assert fine.state == OutboxMessage.State.QUEUED
    # A header with a line break can never be sent (Django refuses header injection).
    OutboxMessage.objects.filter(pk=broken.pk).update(subject="Kapot\nBcc: x@example.invalid")
    smtp_server.start()
    clock.shift(timedelta(minutes=1))

    call_command("flush_outbox")

    broken.refresh_from_db()
    assert broken.state == OutboxMessage.State.FAILED
    assert "BadHeaderError" in broken.last_error
    assert complaint.events.filter(action=Action.EMAIL_FAILED).exists()
    assert [m["Subject"] for m in smtp_server.messages] == ["Goed bericht"]


def test_queue_refuses_a_bad_address(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        outbox.queue(to="geen adres", subject="x", text="x")
