"""A letter's PDF, made after the step that sent the letter.

Rendering a PDF (WeasyPrint, 0.2-0.5 s of CPU) does not belong in a procedure step,
whose transaction holds the complaint's row lock. `send_letter` stores the letter with
everything its PDF needs (the HTML, and the advice file a conclusion letter embeds) and
calls `request_pdf`; once the step has committed, the `letters.tasks.make_pdf` task
renders the PDF from exactly that and stores it on the letter (`make_pdf` here).

The letter's e-mail (and its copy for the person complained about) waits in the outbox
until then: `outbox.attempt_delivery` leaves a message whose letter has no PDF alone
(no attempt counted, no back-off), and when the PDF is stored its messages get it as
their attachment and their delivery is enqueued (`release`). A letter's e-mail never
leaves without its PDF.

When rendering fails, the error is kept on the letter (`pdf_error`; the complaint page
says so) and the e-mail keeps waiting. Making the PDF again is always safe: run the task
again (the admin's "PDF opnieuw maken"), or `make_letter_pdfs` for every letter still
without one. Two attempts at once store one PDF: the second finds it made."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _lazy

from . import outbox, rendering
from .models import Letter, OutboxMessage

logger = logging.getLogger(__name__)

#: Outcomes of `make_pdf`.
MADE = "made"
EXISTS = "exists"  # made before (another attempt was first); its e-mail released again
FAILED = "failed"
GONE = "gone"


def embedded_files(attachment) -> list[tuple[str, bytes, str]]:
    """The files embedded in a letter's PDF, as `rendering.render_pdf` takes them: the
    advisory committee's advice (Awb 9:15 lid 3), when it came as a file."""
    if attachment is None or not attachment.file:
        return []
    with attachment.file.open("rb") as stored:
        content = stored.read()
    with translation.override(settings.LANGUAGE_CODE):
        description = str(_lazy("Advies van de klachtadviescommissie"))
    return [(attachment.original_name, content, description)]


def request_pdf(letter: Letter) -> None:
    """Have the letter's PDF made once the caller's transaction commits."""
    letter_id = letter.pk
    transaction.on_commit(lambda: _enqueue(letter_id), robust=True)


def _enqueue(letter_id: int) -> None:
    """Enqueue the task, unless the PDF was made meanwhile (the demo makes its letters'
    PDFs itself, in the same transaction)."""
    from .tasks import make_pdf as make_pdf_task

    if Letter.objects.filter(pk=letter_id, pdf="").exists():
        make_pdf_task.enqueue(letter_id)


def make_pdf(letter_id: int) -> str:
    """Render the letter's PDF and store it, then release its waiting e-mail. Renders
    outside any transaction or lock; stores under the letter's row lock, so however many
    attempts run at once, one PDF is stored. When rendering or storing fails, the error
    is kept on the letter and FAILED returned (the e-mail keeps waiting)."""
    letter = Letter.objects.select_related("advice_file").filter(pk=letter_id).first()
    if letter is None:
        return GONE
    if letter.pdf:
        transaction.on_commit(lambda: release(letter_id), robust=True)
        return EXISTS
    try:
        content = rendering.render_pdf(letter.html, embedded_files(letter.advice_file))
        return store_pdf(letter_id, content)
    except Exception as error:  # WeasyPrint, the advice file, the storage: kept, shown
        logger.exception("The PDF of letter %s could not be made", letter_id)
        Letter.objects.filter(pk=letter_id, pdf="").update(
            pdf_error=f"{type(error).__name__}: {error}"[:2000]
        )
        return FAILED


@transaction.atomic
def store_pdf(letter_id: int, content: bytes) -> str:
    """Store `content` as the letter's PDF unless it has one already; its waiting
    messages get it as their attachment (shared, not copied) and are delivered after
    the commit. For a caller that rendered elsewhere (`rendering.render_pdf` on the
    letter's HTML and `embedded_files`). Returns MADE, EXISTS or GONE."""
    letter = Letter.objects.select_for_update().filter(pk=letter_id).first()
    if letter is None:
        return GONE
    transaction.on_commit(lambda: release(letter_id), robust=True)
    if letter.pdf:
        return EXISTS
    letter.pdf.save(f"{letter.kind}.pdf", ContentFile(content), save=False)
    letter.pdf_error = ""
    letter.save(update_fields=["pdf", "pdf_error"])
    OutboxMessage.objects.filter(letter=letter, attachment="").update(attachment=letter.pdf.name)
    return MADE


def release(letter_id: int) -> int:
    """Enqueue the delivery of the letter's queued e-mail (its PDF is there). Returns
    how many were enqueued."""
    waiting = OutboxMessage.objects.filter(
        letter_id=letter_id, state=OutboxMessage.State.QUEUED
    ).values_list("pk", flat=True)
    count = 0
    for message_id in list(waiting):
        outbox.schedule(message_id)
        count += 1
    return count


def make_again(letters: QuerySet[Letter]) -> int:
    """Have the PDF of those `letters` that have none made again (after a failure):
    their error is cleared and the task enqueued after the commit. Returns how many."""
    letter_ids = list(letters.filter(pdf="").values_list("pk", flat=True))
    Letter.objects.filter(pk__in=letter_ids).update(pdf_error="")
    for letter_id in letter_ids:
        transaction.on_commit(lambda pk=letter_id: _enqueue(pk), robust=True)
    return len(letter_ids)


def pending() -> QuerySet[Letter]:
    """Letters whose PDF is still to be made (or failed), oldest first."""
    return Letter.objects.filter(pdf="").order_by("created_at", "id")


def make_pending() -> dict[str, int]:
    """Make every missing PDF now, in this process (`make_letter_pdfs`). Returns a count
    per outcome."""
    counts = dict.fromkeys((MADE, EXISTS, FAILED, GONE), 0)
    for letter_id in list(pending().values_list("pk", flat=True)):
        counts[make_pdf(letter_id)] += 1
    return counts
