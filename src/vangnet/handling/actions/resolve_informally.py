"""Resolved informally (Awb 9:5): the solution the complainant agreed to, after a
contact in which they were reached; the confirmation letter; the complaint closes."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.workflow import State, Step
from vangnet.core.forms import flag_field, text_field

from .. import lesson, rules, sending
from ..base import Context, Done, ProcedureStep, register


@lesson.with_lesson
class ResolveInformallyInput(forms.Form):
    agreement = text_field(
        gettext_lazy("Oplossing waarmee de indiener instemt"),
        help_text=gettext_lazy("Dit komt in de bevestigingsbrief aan de indiener (Awb 9:5)."),
    )
    send_confirmation = flag_field(gettext_lazy("Bevestigingsbrief sturen"))


@register
class ResolveInformally(ProcedureStep):
    step = Step.RESOLVE_INFORMALLY
    input = ResolveInformallyInput
    letters = ("informal_confirmation",)
    next_in = (State.IN_PROGRESS,)
    help = gettext_lazy(
        "Alleen als de indiener instemt met de oplossing (Awb 9:5). De klacht wordt afgesloten."
    )
    api_path = "resolve-informally"
    api_summary = "Resolved informally (Awb 9:5)"
    api_description = (
        "Closes the complaint with the solution the complainant agreed to, after a contact "
        "in which they were reached; sends the confirmation letter unless "
        "`send_confirmation` is false. Optionally the complaint's lesson (`cause` id, "
        "`lessons`, `norms`), recorded with the closing when `cause` is given."
    )

    def apply(self, ctx: Context) -> Done:
        lesson.take_lesson(ctx)
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        agreement = rules.required_text(
            data,
            errors,
            "agreement",
            _("Schrijf op wat de oplossing is en dat de indiener daarmee instemt (Awb 9:5)."),
        )
        reached = complaint.contacts.filter(reached=True).order_by("contacted_on", "id")
        if not reached.exists():
            errors.add(
                "agreement",
                _(
                    "Leg eerst het contact vast waarin de indiener instemde met de oplossing. "
                    "Informeel afhandelen kan alleen in overleg met de indiener."
                ),
            )
        errors.raise_if_any()
        if data.get("send_confirmation", True) is not False:
            sending.letter(
                "informal_confirmation", ctx, {"contact": reached.last(), "agreement": agreement}
            )
        return Done(
            RecordText(
                _lazy("Informeel opgelost (Awb 9:5). De indiener stemt in met: %(text)s"),
                text=agreement,
            )
        )

    def after(self, ctx: Context) -> None:
        lesson.record(ctx)
