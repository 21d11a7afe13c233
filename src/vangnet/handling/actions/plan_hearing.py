"""Plan (or move) the hearing: when and where; the invitation goes to the complainant
and the person complained about.

Planning starts from what the offer proposed (the page's form is filled with it; left
empty, the offer's moment and place are taken). When the moment and place are those the
offer's invitation already named, no second, identical invitation goes out: the step
only records that the hearing is planned. Any change sends one invitation. Moving a
planned hearing to the same moment and place is refused (nothing changes)."""

from django import forms
from django.utils import timezone
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
    api_path = "hearing/plan"
    api_summary = "Plan (or move) the hearing"
    api_description = (
        "`planned_at` in the future; empty after an offer: the offered moment and place. "
        "Sends the invitation, unless the offer's invitation already named this moment and "
        "place (then no second one)."
    )

    def initial(self, complaint, records) -> dict:
        """What the offer proposed, so planning starts from it."""
        hearing = getattr(complaint, "hearing", None)
        if hearing is None or hearing.planned_at is None:
            return {"location": hearing.location} if hearing else {}
        return {
            "planned_at": timezone.localtime(hearing.planned_at).replace(tzinfo=None),
            "location": hearing.location,
        }

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        hearing = hearing_of(complaint)
        offered = complaint.state == State.HEARING_OFFERED
        if offered:
            # Left empty: what the offer proposed.
            data["planned_at"] = data.get("planned_at") or hearing.planned_at
            data["location"] = rules.text(data, "location") or hearing.location
        planned_at = rules.future_moment(data, errors, "planned_at", required=True)
        location = rules.required_text(data, errors, "location", _("Vul in waar het gesprek is."))
        # The last invitation (the offer's, or an earlier plan's) named this moment.
        unchanged = planned_at == hearing.planned_at and location == hearing.location
        if unchanged and not offered and planned_at is not None:
            errors.add(
                "planned_at",
                _("Het gesprek staat al op dit moment en op deze plaats gepland."),
            )
        errors.raise_if_any()
        before = hearing.planned_at
        hearing.planned_at = planned_at
        hearing.location = location
        hearing.save()
        line = _lazy("Hoorzitting gepland op %(moment)s, %(location)s.")
        letter = None
        if unchanged:
            line = _lazy(
                "Hoorzitting gepland op %(moment)s, %(location)s, zoals de uitnodiging bij het "
                "aanbod al noemde; geen tweede uitnodiging verstuurd."
            )
        else:
            letter = sending.letter("hearing_invitation", ctx, {"hearing": hearing}, copy=True)
        return Done(
            RecordText(line, moment=long_moment(planned_at), location=location),
            {"planned_at": (before.isoformat() if before else None, planned_at.isoformat())},
            record=letter,
        )

    def message(self, result) -> str:
        if result.record is None:
            return str(
                _(
                    "De hoorzitting is gepland op het moment dat de uitnodiging al noemde; er "
                    "gaat geen tweede uitnodiging."
                )
            )
        return str(_("De hoorzitting is gepland; de uitnodiging is verstuurd."))
