"""Skip the hearing, on a ground of Awb 9:10 lid 2."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.workflow import HearingSkipGround, Step
from vangnet.core.forms import choice_field, text_field

from .. import rules
from ..base import Context, Done, ProcedureStep, register
from .offer_hearing import hearing_of


class SkipHearingInput(forms.Form):
    ground = choice_field(gettext_lazy("Reden (Awb 9:10 lid 2)"), HearingSkipGround.choices)
    note = text_field(gettext_lazy("Toelichting"), rows=3)


@register
class SkipHearing(ProcedureStep):
    step = Step.SKIP_HEARING
    input = SkipHearingInput
    help = gettext_lazy("Alleen op een grond uit Awb 9:10 lid 2.")
    api_path = "hearing/skip"
    api_summary = "Skip the hearing (Awb 9:10 lid 2)"
    api_description = "With a ground; `manifestly_unfounded` needs a `note`."

    def apply(self, ctx: Context) -> Done:
        data, errors = ctx.data, ctx.errors
        ground = rules.choice(
            data,
            errors,
            "ground",
            HearingSkipGround,
            _("Kies waarom niet gehoord wordt (Awb 9:10 lid 2)."),
        )
        note = rules.optional_text(data, errors, "note")
        if ground == HearingSkipGround.MANIFESTLY_UNFOUNDED and not note:
            errors.add("note", _("Leg uit waarom de klacht kennelijk ongegrond is."))
        errors.raise_if_any()
        hearing = hearing_of(ctx.complaint)
        hearing.skip_ground = ground
        hearing.skip_note = note
        hearing.save()
        return Done(
            RecordText(
                _lazy("Afgezien van horen (Awb 9:10 lid 2): %(ground)s. %(note)s"),
                ground=HearingSkipGround(ground).label,
                note=note,
            )
        )
