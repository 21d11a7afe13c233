"""The daily job that tells the handler (or the coordinators) when a deadline of an
open complaint enters the warning window, once per complaint per deadline (a deadline
that moves, say by an extension, is warned of again at its new date).

The deadlines are those the screens count as "verloopt binnenkort" (the same rule:
`deadlines.open_deadlines`, `selectors.deadline_before`): the decision's always, the
acknowledgement's while the complaint is received, the first contact's until a contact
is logged; each is told when it falls within the policy's window
(`deadlines.due_soon_until`), or later when the job did not run then."""

from datetime import date

from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines, selectors
from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Complaint
from vangnet.core import workdays
from vangnet.core.dates import lazy_long_date
from vangnet.organisations.models import Municipality

from .models import Kind, Notification
from .services import notify

TEXTS = {
    "decide_by": _lazy("De klacht moet uiterlijk %(due)s zijn afgehandeld (Awb 9:11)."),
    "acknowledge_by": _lazy("De ontvangst moet uiterlijk %(due)s zijn bevestigd."),
    "first_contact_by": _lazy("Het eerste contact met de indiener moet uiterlijk %(due)s zijn."),
}


def _due(today: date, until: date) -> list[tuple[Complaint, str, date]]:
    """(complaint, deadline, date) for every deadline still to meet on or before `until`."""
    open_ = (
        selectors.open_complaints(Complaint.objects.all())
        .filter(selectors.deadline_before(until, inclusive=True))
        .select_related("handler")
        .order_by("pk")
    )
    return [
        (complaint, field, due)
        for complaint in open_
        for field, due in deadlines.open_deadlines(complaint)
        if due <= until
    ]


def warn_deadlines(*, today: date) -> int:
    """Notify of every deadline that entered the warning window and was not warned of
    yet. Returns the number of notifications made."""
    until = deadlines.due_soon_until(
        on=today, policy=Municipality.current(), calendar=workdays.working_calendar()
    )
    made = 0
    for complaint, field, due in _due(today, until):
        warned = Notification.objects.filter(
            complaint=complaint, kind=Kind.DEADLINE, deadline=field, deadline_on=due
        ).exists()
        if warned:
            continue
        text = RecordText(TEXTS[field], due=lazy_long_date(due))
        made += len(
            notify(
                Kind.DEADLINE,
                complaint=complaint,
                text=str(text),
                deadline=field,
                deadline_on=due,
            )
        )
    return made
