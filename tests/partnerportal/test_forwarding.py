"""The services of `vangnet.complaints.forwarding`: forwarding a complaint to a partner
(reply term in working days, only a hash of the reply token, the e-mail to the partner
and the notice to the complainant), resolving reply tokens, and the partner's reply
(validation per field, once only, who may reply, who hears of it)."""

import hashlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from vangnet.complaints import selectors
from vangnet.complaints.events import Action
from vangnet.complaints.models import Complaint, Event, Forward, PartnerOutcome, SubjectType
from vangnet.complaints.workflow import Outcome, State
from vangnet.handling import forwarding
from vangnet.handling.guard import perform
from vangnet.letters import outbox, pdfs
from vangnet.letters.models import Letter, OutboxMessage

from .conftest import BASE, mails_to, reply_path, text_of

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Monday 16 March 2026; 10 working days later (no holiday in between) is Monday 30 March.
NOW = datetime(2026, 3, 16, 10, 0, tzinfo=AMSTERDAM)
PARTNER_ADDRESS = "doorsturen@schuldhulp.invalid"
COMPLAINANT = "fatima@example.invalid"


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def complaint(org, staff, make_complaint):
    made = make_complaint(
        subject_type=SubjectType.PARTNER,
        partner=org.partner,
        department=None,
        description="De schuldhulpverlener kwam drie keer niet opdagen.",
        desired_outcome="Een nieuwe afspraak en excuses.",
    )
    return made


def events(complaint, action):
    return list(Event.objects.filter(complaint=complaint, action=action).order_by("id"))


# --- Forward ------------------------------------------------------------------------------


def test_forward_keeps_only_a_hash_sets_the_term_and_mails_partner_and_complainant(
    smtp_server, complaint, forward, staff
):
    made, token = forward(complaint, note="Bel mevrouw liefst 's ochtends.")

    made.refresh_from_db()
    assert made.forwarded_on == date(2026, 3, 16)
    assert made.reply_due_on == date(2026, 3, 30)  # 10 working days, counted by hand
    assert made.sent_to == PARTNER_ADDRESS
    assert made.forwarded_by == staff.coordinator
    assert len(token) >= 43
    assert made.reply_token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(getattr(made, f.attname)) for f in Forward._meta.concrete_fields]
    assert not any(token in value for value in stored)
    assert forwarding.resolve_reply_token(token) == made

    [event] = events(complaint, Action.FORWARDED)
    assert event.actor == staff.coordinator
    assert "Doorgestuurd naar Schuldhulp Samen" in event.summary
    assert PARTNER_ADDRESS in event.summary
    assert "30 maart 2026" in event.summary

    pdfs.make_pending()  # the forward notice's PDF: the on-commit task, run here
    outbox.flush()
    [to_partner] = mails_to(smtp_server, PARTNER_ADDRESS)
    assert to_partner["Subject"] == (
        f"Klacht {complaint.reference} doorgestuurd door Gemeente Testwijk"
    )
    text = text_of(to_partner)
    html = to_partner.get_body(("html",)).get_content()
    for body in (text, html):
        assert "De schuldhulpverlener kwam drie keer niet opdagen." in body
        assert "Een nieuwe afspraak en excuses." in body
        assert "Bel mevrouw liefst" in body
        assert "Fatima de Vries" in body
        assert "06-12345678" in body
        assert COMPLAINANT in body
        assert "Kerkstraat 1" in body
        assert "maandag 30 maart 2026" in body
        assert "blijft verantwoordelijk" in body
        assert BASE + reply_path(token) in body
    assert "<" not in text

    # The complainant is told where the complaint went (the forward notice letter).
    letter = Letter.objects.get(complaint=complaint, kind="forward_notice")
    assert letter.sent_to == COMPLAINANT
    [notice] = mails_to(smtp_server, COMPLAINANT)
    assert "Schuldhulp Samen" in text_of(notice)
    assert "0123-11 22 33" in text_of(notice)  # how to reach the partner


