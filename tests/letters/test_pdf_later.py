"""A letter's PDF is made after the step that sent it (`letters/pdfs.py`): the step stores
the letter and returns without WeasyPrint, the task renders the PDF once the step has
committed, and the letter's e-mail waits in the outbox until then, then goes with the
PDF attached. A failed rendering shows on the letter and can be tried again."""

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from vangnet.complaints.models import Attachment, Postponement
from vangnet.complaints.workflow import Step
from vangnet.handling.guard import perform
from vangnet.letters import outbox, pdfs, rendering
from vangnet.letters.models import Letter, OutboxMessage
from vangnet.letters.services import send_letter
from vangnet.letters.tasks import deliver, make_pdf

from .test_letters import make_decision

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)
RECEIVED = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def complaint(make_complaint):
    return make_complaint(received_on=RECEIVED)


@pytest.fixture
def renders(monkeypatch):
    """Every call of the PDF renderer, which still renders."""
    calls = []
    real = rendering.render_pdf

    def spy(html, attachments=()):
        calls.append(html)
        return real(html, attachments)

    monkeypatch.setattr(rendering, "render_pdf", spy)
    return calls


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def acknowledge(complaint, users):
    return perform(Step.ACKNOWLEDGE, actor=users.coordinator, complaint=complaint).complaint


def extension_with_copy(org, complaint):
    org.dept_social.email = "werkeninkomen@testwijk.invalid"
    org.dept_social.save()
    complaint.refresh_from_db()
    postponement = Postponement.objects.create(
        complaint=complaint,
        kind=Postponement.Kind.EXTENSION,
        previous_due=date(2027, 1, 11),
        new_due=date(2027, 2, 8),
        reason="Wij wachten op het dossier van de partner.",
    )
    return send_letter(
        kind=Letter.Kind.EXTENSION,
        complaint=complaint,
        context={"postponement": postponement},
        copy_to_person_complained_about=True,
    )


