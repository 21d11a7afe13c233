"""The conclusion letter (Awb 9:12) and the close: findings, the judgment per part, the
norms and the second-line ombudsman; the outcome follows from the judgments."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Advice
from vangnet.complaints.workflow import Outcome, State, Step, outcome_of

from .. import lesson, sending
from ..base import Context, Done, ProcedureStep, register
from .decide import latest_decision


@lesson.with_lesson(ask_norms=False)
class SendConclusionInput(forms.Form):
    pass


@register
class SendConclusion(ProcedureStep):
    step = Step.SEND_CONCLUSION
    input = SendConclusionInput
    letters = ("conclusion",)
    next_in = (State.DECIDED,)
    help = gettext_lazy(
        "Stuurt de afhandelingsbrief (Awb 9:12) aan de indiener, met een kopie aan de "
        "beklaagde, en sluit de klacht af."
    )
    done_message = gettext_lazy("De afhandelingsbrief is verstuurd. De klacht is afgesloten.")
    api_path = "conclusion"
    api_summary = "Send the conclusion letter and close (Awb 9:12)"
    api_description = (
        "The letter with the findings, the judgment per part, the norms and the "
        "second-line ombudsman; the outcome follows from the judgments. Optionally the "
        "complaint's lesson (`cause` id, `lessons`), recorded with the closing when "
        "`cause` is given; its norms are those the decision named per part (not asked "
        "again)."
    )

    def adapt_form(self, form, complaint, records) -> None:
        lesson.show_parts_norms(form, complaint, records.get("parts"))

    def apply(self, ctx: Context) -> Done:
        lesson.take_lesson(ctx, norms_given=lesson.parts_norms(ctx.complaint))
        complaint = ctx.complaint
        decision = latest_decision(complaint)
        if decision is None:  # the table allows this only from DECIDED; belt and braces
            ctx.errors.add("step", _("Er is nog geen besluit."))
        ctx.errors.raise_if_any()  # also a wrong lesson: no letter then
        ctx.outcome = outcome_of(list(decision.parts.values_list("judgment", flat=True)))
        advice = Advice.objects.filter(complaint=complaint, received_on__isnull=False).first()
        sending.letter("conclusion", ctx, {"decision": decision, "advice": advice}, copy=True)
        return Done(
            RecordText(
                _lazy("Afhandelingsbrief (Awb 9:12) verstuurd; oordeel: %(outcome)s."),
                outcome=Outcome(ctx.outcome).label,
            )
        )

    def after(self, ctx: Context) -> None:
        lesson.record(ctx)