def test_forward_without_partner_address_is_for_the_portal_only(
    smtp_server, org, users, staff, complaint, forward
):
    assert org.other_partner.forward_address == ""
    made, token = forward(complaint, partner=org.other_partner)

    assert token is None
    assert made.sent_to == ""
    assert made.reply_token_hash == ""
    assert made.reply_due_on == date(2026, 3, 30)
    [event] = events(complaint, Action.FORWARDED)
    assert "Geen e-mail verstuurd" in event.summary
    assert "partnerportaal" in event.summary
    assert selectors.visible_complaints(users.other_partner).filter(pk=complaint.pk).exists()
    pdfs.make_pending()  # the forward notice's PDF: the on-commit task, run here
    outbox.flush()
    assert [m["To"] for m in smtp_server.messages] == [COMPLAINANT]  # only the notice


def test_forward_refusals_change_nothing(org, users, staff, complaint, forward, make_complaint):
    org.partner.refresh_from_db()

    def refused(expected_field, **kwargs):
        before_events = Event.objects.count()
        before_mail = OutboxMessage.objects.count()
        with pytest.raises(ValidationError) as error:
            forward(complaint, **kwargs)
        assert expected_field in error.value.message_dict
        assert Event.objects.count() == before_events
        assert OutboxMessage.objects.count() == before_mail
        return " ".join(error.value.message_dict[expected_field])

    org.other_partner.is_active = False
    org.other_partner.save()
    assert "actieve samenwerkingspartner" in refused("partner", partner=org.other_partner)
    assert "10.000 tekens" in refused("note", note="x" * 10_001)

    forward(complaint)
    assert "al naar Schuldhulp Samen gestuurd" in refused("partner")
    assert Forward.objects.filter(complaint=complaint).count() == 1

    for user in (users.viewer, users.other_handler, users.partner):
        with pytest.raises(PermissionDenied):
            forward(make_complaint(), actor=user)

    closed = make_complaint()
    Complaint.objects.filter(pk=closed.pk).update(
        state=State.CLOSED, closed_on=date(2026, 3, 16), outcome=Outcome.WITHDRAWN
    )
    with pytest.raises(ValidationError) as error:
        forward(closed)
    assert "afgesloten klacht" in error.value.message_dict["partner"][0]
    assert not Forward.objects.filter(complaint=closed).exists()


def test_resolve_reply_token_refuses_anything_but_a_current_token(complaint, forward):
    made, token = forward(complaint)
    assert forwarding.resolve_reply_token(token) == made
    for wrong in (None, 123, "", "short", "x" * 43, "!" * 43, token + "x", token[:-1] + "?"):
        assert forwarding.resolve_reply_token(wrong) is None, wrong


# --- The reply ----------------------------------------------------------------------------


def test_reply_errors_per_field_all_at_once_and_nothing_stored(complaint, forward):
    made, _ = forward(complaint)
    with pytest.raises(ValidationError) as error:
        perform(
            "partner_reply",
            actor=None,
            complaint=made.complaint,
            data={"forward": made, "name": "  ", "action": " ", "outcome": "maybe"},
        )
    errors = error.value.message_dict
    assert errors == {
        "name": ["Vul uw naam in, zodat de gemeente weet wie antwoordt."],
        "action": ["Schrijf wat uw organisatie met de klacht heeft gedaan."],
        "outcome": ["Kies wat de uitkomst is."],
    }
    with pytest.raises(ValidationError) as error:
        perform(
            "partner_reply",
            actor=None,
            complaint=made.complaint,
            data={
                "forward": made,
                "name": "x" * 151,
                "action": "a" * 10_001,
                "outcome": PartnerOutcome.RESOLVED,
            },
        )
    assert error.value.message_dict == {
        "name": ["Uw naam mag hoogstens 150 tekens zijn."],
        "action": ["Uw tekst is 10.001 tekens. Dat mag hoogstens 10.000 zijn."],
    }
    made.refresh_from_db()
    assert made.replied_at is None and made.reply_action == ""
    assert not events(complaint, Action.PARTNER_REPLIED)


