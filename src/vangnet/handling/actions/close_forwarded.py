"""Close a complaint a partner handled, once the partner reported back."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.workflow import Step
from vangnet.core.forms import text_field

from .. import lesson, rules
from ..base import OTHER_ENDINGS, Context, Done, ProcedureStep, register


@lesson.with_lesson
class CloseForwardedInput(forms.Form):
    note = text_field(gettext_lazy("Toelichting"), rows=3)


@register
class CloseForwarded(ProcedureStep):
    step = Step.CLOSE_FORWARDED
    input = CloseForwardedInput
    placement = OTHER_ENDINGS
    help = gettext_lazy("Als de partner heeft teruggekoppeld wat hij met de klacht deed.")
    api_path = "close-forwarded"
    api_summary = "Close: handled by the partner"
    api_description = (
        "After a partner reported back on the forwarded complaint (400 otherwise). "
        "Optionally the complaint's lesson (`cause` id, `lessons`, `norms`)."
    )

    def apply(self, ctx: Context) -> Done:
        lesson.take_lesson(ctx)
        replied = ctx.complaint.forwards.filter(replied_at__isnull=False).select_related("partner")
        if not replied:
            ctx.errors.add(
                "step",
                _(
                    "Er is nog geen terugkoppeling van een partner. Wacht op het antwoord, of "
                    "behandel de klacht zelf."
                ),
            )
        note = rules.optional_text(ctx.data, ctx.errors, "note")
        ctx.errors.raise_if_any()
        return Done(
            RecordText(
                _lazy("Afgesloten: afgehandeld door %(partners)s. %(note)s"),
                partners=", ".join(str(f.partner) for f in replied),
                note=note,
            )
        )

    def after(self, ctx: Context) -> None:
        lesson.record(ctx)
