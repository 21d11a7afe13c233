"""Background work of the letters app, run by the task worker (django-tasks)."""

from django_tasks import task

from . import outbox, pdfs


@task()
def deliver(message_id: int) -> str:
    """Send one outbox message; on a mail-server error, plan the next attempt."""
    return str(outbox.attempt_delivery(message_id))


@task()
def make_pdf(letter_id: int) -> str:
    """Make a letter's PDF after the step that sent it, then deliver its e-mail."""
    return pdfs.make_pdf(letter_id)
