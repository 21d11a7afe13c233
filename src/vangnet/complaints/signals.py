"""When the working calendar or the policy terms change, open complaints' deadlines
are recomputed by the task worker (after the change is committed)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from vangnet.core.models import DecreeDay
from vangnet.organisations.models import Municipality

#: Sent by the procedure (inside its transaction) when a complaint is closed, with
#: `complaint` (already saved, state closed, with its outcome) and `actor` (None: the
#: complainant, or the system). Receivers that send something use `on_commit`.
complaint_closed = Signal()
#: Sent by the procedure when a coordinator reopens a closed complaint (`complaint`,
#: `actor`, `reason`), inside the transaction.
complaint_reopened = Signal()
#: Sent (inside the transaction) when a copy the law requires (Awb 9:9, 9:10) could not
#: be sent for lack of an address: an open task was left (`complaint`, `task`, `actor`).
copy_not_sent = Signal()


def _enqueue_recompute(**kwargs) -> None:
    if kwargs.get("raw"):
        return  # loading fixtures

    def enqueue() -> None:
        from .tasks import recompute_open_deadlines

        recompute_open_deadlines.enqueue()

    transaction.on_commit(enqueue)


receiver(post_save, sender=DecreeDay, dispatch_uid="decree_day_saved")(_enqueue_recompute)
receiver(post_delete, sender=DecreeDay, dispatch_uid="decree_day_deleted")(_enqueue_recompute)
receiver(post_save, sender=Municipality, dispatch_uid="policy_saved")(_enqueue_recompute)
