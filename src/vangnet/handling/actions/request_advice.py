"""Ask the advisory committee (Awb 9:14). The term becomes 10 weeks (Awb 9:11 lid 1)
only when the committee is asked before the 6 weeks ran out (`deadlines.decide_weeks`);
asked later, the decide-by date stays where it was (passed: the complaint is late)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Advice
from vangnet.complaints.services import apply_deadlines
from vangnet.complaints.workflow import Step
from vangnet.core import workdays
from vangnet.core.dates import lazy_long_date
from vangnet.core.forms import line_field

from .. import rules
from ..base import Context, Done, ProcedureStep, register


class RequestAdviceInput(forms.Form):
    committee = line_field(gettext_lazy("Commissie of adviseur"), max_length=200)


@register
class RequestAdvice(ProcedureStep):
    step = Step.REQUEST_ADVICE
    input = RequestAdviceInput
    help = gettext_lazy(
        "De klachtadviescommissie adviseert (Awb 9:14). De termijn wordt dan 10 weken "
        "(Awb 9:11), maar alleen als de termijn van 6 weken nog niet voorbij is."
    )
    api_path = "advice/request"
    api_summary = "Ask the advisory committee (Awb 9:14)"
    api_description = (
        "The term becomes 10 weeks from receipt (Awb 9:11) when asked on or before the last "
        "day of the 6-week term; asked later, `decide_by` does not move."
    )

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        committee = rules.required_text(
            data, errors, "committee", _("Vul in welke commissie of adviseur advies geeft.")
        )
        if len(committee) > 200:
            errors.add("committee", _("Hoogstens 200 tekens."))
        errors.raise_if_any()
        Advice.objects.update_or_create(
            complaint=complaint,
            defaults={"committee": committee, "requested_on": deadlines.today()},
        )
        changes = {}
        summary = RecordText(
            _lazy("Advies gevraagd aan %(committee)s (Awb 9:14)."), committee=committee
        )
        if not complaint.advisory_committee:
            complaint.advisory_committee = True
            complaint.committee_known_on = deadlines.today()
            changes["advisory_committee"] = (False, True)
            changes.update(apply_deadlines(complaint))  # 10 weeks instead of 6, if in time
            weeks = deadlines.decide_weeks(
                received_on=complaint.received_on,
                committee_on=complaint.committee_known_on,
                calendar=workdays.working_calendar(),
            )
            if weeks == deadlines.DECIDE_WEEKS:
                summary = RecordText(
                    _lazy(
                        "Advies gevraagd aan %(committee)s (Awb 9:14). De termijn van zes "
                        "weken was al verstreken: die blijft %(day)s (Awb 9:11)."
                    ),
                    committee=committee,
                    day=lazy_long_date(complaint.decide_by),
                )
        return Done(summary, changes)
