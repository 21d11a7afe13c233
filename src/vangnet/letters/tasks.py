"""Background work of the letters app, run by the task worker (django-tasks)."""

from django_tasks import task

from . import outbox


@task()
def deliver(message_id: int) -> str:
    """Send one outbox message; on a mail-server error, plan the next attempt."""
    return str(outbox.attempt_delivery(message_id))
