"""What a partner user may read: the forwards to their own partner, of complaints the
permission rules let them see (`complaints.selectors.visible_complaints`, which scopes a
partner user to complaints forwarded to their partner). Both conditions hold, so a user
who also has another role still sees only their partner's forwards here."""

from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from vangnet.complaints import selectors
from vangnet.complaints.models import Forward, Kind
from vangnet.complaints.workflow import OPEN_STATES

#: The list's status filter.
OPEN = "open"
REPLIED = "replied"
AWAITING = "awaiting"
OVERDUE = "overdue"

#: The list's sort orders (the first is the default).
ORDERINGS = {
    "-forwarded_on": ("-forwarded_on", "-pk"),
    "forwarded_on": ("forwarded_on", "pk"),
    "reply_due_on": ("reply_due_on", "pk"),
    "-reply_due_on": ("-reply_due_on", "-pk"),
}


def partner_forwards(user) -> QuerySet[Forward]:
    """The forwards to the user's partner, with what a list row shows (one query)."""
    if user.partner_id is None:
        return Forward.objects.none()
    return Forward.objects.filter(
        partner_id=user.partner_id,
        complaint__in=selectors.visible_complaints(user),
    ).select_related("complaint", "complaint__theme")


def filter_forwards(
    forwards: QuerySet[Forward], *, status: str = "", reference: str = "", today: date
) -> QuerySet[Forward]:
    """`status`: open (the complaint is open), replied, awaiting (no reply yet), overdue
    (no reply and the reply term has passed). `reference`: part of the reference."""
    if status == OPEN:
        forwards = forwards.filter(complaint__kind=Kind.COMPLAINT, complaint__state__in=OPEN_STATES)
    elif status == REPLIED:
        forwards = forwards.filter(replied_at__isnull=False)
    elif status == AWAITING:
        forwards = forwards.filter(replied_at__isnull=True)
    elif status == OVERDUE:
        forwards = forwards.filter(replied_at__isnull=True, reply_due_on__lt=today)
    reference = (reference or "").strip()
    if reference:
        forwards = forwards.filter(complaint__reference__icontains=reference)
    return forwards


def order_forwards(forwards: QuerySet[Forward], ordering: str) -> QuerySet[Forward]:
    return forwards.order_by(*ORDERINGS.get(ordering) or next(iter(ORDERINGS.values())))


def forward_for_complaint(user, complaint_pk: int) -> Forward:
    """The forward of complaint `complaint_pk` to the user's partner, or 404 (no
    difference between 'does not exist' and 'not forwarded to you')."""
    forward = (
        partner_forwards(user)
        .select_related("complaint__body", "partner")
        .filter(complaint_id=complaint_pk)
        .first()
    )
    if forward is None:
        raise Http404
    return forward
