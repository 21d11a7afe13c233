"""Reopen a closed complaint (the coordinator), with a reason; it goes back to 'in
progress'. The complainant gets a short e-mail when an address is known (the reason,
written for the file, is not in it)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.people import complainant_email
from vangnet.complaints.workflow import REOPEN, State, Step
from vangnet.core.forms import text_field
from vangnet.core.i18n import register_language
from vangnet.core.urls import site_url

from .. import rules, sending
from ..base import Context, Done, ProcedureStep, register


class ReopenInput(forms.Form):
    reason = text_field(gettext_lazy("Waarom gaat de klacht weer open?"), rows=3)


@register
class Reopen(ProcedureStep):
    step = Step.REOPEN
    permission = REOPEN
    input = ReopenInput
    next_in = (State.CLOSED,)
    help = gettext_lazy("De klacht gaat terug naar ‘In behandeling’.")
    api_path = "reopen"
    api_summary = "Reopen a closed complaint"
    api_description = "With a reason; the complaint goes back to `in_progress`."

    def apply(self, ctx: Context) -> Done:
        complaint = ctx.complaint
        reason = rules.required_text(
            ctx.data, ctx.errors, "reason", _("Schrijf op waarom de klacht weer open gaat.")
        )
        ctx.errors.raise_if_any()
        changes = {
            "outcome": (complaint.outcome, ""),
            "closed_on": (complaint.closed_on.isoformat(), None),
        }
        complaint.outcome = ""
        complaint.closed_on = None
        complaint.decline_ground = ""
        complaint.forwarded_to_body = ""
        _tell_complainant(complaint)
        return Done(RecordText(_lazy("Heropend: %(reason)s"), reason=reason), changes)


def _tell_complainant(complaint) -> None:
    to = complainant_email(complaint)
    if not to:
        return
    with register_language():
        sending.email(
            to=to,
            subject=_("Uw klacht %(reference)s is weer in behandeling")
            % {"reference": complaint.reference},
            template="handling/resident_reopened.html",
            context={
                "complaint": complaint,
                "status_request_url": site_url("public:status_request"),
            },
            complaint=complaint,
        )
