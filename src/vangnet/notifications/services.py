"""Telling staff: `notify` is the one way a notification is made.

Who hears of what (issue 13): the handler when a complaint is assigned to them; the
handler, or the coordinators when there is none, when the resident adds information or
withdraws, when a partner replies, when an e-mail about the complaint bounces and when
a deadline enters the warning window; the coordinators when a copy or letter could not
be sent. Only active staff of the municipality: never a partner user, never a user
without the handler's or coordinator's role, never the actor who caused it.

Each user chooses per kind how it reaches them (`Preference`, else `DEFAULT_DELIVERY`):
an e-mail at once (`mail.email_now`, through the outbox: it leaves after the caller's
transaction commits), in the daily digest (`digest.send_digests`), or only in the app.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet, Window
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.core.roles import Role

from .models import DEFAULT_DELIVERY, Delivery, Kind, Notification, Preference

STAFF_ROLES = (Role.HANDLER, Role.COORDINATOR)


def coordinators() -> QuerySet:
    """The active coordinators of the municipality (never a partner's user)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, partner__isnull=True, groups__name=Role.COORDINATOR)
        .distinct()
        .order_by("pk")
    )


def is_staff_recipient(user) -> bool:
    """Whether `user` may be told anything: active, the municipality's (no partner) and a
    handler or coordinator."""
    return bool(
        user is not None
        and user.is_active
        and user.partner_id is None
        and any(user.has_role(role) for role in STAFF_ROLES)
    )


def handler_or_coordinators(complaint) -> list:
    """The complaint's handler, or the coordinators when it has none (or an inactive
    one)."""
    handler = complaint.handler if complaint.handler_id else None
    if is_staff_recipient(handler):
        return [handler]
    return list(coordinators())


def delivery_for(user, kind: str) -> str:
    chosen = Preference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True)
    return chosen.first() or DEFAULT_DELIVERY[kind]


def preferences(user) -> dict[str, str]:
    """Every kind with the user's delivery (their choice or the default)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, DEFAULT_DELIVERY[kind]) for kind in Kind.values}


@transaction.atomic
def set_preferences(user, choices: dict[str, str]) -> dict[str, str]:
    """Store the user's choices (`kind → delivery`). Every error at once, per kind;
    nothing stored then."""
    errors = {}
    for kind, delivery in choices.items():
        if kind not in Kind.values:
            errors[kind] = _("Deze soort melding bestaat niet.")
        elif delivery not in Delivery.values:
            errors[kind] = _(
                "Kies: meteen per e-mail, in de dagelijkse samenvatting of alleen in Vangnet."
            )
    if errors:
        raise ValidationError(errors)
    for kind, delivery in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
    return preferences(user)


def notify(
    kind: str,
    *,
    complaint,
    text: str,
    recipients: Iterable | None = None,
    actor=None,
    email: dict | None = None,
    deadline: str = "",
    deadline_on=None,
) -> list[Notification]:
    """Tell the `recipients` (None: `handler_or_coordinators(complaint)`) about
    `complaint`: a notification each, and an e-mail at once to those who want that.
    Recipients who may not be told (`is_staff_recipient`) and the `actor` are left out.
    `text` is written in the register's language. `email` may give the immediate
    e-mail's own `subject`, `template` and `context` (default: the general one).
    Runs in the caller's transaction."""
    from .mail import email_now

    people = handler_or_coordinators(complaint) if recipients is None else list(recipients)
    made, seen = [], set()
    for user in people:
        if user.pk in seen or not is_staff_recipient(user):
            continue
        if actor is not None and user.pk == actor.pk:
            continue
        seen.add(user.pk)
        notification = Notification.objects.create(
            recipient=user,
            kind=kind,
            complaint=complaint,
            text=str(text),
            delivery=delivery_for(user, kind),
            deadline=deadline,
            deadline_on=deadline_on,
        )
        if notification.delivery == Delivery.IMMEDIATE and user.email:
            email_now(notification, **(email or {}))
        made.append(notification)
    return made


# --- Reading ------------------------------------------------------------------------------


def inbox(user) -> QuerySet[Notification]:
    """The user's notifications, newest first, with the complaint's reference."""
    if user is None or not user.is_authenticated:
        return Notification.objects.none()
    return (
        Notification.objects.filter(recipient=user)
        .select_related("complaint")
        .order_by("-created_at", "-id")
    )


def unread(user) -> QuerySet[Notification]:
    return inbox(user).filter(read_at__isnull=True)


def unread_count(user) -> int:
    return unread(user).count()


def mark_read(user, pk: int) -> Notification:
    """Mark the user's notification `pk` read (again: nothing changes). Someone else's
    or an unknown one: `Notification.DoesNotExist`."""
    notification = inbox(user).get(pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(user) -> int:
    return unread(user).update(read_at=timezone.now())


#: Unread notifications shown on "Mijn werk".
WORK_LATEST = 5


def work_summary(user) -> dict:
    """For "Mijn werk": the number of unread notifications and the latest few, in one
    query (the count rides along on every row)."""
    latest = list(unread(user).annotate(unread_total=Window(Count("id")))[:WORK_LATEST])
    return {"unread": latest[0].unread_total if latest else 0, "latest": latest}