def test_a_step_returns_before_the_pdf_is_made_and_the_email_carries_it(
    complaint, users, renders, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        acknowledge(complaint, users)

    # The step is done: the letter is on file, its e-mail queued, and no PDF was rendered.
    assert renders == []
    letter = complaint.letters.get()
    assert not letter.pdf and letter.pdf_pending and letter.pdf_error == ""
    message = OutboxMessage.objects.get()
    assert message.state == OutboxMessage.State.QUEUED
    assert not message.attachment
    assert message.attachment_name == f"ontvangstbevestiging-{complaint.reference}.pdf"
    assert smtp_server.messages == []

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:  # the step commits: the PDF task, then the e-mail
            callback()

    assert renders == [letter.html]
    letter.refresh_from_db()
    with letter.pdf.open("rb") as stored:
        stored_pdf = stored.read()
    [received] = smtp_server.messages
    assert received["To"] == "fatima@example.invalid"
    [attachment] = list(received.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == f"ontvangstbevestiging-{complaint.reference}.pdf"
    assert attachment.get_content() == stored_pdf
    text = pdf_text(attachment.get_content())
    assert complaint.reference in text
    assert "Beste Fatima de Vries," in text
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert message.attempts == 1
    assert message.attachment.name == letter.pdf.name  # shared, not copied


def test_the_outbox_waits_for_the_pdf(
    org, complaint, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # the PDF task is not run
        letter = extension_with_copy(org, complaint)
    original, copy = OutboxMessage.objects.order_by("pk")
    assert copy.subject.startswith("Kopie: ")

    # Neither the delivery task, nor a flush, nor a flush of everything sends them.
    assert deliver.call(original.pk) == outbox.Outcome.WAITING
    assert deliver.call(copy.pk) == outbox.Outcome.WAITING
    assert not any(outbox.flush().values())
    out = io.StringIO()
    call_command("flush_outbox", "--all", stdout=out)
    assert "waiting for their letter's PDF: 2" in out.getvalue()
    assert smtp_server.messages == []
    for message in (original, copy):
        message.refresh_from_db()
        # Waiting is not failing: no attempt counted, no back-off, no error.
        assert message.state == OutboxMessage.State.QUEUED
        assert (message.attempts, message.last_error) == (0, "")

    with django_capture_on_commit_callbacks(execute=True):
        assert make_pdf.call(letter.pk) == pdfs.MADE

    by_address = {message["To"]: message for message in smtp_server.messages}
    assert set(by_address) == {"fatima@example.invalid", "werkeninkomen@testwijk.invalid"}
    letter.refresh_from_db()
    with letter.pdf.open("rb") as stored:
        stored_pdf = stored.read()
    for received in by_address.values():  # the copy has the same PDF
        [attachment] = list(received.iter_attachments())
        assert attachment.get_content() == stored_pdf
    assert "maandag 8 februari 2027" in pdf_text(stored_pdf)
    for message in (original, copy):
        message.refresh_from_db()
        assert (message.state, message.attempts) == (OutboxMessage.State.SENT, 1)

    # Made twice, sent once.
    with django_capture_on_commit_callbacks(execute=True):
        assert make_pdf.call(letter.pk) == pdfs.EXISTS
    call_command("flush_outbox", "--all", stdout=io.StringIO())
    assert len(smtp_server.messages) == 2


def test_a_failed_pdf_shows_and_can_be_made_again(
    client, complaint, users, monkeypatch, smtp_server, django_capture_on_commit_callbacks
):
    def broken(html, attachments=()):
        raise RuntimeError("WeasyPrint ran out of memory")

    monkeypatch.setattr(rendering, "render_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        acknowledge(complaint, users)

    letter = complaint.letters.get()
    assert not letter.pdf
    assert letter.pdf_error == "RuntimeError: WeasyPrint ran out of memory"
    message = OutboxMessage.objects.get()
    assert (message.state, message.attempts) == (OutboxMessage.State.QUEUED, 0)
    assert smtp_server.messages == []  # never without its PDF

    client.force_login(users.coordinator)
    detail = reverse("backoffice:complaint_detail", args=[complaint.pk])
    download = reverse("backoffice:letter_download", args=[complaint.pk, letter.pk])
    html = client.get(detail).content.decode()
    assert "PDF maken mislukt" in html
    assert download not in html
    assert client.get(download).status_code == 404

    monkeypatch.undo()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("make_letter_pdfs", stdout=out)
    assert "made: 1" in out.getvalue()

    letter.refresh_from_db()
    assert letter.pdf and letter.pdf_error == ""
    [received] = smtp_server.messages
    [attachment] = list(received.iter_attachments())
    assert complaint.reference in pdf_text(attachment.get_content())
    html = client.get(detail).content.decode()
    assert download in html
    assert "PDF maken mislukt" not in html and "PDF wordt gemaakt" not in html
    assert client.get(download).status_code == 200


def test_the_complaint_page_says_the_pdf_is_being_made(
    client, complaint, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        acknowledge(complaint, users)
    letter = complaint.letters.get()
    client.force_login(users.coordinator)
    detail = reverse("backoffice:complaint_detail", args=[complaint.pk])
    download = reverse("backoffice:letter_download", args=[complaint.pk, letter.pk])

    html = client.get(detail).content.decode()
    assert "PDF wordt gemaakt" in html
    assert download not in html
    assert "Ontvangstbevestiging" in html
    assert client.get(download).status_code == 404
    with translation.override("en"):
        assert translation.gettext("PDF wordt gemaakt") == "PDF is being made"

    pdfs.make_pdf(letter.pk)
    html = client.get(detail).content.decode()
    assert download in html and "PDF wordt gemaakt" not in html


def test_the_conclusion_keeps_the_advice_file_the_task_embeds(
    complaint, renders, django_capture_on_commit_callbacks
):
    decision, advice = make_decision(complaint, advice_file=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        letter = send_letter(
            kind=Letter.Kind.CONCLUSION,
            complaint=complaint,
            context={"decision": decision, "advice": advice},
        )
    assert renders == []
    assert letter.advice_file == advice.attachment
    # A file added later is not the one the letter announced.
    Attachment.objects.create(
        complaint=complaint,
        file=ContentFile(b"%PDF-1.4 iets anders", name="anders.pdf"),
        original_name="anders.pdf",
        content_type="application/pdf",
        size=20,
    )
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    letter.refresh_from_db()
    with letter.pdf.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    assert reader.attachments == {"advies-commissie.pdf": [b"%PDF-1.4 advies van de commissie"]}


def test_the_admin_has_a_failed_pdf_made_again(
    client, complaint, users, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(rendering, "render_pdf", lambda html, attachments=(): 1 / 0)
    with django_capture_on_commit_callbacks(execute=True):
        acknowledge(complaint, users)
    letter = complaint.letters.get()
    assert letter.pdf_error.startswith("ZeroDivisionError")
    monkeypatch.undo()

    users.coordinator.user_permissions.add(Permission.objects.get(codename="change_outboxmessage"))
    client.force_login(users.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:letters_letter_changelist"),
            {"action": "make_pdf_again", "_selected_action": [letter.pk]},
            follow=True,
        )
    assert "De pdf van 1 brief wordt opnieuw gemaakt." in response.content.decode()
    letter.refresh_from_db()
    assert letter.pdf and letter.pdf_error == ""
