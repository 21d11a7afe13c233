"""Fixtures for the forward-to-partner route: staff with e-mail addresses, a partner
with a reply term, and `forward(...)`, which forwards through the action and hands back
the reply token it e-mailed (the test reads it from the link in the e-mail, as the
partner does)."""

import re

import pytest
from django.urls import reverse

from tests.smtp import smtp_server  # noqa: F401  (fixture)
from vangnet.handling.guard import perform
from vangnet.letters.models import OutboxMessage

BASE = "http://testserver"
REPLY_LINK = re.compile(re.escape(BASE) + r"/partner/antwoord/([A-Za-z0-9_-]+)/")


def reply_path(token: str) -> str:
    return reverse("partnerportal:reply", args=[token])


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Letters (the forward notice to the complainant) are written to a fresh folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VANGNET = {**settings.VANGNET, "BASE_URL": BASE}
    return settings.MEDIA_ROOT


@pytest.fixture
def staff(org, users):
    """The `users` with e-mail addresses, and a second coordinator."""
    from tests.conftest import make_user
    from vangnet.core.roles import Role

    users.coordinator.email = "coordinator@testwijk.invalid"
    users.coordinator.save()
    users.handler.email = "handler@testwijk.invalid"
    users.handler.save()
    users.partner.email = "medewerker@schuldhulp.invalid"
    users.partner.save()
    users.second_coordinator = make_user(
        "coordinator2", Role.COORDINATOR, email="coordinator2@testwijk.invalid"
    )
    org.partner.forward_email = "doorsturen@schuldhulp.invalid"
    org.partner.complaint_phone = "0123-11 22 33"
    org.partner.reply_term_working_days = 10
    org.partner.save()
    return users


@pytest.fixture
def forward(org, staff):
    """`forward(complaint, partner=None, actor=None, note="")` -> (Forward, token)."""

    def make(complaint, partner=None, actor=None, note=""):
        made = perform(
            "forward",
            actor=actor or staff.coordinator,
            complaint=complaint,
            data={"partner": partner or org.partner, "note": note},
        ).record
        sent = OutboxMessage.objects.filter(complaint=complaint, to=made.sent_to).last()
        link = REPLY_LINK.search(sent.text) if made.sent_to and sent else None
        return made, (link.group(1) if link else None)

    return make


def mails_to(server, address: str) -> list:
    return [message for message in server.messages if message["To"] == address]


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")
