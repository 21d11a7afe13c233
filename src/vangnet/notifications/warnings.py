"""The daily job that tells the handler (or the coordinators) when a deadline of an
open complaint enters the warning window, once per complaint per deadline (a deadline
that moves, say by an extension, is warned of again at its new date).

- `decide_by` (Awb 9:11): when it falls within the policy's "due soon" window
  (`deadlines.due_soon_until`, the same urgency as on the screens);
- `acknowledge_by` (still received) and `first_contact_by` (still acknowledged): these
  policy terms are a few working days long, so, as in the reminders, on the day they
  fall due (or after, when the job did not run then); otherwise every new complaint
  would be warned of the day it arrives."""

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines, selectors
from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Complaint
from vangnet.complaints.workflow import State
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
    open_ = selectors.open_complaints(Complaint.objects.all()).select_related("handler")
    found = []
    for complaint in open_.filter(
        Q(decide_by__gte=today, decide_by__lte=until)
        | Q(state=State.RECEIVED, acknowledge_by__lte=today)
        | Q(state=State.ACKNOWLEDGED, first_contact_by__lte=today)
    ).order_by("pk"):
        if complaint.decide_by and today <= complaint.decide_by <= until:
            found.append((complaint, "decide_by", complaint.decide_by))
        ack, contact = complaint.acknowledge_by, complaint.first_contact_by
        if complaint.state == State.RECEIVED and ack and ack <= today:
            found.append((complaint, "acknowledge_by", ack))
        if complaint.state == State.ACKNOWLEDGED and contact and contact <= today:
            found.append((complaint, "first_contact_by", contact))
    return found


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
