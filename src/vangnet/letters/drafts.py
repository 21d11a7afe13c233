"""Letters that wait for sign-off, for the lists: the signer's ("Wacht op
ondertekening" on "Mijn werk", `GET /api/v1/approvals/`) and the handler's letters sent
back with a remark. The workflow is `vangnet.handling.signoff`."""

from django.db.models import QuerySet

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
    """What "Mijn werk" shows of sign-off, or None when there is nothing for `user`."""
    awaiting = awaiting_signoff(user)
    returned = returned_to(user)
    block = {
        "awaiting": list(awaiting[:limit]),
        "returned": list(returned[:limit]),
        "may_sign": signing_scope(user) is not None,
    }
    if not (block["awaiting"] or block["returned"] or block["may_sign"]):
        return None
    block["awaiting_total"] = awaiting.count()
    return block
