"""The outbox and letters in the admin: read-only lists and "send again"."""

import pytest
from django.urls import reverse

from vangnet.core.models import User
from vangnet.letters import outbox
from vangnet.letters.models import OutboxMessage
from vangnet.letters.services import send_acknowledgement

OUTBOX = reverse("admin:letters_outboxmessage_changelist")
LETTERS = reverse("admin:letters_letter_changelist")


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.invalid", "pw-123-456-789")


@pytest.fixture
def failed_message(smtp_server, make_complaint, django_capture_on_commit_callbacks):
    smtp_server.stop()
    complaint = make_complaint()
    with django_capture_on_commit_callbacks(execute=True):
        send_acknowledgement(complaint=complaint, status_url="https://x.invalid/s/1/")
    OutboxMessage.objects.update(
        state=OutboxMessage.State.FAILED, attempts=outbox.MAX_ATTEMPTS, next_attempt_at=None
    )
    smtp_server.start()
    return OutboxMessage.objects.get()


def test_outbox_list_shows_state_and_error(client, superuser, failed_message):
    client.force_login(superuser)
    page = client.get(OUTBOX).content.decode()
    assert "fatima@example.invalid" in page
    assert "Mislukt" in page
    assert "ConnectionRefusedError" in page
    detail = client.get(reverse("admin:letters_outboxmessage_change", args=[failed_message.pk]))
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content  # read-only


def test_send_again_delivers_a_failed_message(
    client, superuser, failed_message, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            OUTBOX, {"action": "send_now", "_selected_action": [failed_message.pk]}, follow=True
        )

    assert "1 e-mail staat weer in de wachtrij." in response.content.decode()
    assert len(smtp_server.messages) == 1
    failed_message.refresh_from_db()
    assert failed_message.state == OutboxMessage.State.SENT
    assert failed_message.attempts == 1

    # Again on a sent message: refused, nothing sent twice.
    response = client.post(
        OUTBOX, {"action": "send_now", "_selected_action": [failed_message.pk]}, follow=True
    )
    assert "was al verstuurd" in response.content.decode()
    assert len(smtp_server.messages) == 1


def test_letters_are_scoped_like_the_register(client, users, failed_message):
    client.force_login(users.coordinator)
    page = client.get(LETTERS)
    assert page.status_code == 200
    assert failed_message.complaint.reference in page.content.decode()
    # The coordinator watches failing e-mail (and sees the register's addresses anyway).
    assert client.get(OUTBOX).status_code == 200

    client.force_login(users.other_partner)
    assert client.get(LETTERS).status_code in (302, 403)
