"""The record of the hearing (Awb 9:10 lid 3): when, who was there, what was said; the
record goes to the complainant and the person complained about."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.workflow import State, Step
from vangnet.core.dates import lazy_long_date, long_date
from vangnet.core.forms import flag_field, text_field

from .. import rules, sending
from ..base import Context, Done, ProcedureStep, register
from ..inputs import date_field
from .offer_hearing import hearing_of


class HoldHearingInput(forms.Form):
    held_on = date_field(gettext_lazy("Gehoord op"), today=True)
    held_early_reason = text_field(
        gettext_lazy("Reden (alleen als eerder gehoord dan gepland)"), rows=2
    )
    participants = text_field(gettext_lazy("Aanwezigen"), rows=2)
    record = text_field(gettext_lazy("Verslag"), rows=8)
    send_record = flag_field(gettext_lazy("Verslag sturen aan indiener en beklaagde"))


@register
class HoldHearing(ProcedureStep):
    step = Step.HOLD_HEARING
    input = HoldHearingInput
    letters = ("hearing_record",)
    next_in = (State.HEARING_PLANNED,)
    help = gettext_lazy("Van het horen wordt een verslag gemaakt (Awb 9:10 lid 3).")
    api_path = "hearing/hold"
    api_summary = "Record the hearing (Awb 9:10 lid 3)"
    api_description = (
        "Who was there and the record; sends the record to the complainant and the person "
        "complained about unless `send_record` is false. `held_on` before the planned "
        "moment needs `held_early_reason`."
    )

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        hearing = hearing_of(complaint)
        held_on = rules.past_date(
            data, errors, "held_on", not_before=hearing.offered_on or complaint.received_on
        )
        held_early_reason = rules.optional_text(data, errors, "held_early_reason")
        planned_day = timezone.localtime(hearing.planned_at).date() if hearing.planned_at else None
        early = held_on is not None and planned_day is not None and held_on < planned_day
        if early and not held_early_reason:
            errors.add(
                "held_on",
                _(
                    "Deze datum ligt vóór het geplande moment (%(day)s). Klopt dat, schrijf dan "
                    "bij ‘Reden’ waarom eerder gehoord is."
                )
                % {"day": long_date(planned_day)},
            )
        participants = rules.required_text(
            data, errors, "participants", _("Vul in wie er bij het horen waren.")
        )
        record = rules.required_text(
            data, errors, "record", _("Schrijf het verslag van het horen (Awb 9:10 lid 3).")
        )
        errors.raise_if_any()
        hearing.held_on = held_on
        hearing.held_early_reason = held_early_reason if early else ""
        hearing.participants = participants
        hearing.record = record
        hearing.save()
        if data.get("send_record", True) is not False:
            sending.letter("hearing_record", ctx, {"hearing": hearing}, copy=True)
        return Done(
            RecordText(
                _lazy("Gehoord op %(day)s (eerder dan gepland: %(reason)s). Aanwezig: %(who)s")
                if early
                else _lazy("Gehoord op %(day)s. Aanwezig: %(who)s"),
                day=lazy_long_date(held_on),
                who=participants,
                reason=held_early_reason,
            )
        )
