"""Plan (or move) the hearing: when and where; the invitation goes to the complainant
and the person complained about."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.workflow import State, Step
from vangnet.core.dates import long_moment
from vangnet.core.forms import line_field, moment_field

from .. import rules, sending
from ..base import Context, Done, ProcedureStep, register
from .offer_hearing import hearing_of


class PlanHearingInput(forms.Form):
    planned_at = moment_field(gettext_lazy("Datum en tijd"))
    location = line_field(
        gettext_lazy("Plaats"),
        help_text=gettext_lazy("Adres en zaal, of 'telefonisch' of 'video'."),
    )


@register
class PlanHearing(ProcedureStep):
    step = Step.PLAN_HEARING
    input = PlanHearingInput
    letters = ("hearing_invitation",)
    next_in = (State.HEARING_OFFERED,)
    help = gettext_lazy(
        "Legt datum, tijd en plaats vast en stuurt de uitnodiging aan de indiener en de beklaagde."
    )
    done_message = gettext_lazy("De hoorzitting is gepland; de uitnodiging is verstuurd.")
    api_path = "hearing/plan"
    api_summary = "Plan (or move) the hearing"
    api_description = "`planned_at` in the future; sends the invitation."

    def apply(self, ctx: Context) -> Done:
        data, errors = ctx.data, ctx.errors
        planned_at = rules.future_moment(data, errors, "planned_at", required=True)
        location = rules.required_text(data, errors, "location", _("Vul in waar het gesprek is."))
        errors.raise_if_any()
        hearing = hearing_of(ctx.complaint)
        before = hearing.planned_at
        hearing.planned_at = planned_at
        hearing.location = location
        hearing.save()
        sending.letter("hearing_invitation", ctx, {"hearing": hearing}, copy=True)
        return Done(
            RecordText(
                _lazy("Hoorzitting gepland op %(moment)s, %(location)s."),
                moment=long_moment(planned_at),
                location=location,
            ),
            {"planned_at": (before.isoformat() if before else None, planned_at.isoformat())},
        )
