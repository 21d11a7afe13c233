"""Reopen a closed complaint (the coordinator), with a reason; it goes back to 'in
progress'."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.workflow import REOPEN, State, Step
from vangnet.core.forms import text_field

from .. import rules
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
        return Done(RecordText(_lazy("Heropend: %(reason)s"), reason=reason), changes)
