"""Closing a complaint invites the complainant to two questions, by e-mail through the
outbox (a real SMTP server here); only for closings whose handling can be judged, only
with an e-mail address, once per closing."""

import pytest
from django.db import transaction

from vangnet.complaints.models import Complaint, ContactPreference, Event, Kind
from vangnet.complaints.signals import complaint_closed
from vangnet.complaints.workflow import Outcome
from vangnet.core import tokens
from vangnet.letters import outbox
from vangnet.surveys import services
from vangnet.surveys.models import SurveyInvitation

from .conftest import BASE_URL, link_path, survey_messages

pytestmark = pytest.mark.django_db


def test_closing_sends_the_survey_through_a_real_mail_server(
    make_complaint, close, smtp_server, client
):
    complaint = close(make_complaint(), outcome=Outcome.PARTLY_WELL_FOUNDED)

    invitation = SurveyInvitation.objects.get(complaint=complaint)
    assert invitation.sent_to == "fatima@example.invalid"
    assert invitation.outcome == Outcome.PARTLY_WELL_FOUNDED
    assert (invitation.expires_at - invitation.created_at).days == 60
    assert invitation.answered_at is None

    outbox.flush()
    sent = [m for m in smtp_server.messages if complaint.reference in m["Subject"]]
    assert len(sent) == 1, [m["Subject"] for m in smtp_server.messages]
    email = sent[0]
    assert email["To"] == "fatima@example.invalid"
    assert email["Subject"] == (
        f"Wat vindt u van de behandeling van uw klacht {complaint.reference}?"
    )
    text = email.get_body(("plain",)).get_content()
    html = email.get_body(("html",)).get_content()
    assert f"{BASE_URL}/tevredenheid/" in text
    path = link_path(text)
    assert f'href="{BASE_URL}{path}"' in html
    # Only the hash is stored, never the token in the link.
    token = path.strip("/").split("/")[-1]
    assert invitation.token_hash == tokens.hash_token(token)
    assert not SurveyInvitation.objects.filter(token_hash=token).exists()

    page = client.get(path)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Hoe tevreden bent u over hoe wij uw klacht hebben behandeld?" in body
    assert "Wat kunnen wij beter doen?" in body
    assert complaint.reference in body

    event = Event.objects.get(complaint=complaint, action=services.SURVEY_SENT)
    assert event.actor is None
    assert "fatima@example.invalid" in event.summary


def test_the_representative_gets_it_when_the_complainant_gave_no_address(make_complaint, close):
    complaint = close(
        make_complaint(
            complainant_email="",
            preferred_contact=ContactPreference.LETTER,
            representative_name="Jan Jansen",
            representative_email="jan@example.invalid",
        )
    )
    assert survey_messages(complaint).get().to == "jan@example.invalid"


@pytest.mark.parametrize(
    "outcome",
    [Outcome.WITHDRAWN, Outcome.FORWARDED_TO_BODY, Outcome.NOT_HANDLED],
)
def test_no_survey_when_the_complaint_was_not_handled_here(make_complaint, close, outcome):
    complaint = close(make_complaint(), outcome=outcome)
    assert not SurveyInvitation.objects.filter(complaint=complaint).exists()
    assert not survey_messages(complaint).exists()


@pytest.mark.parametrize(
    "outcome",
    [
        Outcome.RESOLVED_INFORMALLY,
        Outcome.WELL_FOUNDED,
        Outcome.UNFOUNDED,
        Outcome.NO_JUDGMENT,
        Outcome.FORWARDED_TO_PARTNER,
    ],
)
def test_a_survey_after_every_handled_outcome(make_complaint, close, outcome):
    complaint = close(make_complaint(), outcome=outcome)
    assert survey_messages(complaint).count() == 1


def test_no_survey_without_an_email_address(make_complaint, close):
    complaint = close(
        make_complaint(complainant_email="", preferred_contact=ContactPreference.LETTER)
    )
    assert not SurveyInvitation.objects.filter(complaint=complaint).exists()
    assert not survey_messages(complaint).exists()


def test_no_survey_for_a_message_that_is_not_a_complaint(make_complaint, users):
    report = make_complaint(kind=Kind.REPORT, redirected_to="Meldpunt openbare ruimte")
    report.refresh_from_db()
    with transaction.atomic():
        complaint_closed.send(sender=Complaint, complaint=report, actor=users.coordinator)
    assert not SurveyInvitation.objects.filter(complaint=report).exists()


def test_one_invitation_per_closing(make_complaint, close, users):
    complaint = close(make_complaint())
    with transaction.atomic():  # the signal again for the same closing
        complaint_closed.send(sender=Complaint, complaint=complaint, actor=users.coordinator)
    assert SurveyInvitation.objects.filter(complaint=complaint).count() == 1
    assert survey_messages(complaint).count() == 1


def test_reopened_and_closed_again_invites_again_and_the_old_link_stops(
    make_complaint, close, reopen, client
):
    complaint = close(make_complaint())
    old_path = link_path(survey_messages(complaint).get().text)

    reopen(complaint)
    assert client.get(old_path).status_code == 404  # not closed any more: nothing to judge

    close(complaint, outcome=Outcome.WELL_FOUNDED)
    messages = list(survey_messages(complaint))
    assert len(messages) == 2
    new_path = link_path(messages[1].text)
    assert new_path != old_path
    assert client.get(new_path).status_code == 200
    assert client.get(old_path).status_code == 404
    open_now = [i for i in SurveyInvitation.objects.filter(complaint=complaint) if i.is_open()]
    assert [i.outcome for i in open_now] == [Outcome.WELL_FOUNDED]


def test_a_new_closing_ends_an_unanswered_link_even_without_the_reopen_hook(
    make_complaint, close, client
):
    complaint = close(make_complaint())
    old_path = link_path(survey_messages(complaint).get().text)
    # Reopened by a procedure that did not call complaint_reopened: only its event.
    from vangnet.complaints.events import Action, log

    log(complaint=complaint, actor=None, action=Action.REOPEN, summary="Heropend.")
    close(complaint)
    assert survey_messages(complaint).count() == 2
    assert client.get(old_path).status_code == 404
    assert sum(i.is_open() for i in SurveyInvitation.objects.filter(complaint=complaint)) == 1


def test_a_survey_that_cannot_be_sent_never_stops_the_closing(make_complaint, close):
    complaint = make_complaint()
    # An address the mail library refuses (stored by some older import, say).
    Complaint.objects.filter(pk=complaint.pk).update(complainant_email="niet een adres")
    complaint.refresh_from_db()

    close(complaint)

    complaint.refresh_from_db()
    assert complaint.state == "closed"
    assert not SurveyInvitation.objects.filter(complaint=complaint).exists()
    assert not Event.objects.filter(complaint=complaint, action=services.SURVEY_SENT).exists()


def test_nothing_is_sent_when_the_closing_rolls_back(make_complaint, users):
    complaint = make_complaint()

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        Complaint.objects.filter(pk=complaint.pk).update(
            state="closed", outcome=Outcome.UNFOUNDED, closed_on=complaint.received_on
        )
        complaint.refresh_from_db()
        complaint_closed.send(sender=Complaint, complaint=complaint, actor=users.coordinator)
        assert survey_messages(complaint).count() == 1
        raise Boom

    assert not survey_messages(complaint).exists()
    assert not SurveyInvitation.objects.filter(complaint=complaint).exists()
