"""Letters that wait for sign-off, for the lists: the signer's ("Wacht op
ondertekening" on "Mijn werk", `GET /api/v1/approvals/`) and the handler's letters sent
back with a remark. The workflow is `vangnet.handling.signoff`."""

from django.db.models import Q, QuerySet

from vangnet.complaints.models import Complaint
from vangnet.complaints.permissions import signing_scope

from .models import Letter


def awaiting_signoff(user) -> QuerySet[Letter]:
    """The drafts `user` may sign (`complaints.sign_letter`), oldest first."""
    scope = signing_scope(user)
    if scope is None:
        return Letter.all_objects.none()
    return (
        Letter.all_objects.filter(
            status=Letter.Status.AWAITING_APPROVAL,
            complaint__in=Complaint.objects.filter(scope).values("pk"),
        )
        .select_related("complaint", "prepared_by")
        .defer("html")
        .order_by("created_at", "id")
    )


def returned_to(user) -> QuerySet[Letter]:
    """The drafts `user` prepared that a signer sent back, not prepared again yet."""
    if not (user and user.is_authenticated):
        return Letter.all_objects.none()
    return (
        Letter.all_objects.filter(status=Letter.Status.RETURNED, prepared_by=user)
        .select_related("complaint", "returned_by")
        .defer("html")
        .order_by("-returned_at", "-id")
    )


def work_block(user, *, limit: int) -> dict | None:
    """What "Mijn werk" shows of sign-off, or None when there is nothing for `user`. One
    query (both lists, at most `limit` rows each), a count only when there are more."""
    scope = signing_scope(user)
    mine = Q(status=Letter.Status.RETURNED, prepared_by=user) if user.is_authenticated else Q()
    wanted = Q(pk__in=[])
    if scope is not None:
        wanted |= Q(
            status=Letter.Status.AWAITING_APPROVAL,
            complaint__in=Complaint.objects.filter(scope).values("pk"),
        )
    if user.is_authenticated:
        wanted |= mine
    rows = list(
        Letter.all_objects.filter(wanted)
        .select_related("complaint", "prepared_by", "returned_by")
        .defer("html")
        .order_by("created_at", "id")[: limit * 2 + 1]
    )
    awaiting = [row for row in rows if row.status == Letter.Status.AWAITING_APPROVAL]
    returned = [row for row in rows if row.status == Letter.Status.RETURNED]
    if not (awaiting or returned or scope is not None):
        return None
    more = len(rows) > limit * 2 or len(awaiting) > limit
    return {
        "awaiting": awaiting[:limit],
        "awaiting_total": awaiting_signoff(user).count() if more else len(awaiting),
        "returned": returned[-limit:][::-1],  # the latest first
        "may_sign": scope is not None,
    }
