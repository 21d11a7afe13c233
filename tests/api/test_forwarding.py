"""Forwarding to a partner through the API, the partner's reply, and closing after it."""

import re

import pytest

from vangnet.complaints.events import Action
from vangnet.complaints.models import Event, Forward
from vangnet.handling import forwarding
from vangnet.handling.guard import perform
from vangnet.letters.models import OutboxMessage

from .conftest import action_url, detail_url

pytestmark = pytest.mark.django_db

REPLY = {
    "action": "Wij hebben mevrouw gebeld en een nieuwe afspraak gemaakt.",
    "outcome": "resolved",
}


def reply_url(pk: int, slug: str) -> str:
    return action_url(pk, f"forwards/{slug}/reply")


@pytest.fixture
def complaint(users, make_complaint):
    complaint = make_complaint()
    perform("assign", actor=users.coordinator, complaint=complaint, data={"handler": users.handler})
    return complaint


@pytest.fixture
def forwarded(api, org, users, complaint):
    """Forwarded by the handler through the API to both partners."""
    client = api(users.handler)
    for slug in ("schuldhulp-samen", "afvalbedrijf"):
        response = client.post(
            action_url(complaint.pk, "forward"), {"partner": slug, "note": "Graag."}, format="json"
        )
        assert response.status_code == 201, response.json()
    return complaint


def test_forward_mails_the_partner_a_reply_link_on_this_site(api, org, users, forwarded):
    message = OutboxMessage.objects.get(to="klachten@schuldhulp.invalid")
    link = re.search(r"http://testserver/partner/antwoord/([A-Za-z0-9_-]+)/", message.text)
    assert link, message.text
    forward = forwarding.resolve_reply_token(link.group(1))
    assert forward is not None and forward.partner == org.partner

    data = api(users.handler).get(detail_url(forwarded.pk)).json()
    [first, second] = data["forwards"]
    assert first["sent_to"] == "klachten@schuldhulp.invalid"
    assert second["sent_to"] == ""  # no address: the portal only
    assert first["reply_due_on"] and first["replied_at"] is None
    assert first["reply_outcome"] is None
    assert "forward_notice" in [letter["kind"] for letter in data["letters"]]


def test_the_partner_user_replies_once(api, org, users, forwarded):
    client = api(users.partner)
    assert client.get(detail_url(forwarded.pk)).json()["allowed_actions"]["reply"] is True

    response = client.post(reply_url(forwarded.pk, "schuldhulp-samen"), REPLY, format="json")

    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["partner"]["slug"] == "schuldhulp-samen"
    assert data["reply_outcome"] == "resolved"
    assert data["reply_action"] == REPLY["action"]
    assert data["replied_by_name"] == "Partneruser"
    assert data["replied_at"]
    assert Event.objects.filter(complaint=forwarded, action=Action.PARTNER_REPLIED).count() == 1
    assert client.get(detail_url(forwarded.pk)).json()["allowed_actions"]["reply"] is False

    again = client.post(reply_url(forwarded.pk, "schuldhulp-samen"), REPLY, format="json")
    assert again.status_code == 409
    assert "al geantwoord" in again.json()["detail"]

    # The municipality reads the reply on the complaint, and may now close it.
    handler = api(users.handler)
    forwards = handler.get(detail_url(forwarded.pk)).json()["forwards"]
    assert forwards[0]["reply_outcome"] == "resolved"
    response = handler.post(
        action_url(forwarded.pk, "close-forwarded"), {"note": "Opgelost."}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["outcome"] == "forwarded_to_partner"


@pytest.mark.parametrize(
    ("role", "slug", "expected"),
    [
        (None, "schuldhulp-samen", 401),
        ("coordinator", "schuldhulp-samen", 403),  # the municipality does not reply for it
        ("handler", "schuldhulp-samen", 403),
        ("partner", "afvalbedrijf", 403),  # another partner's forward
        ("partner", "nope", 404),
        ("other_partner", "afvalbedrijf", 404),  # …cannot see the complaint at all yet
        ("viewer", "schuldhulp-samen", 404),
    ],
)
def test_who_may_not_reply(api, org, users, forwarded, role, slug, expected):
    if role == "other_partner":
        Forward.objects.filter(partner=org.other_partner).delete()
    user = getattr(users, role) if role else None

    response = api(user).post(reply_url(forwarded.pk, slug), REPLY, format="json")

    assert response.status_code == expected
    assert not Forward.objects.filter(complaint=forwarded, replied_at__isnull=False).exists()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"action", "outcome"}),
        ({"action": "  ", "outcome": "resolved"}, {"action"}),
        ({"action": "Gebeld.", "outcome": "happy"}, {"outcome"}),
    ],
)
def test_bad_reply_input(api, users, forwarded, body, fields):
    response = api(users.partner).post(
        reply_url(forwarded.pk, "schuldhulp-samen"), body, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()) == fields
    assert not Forward.objects.filter(complaint=forwarded, replied_at__isnull=False).exists()
