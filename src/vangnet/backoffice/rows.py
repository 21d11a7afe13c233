"""What the back office's complaint tables share: the page size and each open
complaint's urgency badge (overdue, due soon), computed from one window per request so a
table costs no query per row."""

from datetime import date

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vangnet.complaints import deadlines
from vangnet.complaints.models import Complaint
from vangnet.core.roles import Role


def page_size() -> int:
    return settings.VANGNET["PAGE_SIZE"]


#: What each deadline is called next to its date.
DEADLINE_LABELS = {
    "decide_by": _("afhandelen"),
    "acknowledge_by": _("ontvangst bevestigen"),
    "first_contact_by": _("eerste contact"),
}


def with_urgency(complaints, window: tuple[date, date]) -> list[Complaint]:
    """The rows, each open complaint with its `urgency` (see `deadlines.urgency`) from
    its soonest deadline still to meet, and that deadline (`next_due`, `next_due_label`):
    the same rule as the lists' `selectors.overdue` and `due_soon`."""
    on, until = window
    rows = list(complaints)
    for complaint in rows:
        found = deadlines.next_deadline(complaint) if complaint.is_complaint else None
        complaint.next_due = found[1] if found else None
        complaint.next_due_label = DEADLINE_LABELS[found[0]] if found else ""
        complaint.urgency = (
            deadlines.urgency(complaint.next_due, on=on, due_soon_until=until) if found else None
        )
    return rows


def is_only_partner(user) -> bool:
    return user.has_role(Role.PARTNER) and not (
        user.has_role(Role.COORDINATOR) or user.has_role(Role.HANDLER)
    )
