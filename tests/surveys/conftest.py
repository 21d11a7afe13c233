"""Fixtures for the satisfaction survey. Closing a complaint is simulated as the
procedure does it: state, outcome and date set, then `complaint_closed` sent inside the
transaction. Reopening likewise: the REOPEN event, then `complaint_reopened` sent."""

import re

import pytest
from django.db import transaction

from tests.smtp import smtp_server  # noqa: F401  (fixture)
from vangnet.complaints import deadlines
from vangnet.complaints.events import Action, RecordText, log
from vangnet.complaints.models import Complaint
from vangnet.complaints.signals import complaint_closed, complaint_reopened
from vangnet.complaints.workflow import Outcome, State
from vangnet.letters.models import OutboxMessage

BASE_URL = "https://klachten.testwijk.invalid"
LINK = re.compile(re.escape(BASE_URL) + r"(/tevredenheid/[A-Za-z0-9_-]+/)")


@pytest.fixture(autouse=True)
def survey_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VANGNET = {**settings.VANGNET, "BASE_URL": BASE_URL}


@pytest.fixture
def close(users):
    """`close(complaint, outcome=..., actor=...)`: close it as the procedure would."""

    def close(complaint, outcome=Outcome.UNFOUNDED, actor=None):
        with transaction.atomic():
            Complaint.objects.filter(pk=complaint.pk).update(
                state=State.CLOSED, outcome=outcome, closed_on=deadlines.today()
            )
            complaint.refresh_from_db()
            complaint_closed.send(
                sender=Complaint, complaint=complaint, actor=actor or users.coordinator
            )
        return complaint

    return close


@pytest.fixture
def reopen(users):
    """`reopen(complaint)`: reopen it as the procedure's reopen step would."""

    def reopen(complaint, actor=None):
        actor = actor or users.coordinator
        with transaction.atomic():
            Complaint.objects.filter(pk=complaint.pk).update(
                state=State.IN_PROGRESS, outcome="", closed_on=None
            )
            complaint.refresh_from_db()
            log(
                complaint=complaint,
                actor=actor,
                action=Action.REOPEN,
                summary=RecordText("Heropend."),
            )
            complaint_reopened.send(
                sender=Complaint, complaint=complaint, actor=actor, reason="Heropend."
            )
        return complaint

    return reopen


def survey_messages(complaint=None):
    messages = OutboxMessage.objects.filter(subject__startswith="Wat vindt u van de behandeling")
    if complaint is not None:
        messages = messages.filter(complaint=complaint)
    return messages.order_by("id")


def link_path(text: str) -> str:
    """The survey page's path from the absolute link in an e-mail."""
    match = LINK.search(text)
    assert match, f"no survey link in: {text!r}"
    return match.group(1)


@pytest.fixture
def invited(make_complaint, close):
    """A closed complaint with its survey invitation; returns (complaint, path)."""
    complaint = close(make_complaint())
    message = survey_messages(complaint).get()
    return complaint, link_path(message.text)
