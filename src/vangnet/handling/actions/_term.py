"""What the term actions (extend, delay) share: the limit of the one extension and the
postponement record (Awb 9:11)."""

from datetime import date

from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Complaint, Postponement
from vangnet.complaints.services import apply_deadlines, committee_on
from vangnet.core import workdays
from vangnet.core.dates import lazy_long_date

#: Extension (Awb 9:11 lid 2): at most this many weeks, once.
EXTENSION_WEEKS = 4


def extension_limit(complaint: Complaint) -> date:
    """The latest date an extension may set: the legal term plus 4 weeks, Atw applied."""
    calendar = workdays.working_calendar()
    weeks = deadlines.decide_weeks(
        received_on=complaint.received_on,
        committee_on=committee_on(complaint),
        calendar=calendar,
    )
    return calendar.add_weeks(complaint.received_on, weeks + EXTENSION_WEEKS)


def postpone(*, actor, complaint, kind, new_due, reason, consent_on=None):
    """Record the postponement, move the decide-by date; return (summary, changes)."""
    Postponement.objects.create(
        complaint=complaint,
        kind=kind,
        previous_due=complaint.decide_by,
        new_due=new_due,
        reason=reason,
        consent_on=consent_on,
        recorded_by=actor,
    )
    complaint.postponed_to = new_due
    changes = apply_deadlines(complaint)
    complaint.save()
    if kind == Postponement.Kind.EXTENSION:
        summary = RecordText(
            _lazy("Verdaagd tot %(day)s (Awb 9:11 lid 2): %(reason)s"),
            day=lazy_long_date(new_due),
            reason=reason,
        )
    else:
        summary = RecordText(
            _lazy(
                "Uitgesteld tot %(day)s met schriftelijke instemming van de indiener "
                "(ontvangen %(consent)s): %(reason)s"
            ),
            day=lazy_long_date(new_due),
            consent=lazy_long_date(consent_on),
            reason=reason,
        )
    return summary, changes
