"""The acknowledgement of receipt (Awb 9:6): one template, rendered to an e-mail (HTML and
plain text) with an accessible PDF attached, kept on the complaint file and delivered
over a real SMTP conversation."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from vangnet.complaints.events import Action
from vangnet.complaints.models import ContactPreference, Kind, LightPathReason
from vangnet.letters.models import Letter, OutboxMessage
from vangnet.letters.services import send_acknowledgement
from vangnet.organisations.models import Ombudsman, SecondLineArrangement

from . import pdftext

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
STATUS_URL = "https://klachten.testwijk.invalid/status/abc123/"
# Registered on Tuesday 1 December 2026, received on Monday 30 November.
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)
RECEIVED = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(NOW, tick=False):
        yield


def acknowledge(complaint, capture):
    with capture(execute=True):
        letter = send_acknowledgement(complaint=complaint, status_url=STATUS_URL)
    letter.refresh_from_db()  # its PDF was made after the commit, by the task
    return letter


def test_acknowledgement_arrives_by_email_with_pdf(
    smtp_server, make_complaint, django_capture_on_commit_callbacks
):
    complaint = make_complaint(received_on=RECEIVED)
    assert complaint.first_contact_by == date(2026, 12, 3)
    assert complaint.decide_by == date(2027, 1, 11)

    letter = acknowledge(complaint, django_capture_on_commit_callbacks)

    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert smtp_server.envelopes == [("klachten@testwijk.invalid", ["fatima@example.invalid"])]
    assert message["To"] == "fatima@example.invalid"
    assert message["From"] == "klachten@testwijk.invalid"
    subject = f"Wij hebben uw klacht ontvangen (kenmerk {complaint.reference})"
    assert message["Subject"] == subject

    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(("html",)).get_content()
    for body in (text, html):
        assert complaint.reference in body
        assert "Beste Fatima de Vries," in body
        assert "maandag 30 november 2026" in body  # received
        assert "dinsdag 1 december 2026" in body  # the letter's date
        assert "Uiterlijk op donderdag 3 december 2026 neemt een medewerker" in body
        assert "Uiterlijk op maandag 11 januari 2027 krijgt u een brief" in body
        assert STATUS_URL in body
        assert "Nationale ombudsman" in body
        assert "Postbus 93122, 2509 AC Den Haag" in body
        assert "0800-3351" in body
        assert "één jaar nadat u ons antwoord heeft gekregen" in body
        assert "Mijn aanvraag voor schuldhulp is drie keer kwijtgeraakt." in body
        assert "lichte route" not in body
    assert '<html lang="nl">' in html
    assert f"<title>{subject}</title>" in html
    assert "<h1>Wij hebben uw klacht ontvangen</h1>" in html
    assert "<" not in text  # no markup left in the plain text
    assert f"Op deze pagina ziet u hoe het met uw klacht staat:\n{STATUS_URL}" in text

    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == f"ontvangstbevestiging-{complaint.reference}.pdf"
    pdf_bytes = attachment.get_content()
    pdf = pdftext.read(pdf_bytes)
    pdf_text = pdf.text()
    assert complaint.reference in pdf_text
    assert "donderdag 3 december 2026" in pdf_text
    assert "maandag 11 januari 2027" in pdf_text
    assert "Nationale ombudsman" in pdf_text
    assert STATUS_URL in pdf_text
    # PDF/UA-1: tagged, with the document's language and title.
    everything = pdf.everything
    assert b"/Lang (nl)" in everything
    assert b"/StructTreeRoot" in everything
    assert b"/MarkInfo <</Marked true>>" in everything
    assert b'pdfuaid:part="1"' in everything
    assert subject.encode() in everything  # dc:title
    assert b"/DisplayDocTitle true" in everything

    # On the complaint file, and on the timeline.
    assert list(complaint.letters.all()) == [letter]
    assert letter.kind == Letter.Kind.ACKNOWLEDGEMENT
    assert letter.subject == subject
    assert letter.sent_to == "fatima@example.invalid"
    assert complaint.reference in letter.html
    with letter.pdf.open("rb") as stored:
        assert stored.read() == pdf_bytes
    assert letter.pdf.name.startswith("letters/2026/")
    event = complaint.events.get(action=Action.LETTER_SENT)
    assert event.actor is None
    assert "Ontvangstbevestiging" in event.summary
    assert "fatima@example.invalid" in event.summary

    outgoing = OutboxMessage.objects.get()
    assert (outgoing.complaint, outgoing.letter) == (complaint, letter)
    assert outgoing.state == OutboxMessage.State.SENT
    assert outgoing.attempts == 1
    assert outgoing.sent_at is not None
    assert outgoing.attachment.name == letter.pdf.name  # shared, not copied


def test_goes_to_the_representative_when_the_complainant_has_no_email(
    smtp_server, make_complaint, django_capture_on_commit_callbacks
):
    complaint = make_complaint(
        received_on=RECEIVED,
        complainant_email="",
        preferred_contact=ContactPreference.PHONE,
        representative_name="Jan Jansen",
        representative_email="jan@example.invalid",
    )
    letter = acknowledge(complaint, django_capture_on_commit_callbacks)

    [message] = smtp_server.messages
    assert message["To"] == "jan@example.invalid"
    assert letter.sent_to == "jan@example.invalid"
    text = message.get_body(("plain",)).get_content()
    assert "Beste Jan Jansen," in text
    assert "U heeft deze klacht ingediend namens Fatima de Vries." in text
    assert "Uiterlijk op donderdag 3 december 2026 belt een medewerker u op." in text


def test_without_email_address_the_letter_is_stored_for_the_post(
    smtp_server, make_complaint, django_capture_on_commit_callbacks
):
    complaint = make_complaint(
        received_on=RECEIVED, complainant_email="", preferred_contact=ContactPreference.LETTER
    )
    letter = acknowledge(complaint, django_capture_on_commit_callbacks)

    assert letter.sent_to == "post"
    assert letter.by_post
    assert not OutboxMessage.objects.exists()
    assert smtp_server.messages == []
    # The printed letter carries the address for the envelope window.
    assert "Fatima de Vries<br>Kerkstraat 1<br>1234 AB Testwijk" in letter.html
    with letter.pdf.open("rb") as stored:
        pdf_text = pdftext.read(stored.read()).text()
    assert "Kerkstraat 1 1234 AB Testwijk" in pdf_text
    assert complaint.reference in pdf_text
    event = complaint.events.get(action=Action.LETTER_SENT)
    assert "post" in event.summary


def test_light_path_is_explained_kindly(
    smtp_server, make_complaint, django_capture_on_commit_callbacks
):
    complaint = make_complaint(
        received_on=RECEIVED, is_formal=False, light_path_reason=LightPathReason.ORAL
    )
    letter = acknowledge(complaint, django_capture_on_commit_callbacks)

    assert "Dat noemen wij de lichte route." in letter.html
    assert "De reden is: Mondeling ingediend." in letter.html
    assert "Wij helpen u graag om uw klacht compleet te maken." in letter.html
    assert "Uiterlijk op maandag 11 januari 2027" in letter.html


def test_ombudsman_is_the_body_s_current_one_on_the_letter_date(
    org, smtp_server, make_complaint, django_capture_on_commit_callbacks
):
    """The letter names the second line the body has on the day the letter is made (the
    one the complainant will go to), not the one of the day of receipt."""
    joint = Ombudsman.objects.create(
        name="Gezamenlijke Ombudsman Testregio",
        kind=Ombudsman.Kind.JOINT,
        address="Postbus 1, 1000 AA Regiostad",
        email="post@ombudsman-regio.invalid",
        petition_term_months=6,
    )
    SecondLineArrangement.objects.create(
        body=org.college, ombudsman=joint, effective_from=date(2026, 12, 2)
    )
    before = acknowledge(make_complaint(received_on=RECEIVED), django_capture_on_commit_callbacks)
    with time_machine.travel(datetime(2026, 12, 2, 9, 0, tzinfo=AMSTERDAM), tick=False):
        after = acknowledge(
            make_complaint(received_on=RECEIVED), django_capture_on_commit_callbacks
        )

    assert "Nationale ombudsman" in before.html
    assert "Gezamenlijke Ombudsman Testregio" not in before.html
    assert "Gezamenlijke Ombudsman Testregio" in after.html
    assert "Nationale ombudsman" not in after.html
    assert "post@ombudsman-regio.invalid" in after.html
    assert "Dat kan tot 6 maanden nadat u ons antwoord heeft gekregen." in after.html
    assert len(smtp_server.messages) == 2


def test_nothing_is_sent_when_the_registration_rolls_back(
    org, smtp_server, make_complaint, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        complaint = make_complaint(received_on=RECEIVED)
        send_acknowledgement(complaint=complaint, status_url=STATUS_URL)
        raise RuntimeError("the form failed after the letter was made")
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert not Letter.objects.exists()
    assert smtp_server.messages == []


def test_only_complaints_are_acknowledged(make_complaint):
    report = make_complaint(kind=Kind.REPORT, redirected_to="Meldingen openbare ruimte")
    with pytest.raises(ValueError):
        send_acknowledgement(complaint=report, status_url=STATUS_URL)
