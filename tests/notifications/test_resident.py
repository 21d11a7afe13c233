"""The resident hears by e-mail when the complaint is forwarded (the forward notice, a
letter, goes by e-mail when an address is known) or reopened (a short e-mail)."""

import pytest

from vangnet.handling.guard import perform
from vangnet.letters.models import Letter
from vangnet.letters.pdfs import store_pdf

from .conftest import deliver, text_of

pytestmark = pytest.mark.django_db

RESIDENT = "fatima@example.invalid"


def with_pdfs(complaint) -> None:
    """The PDFs the task would make after the commit (the e-mail waits for them)."""
    for letter in Letter.objects.filter(complaint=complaint, pdf=""):
        store_pdf(letter.pk, b"%PDF-1.7 test")


def test_reopening_emails_the_resident(staff, complaint, smtp_server):
    perform("withdraw", actor=staff.coordinator, complaint=complaint, data={"note": "Gebeld."})
    deliver(smtp_server)
    smtp_server.messages.clear()
    perform(
        "reopen",
        actor=staff.coordinator,
        complaint=complaint,
        data={"reason": "Interne reden: nieuw dossier gevonden."},
    )
    mail = deliver(smtp_server)
    [message] = mail[RESIDENT]
    assert message["Subject"] == f"Uw klacht {complaint.reference} is weer in behandeling"
    text = text_of(message)
    assert "/status/opnieuw/" in text
    assert "Interne reden" not in text  # the reason is for the file


def test_reopening_without_an_address_sends_nothing(staff, make_complaint, smtp_server):
    complaint = make_complaint(complainant_email="", preferred_contact="phone")
    perform("withdraw", actor=staff.coordinator, complaint=complaint, data={"note": "Brief."})
    perform("reopen", actor=staff.coordinator, complaint=complaint, data={"reason": "Fout."})
    assert RESIDENT not in deliver(smtp_server)


def test_forwarding_to_a_partner_emails_the_resident(staff, complaint, org, smtp_server):
    perform("forward", actor=staff.coordinator, complaint=complaint, data={"partner": org.partner})
    with_pdfs(complaint)
    mail = deliver(smtp_server)
    [message] = mail[RESIDENT]
    assert complaint.reference in message["Subject"] or complaint.reference in text_of(message)
    assert "Schuldhulp Samen" in text_of(message)


def test_forwarding_to_another_body_emails_the_resident(staff, complaint, smtp_server):
    perform(
        "forward_to_body",
        actor=staff.coordinator,
        complaint=complaint,
        data={"body_name": "Provincie Testland", "body_contact": "", "explanation": ""},
    )
    with_pdfs(complaint)
    mail = deliver(smtp_server)
    [message] = mail[RESIDENT]
    assert "Provincie Testland" in text_of(message)