def test_reply_through_the_link_once_only(smtp_server, staff, complaint, forward):
    made, token = forward(complaint)
    perform(
        "partner_reply",
        actor=None,
        complaint=made.complaint,
        data={
            "forward": made,
            "name": " Jan Jansen ",
            "action": "Wij hebben mevrouw gebeld en een nieuwe afspraak gemaakt.",
            "outcome": PartnerOutcome.RESOLVED,
        },
    )
    made.refresh_from_db()
    assert made.replied_at == NOW
    assert made.replied_by is None
    assert made.replied_by_name == "Jan Jansen"
    assert made.reply_outcome == PartnerOutcome.RESOLVED
    [event] = events(complaint, Action.PARTNER_REPLIED)
    assert event.actor is None
    assert "Schuldhulp Samen heeft teruggekoppeld (Jan Jansen, via de antwoordlink)" in (
        event.summary
    )
    assert "Uitkomst: Opgelost met de indiener." in event.summary
    assert "nieuwe afspraak gemaakt" in event.summary
    # The link still resolves: the page shows what was sent.
    assert forwarding.resolve_reply_token(token) == made

    with pytest.raises(ValidationError) as error:
        perform(
            "partner_reply",
            actor=None,
            complaint=made.complaint,
            data={
                "forward": made,
                "name": "Piet",
                "action": "Nog iets.",
                "outcome": PartnerOutcome.UNFOUNDED,
            },
        )
    assert "al geantwoord op 16 maart 2026" in error.value.message_dict["forward"][0]
    made.refresh_from_db()
    assert made.replied_by_name == "Jan Jansen"
    assert len(events(complaint, Action.PARTNER_REPLIED)) == 1


def test_partner_user_replies_under_their_own_name_only_for_their_partner(
    org, users, staff, complaint, forward
):
    to_partner, _ = forward(complaint)
    to_other, _ = forward(complaint, partner=org.other_partner)
    for actor, target in (
        (users.other_partner, to_partner),  # another partner's forward
        (users.partner, to_other),  # same complaint, but not forwarded to this user's partner
        (users.coordinator, to_partner),  # staff do not reply for the partner
    ):
        with pytest.raises(PermissionDenied):
            perform(
                "partner_reply",
                actor=actor,
                complaint=target.complaint,
                data={"forward": target, "action": "Gedaan.", "outcome": PartnerOutcome.RESOLVED},
            )

    perform(
        "partner_reply",
        actor=users.partner,
        complaint=to_partner.complaint,
        data={
            "forward": to_partner,
            "name": "ignored",
            "action": "Gesprek gehad.",
            "outcome": PartnerOutcome.HANDLED_BY_OWN_PROCEDURE,
        },
    )
    to_partner.refresh_from_db()
    assert to_partner.replied_by == users.partner
    assert to_partner.replied_by_name == "Partneruser"
    [event] = events(complaint, Action.PARTNER_REPLIED)
    assert event.actor == users.partner
    assert "in het partnerportaal" in event.summary
    to_other.refresh_from_db()
    assert to_other.replied_at is None


def test_reply_mails_the_handler(smtp_server, staff, complaint, forward):

    perform("assign", actor=staff.coordinator, complaint=complaint, data={"handler": staff.handler})
    made, _ = forward(complaint)
    outbox.flush()
    smtp_server.messages.clear()

    perform(
        "partner_reply",
        actor=None,
        complaint=made.complaint,
        data={
            "forward": made,
            "name": "Jan",
            "action": "Opgelost.",
            "outcome": PartnerOutcome.RESOLVED,
        },
    )
    outbox.flush()
    assert [m["To"] for m in smtp_server.messages] == ["handler@testwijk.invalid"]
    [message] = smtp_server.messages
    assert message["Subject"] == (
        f"Schuldhulp Samen heeft geantwoord over klacht {complaint.reference}"
    )
    text = text_of(message)
    assert "Opgelost met de indiener" in text
    assert f"{BASE}/backoffice/klachten/{complaint.pk}/" in text
    assert "U bent de behandelaar" in text


def test_reply_without_handler_mails_the_coordinators(smtp_server, staff, complaint, forward):
    made, _ = forward(complaint)
    outbox.flush()
    smtp_server.messages.clear()
    perform(
        "partner_reply",
        actor=None,
        complaint=made.complaint,
        data={
            "forward": made,
            "name": "Jan",
            "action": "Opgelost.",
            "outcome": PartnerOutcome.UNFOUNDED,
        },
    )
    outbox.flush()
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "coordinator2@testwijk.invalid",
        "coordinator@testwijk.invalid",
    ]
    assert "nog geen behandelaar" in text_of(smtp_server.messages[0])
