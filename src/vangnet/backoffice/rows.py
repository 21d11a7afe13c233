"""What the back office's complaint tables share: the page size and each open
complaint's urgency badge (overdue, due soon), computed from one window per request so a
table costs no query per row."""

from datetime import date

from django.conf import settings

from vangnet.complaints import deadlines
from vangnet.complaints.models import Complaint
from vangnet.core.roles import Role


def page_size() -> int:
    return settings.VANGNET["PAGE_SIZE"]


def with_urgency(complaints, window: tuple[date, date]) -> list[Complaint]:
    """The rows, each open complaint with its `urgency` (see `deadlines.urgency`)."""
    on, until = window
    rows = list(complaints)
    for complaint in rows:
        complaint.urgency = (
            deadlines.urgency(complaint.decide_by, on=on, due_soon_until=until)
            if complaint.is_complaint and complaint.is_open
            else None
        )
    return rows


def is_only_partner(user) -> bool:
    return user.has_role(Role.PARTNER) and not (
        user.has_role(Role.COORDINATOR) or user.has_role(Role.HANDLER)
    )
