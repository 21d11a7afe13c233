"""Staff with e-mail addresses, a complaint, and helpers to read who was told what."""

import pytest

from tests.smtp import smtp_server  # noqa: F401  (the fixture)
from vangnet.letters import outbox
from vangnet.notifications.models import Notification


@pytest.fixture
def staff(users):
    for user in (users.coordinator, users.handler, users.other_handler, users.partner):
        user.email = f"{user.username}@testwijk.invalid"
        user.save(update_fields=["email"])
    return users


@pytest.fixture
def complaint(staff, make_complaint):
    return make_complaint()


def told(user, kind=None) -> list[Notification]:
    """The user's notifications (of `kind`), oldest first."""
    rows = Notification.objects.filter(recipient=user).order_by("created_at", "id")
    return list(rows.filter(kind=kind) if kind else rows)


def nobody_else(users, kind, *told_users) -> None:
    """Nobody but `told_users` has a notification of `kind` (a partner user or another
    handler never)."""
    recipients = set(Notification.objects.filter(kind=kind).values_list("recipient", flat=True))
    assert recipients == {u.pk for u in told_users}
    assert users.partner.pk not in recipients
    assert users.other_handler.pk not in recipients


def deliver(server) -> dict[str, list]:
    """Send what the outbox holds; what arrived, by recipient."""
    outbox.flush()
    by_recipient: dict[str, list] = {}
    for message in server.messages:
        by_recipient.setdefault(message["To"], []).append(message)
    return by_recipient


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")
