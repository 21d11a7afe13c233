"""A copy the law requires (Awb 9:9 the complaint, 9:10 the hearing letters) that could
not be e-mailed for lack of an address: the step that should have sent it still
succeeds, and leaves an open task (`OpenTask`, "kopie nog niet verstuurd") until someone
records how the copy was sent (`handling/actions/record_copy.py`)."""

from .models import Complaint, OpenTask
from .signals import copy_not_sent


def leave_copy_task(
    *, complaint: Complaint, document: str, recipient: str, letter_id=None, actor=None
) -> OpenTask:
    """Open a task for the copy of `document` that `recipient` did not get, in the
    caller's transaction, and send `copy_not_sent`."""
    task = OpenTask.objects.create(
        complaint=complaint,
        kind=OpenTask.Kind.COPY_NOT_SENT,
        document=str(document)[:300],
        letter_id=letter_id,
        recipient=str(recipient)[:300],
    )
    copy_not_sent.send(sender=Complaint, complaint=complaint, task=task, actor=actor)
    return task


def open_tasks(complaint: Complaint):
    """The complaint's tasks still open, oldest first."""
    return complaint.tasks.filter(done_at__isnull=True).order_by("created_at", "id")


def copies_to_send(user, *, everyone: bool, limit: int) -> dict:
    """'Mijn werk': the open "kopie nog niet verstuurd" tasks of the complaints `user`
    handles (`everyone`: of every complaint the user sees, the coordinator's desk), also
    of closed complaints. {"rows": the first `limit`, "total": how many}."""
    from .selectors import visible_complaints

    complaints = visible_complaints(user)
    if not everyone:
        complaints = complaints.filter(handler=user)
    tasks = (
        OpenTask.objects.filter(done_at__isnull=True, complaint__in=complaints)
        .select_related("complaint")
        .order_by("created_at", "id")
    )
    rows = list(tasks[:limit])
    # One query unless the table is full (then the count says how many more).
    return {"rows": rows, "total": len(rows) if len(rows) < limit else tasks.count()}
