"""Offer the hearing of Awb 9:10: the invitation to the complainant and the person
complained about, with a date to respond by."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Hearing
from vangnet.complaints.workflow import State, Step
from vangnet.core import workdays
from vangnet.core.dates import lazy_long_date, long_date
from vangnet.core.forms import line_field, moment_field

from .. import rules, sending
from ..base import Context, Done, ProcedureStep, register
from ..inputs import date_field

#: Working days the complainant gets to answer a hearing offer, unless the handler says.
HEARING_RESPONSE_WORKING_DAYS = 10


class OfferHearingInput(forms.Form):
    respond_by = date_field(
        gettext_lazy("Reageren uiterlijk"), help_text=gettext_lazy("Leeg: over 10 werkdagen.")
    )
    planned_at = moment_field(
        gettext_lazy("Voorgesteld moment (mag leeg)"),
        help_text=gettext_lazy("Na de datum om te reageren."),
    )
    location = line_field(gettext_lazy("Plaats (mag leeg)"))


def hearing_of(complaint) -> Hearing:
    hearing, _created = Hearing.objects.get_or_create(complaint=complaint)
    return hearing


@register
class OfferHearing(ProcedureStep):
    step = Step.OFFER_HEARING
    input = OfferHearingInput
    letters = ("hearing_invitation",)
    next_in = (State.FORMAL,)
    help = gettext_lazy(
        "De indiener en de beklaagde krijgen een brief met het aanbod om gehoord te worden "
        "(Awb 9:10)."
    )
    api_path = "hearing/offer"
    api_summary = "Offer a hearing (Awb 9:10)"
    api_description = (
        "Sends the invitation to the complainant and the person complained about; "
        "`respond_by` after today and before a proposed `planned_at` (in the future); "
        "it defaults to 10 working days from today, or the day before `planned_at`."
    )

    def apply(self, ctx: Context) -> Done:
        data, errors = ctx.data, ctx.errors
        planned_at = rules.future_moment(data, errors, "planned_at", required=False)
        location = rules.optional_text(data, errors, "location")
        proposed = None if "planned_at" in errors else planned_at
        respond_by = response_date(data.get("respond_by"), proposed, errors)
        errors.raise_if_any()
        hearing = hearing_of(ctx.complaint)
        hearing.offered_on = deadlines.today()
        hearing.respond_by = respond_by
        hearing.planned_at = planned_at
        hearing.location = location
        hearing.save()
        sending.letter(
            "hearing_invitation", ctx, {"hearing": hearing, "respond_by": respond_by}, copy=True
        )
        return Done(
            RecordText(
                _lazy("Horen aangeboden (Awb 9:10); reageren uiterlijk %(day)s."),
                day=lazy_long_date(respond_by),
            )
        )


def response_date(respond_by, planned_at, errors) -> date | None:
    """The date to answer the offer by: after today and before the proposed moment (the
    complainant says whether they come before it takes place). Empty: 10 working days
    from today, or the day before the proposed moment when that is sooner."""
    today = deadlines.today()
    planned_day = timezone.localtime(planned_at).date() if planned_at else None
    if respond_by is None:
        respond_by = workdays.working_calendar().add_working_days(
            today, HEARING_RESPONSE_WORKING_DAYS
        )
        if planned_day is not None and respond_by >= planned_day:
            respond_by = planned_day - timedelta(days=1)
            if respond_by <= today:
                errors.add(
                    "respond_by",
                    _(
                        "Het voorgestelde moment is zo dichtbij dat de indiener niet eerst kan "
                        "laten weten of hij komt. Kies een later moment."
                    ),
                )
        return respond_by
    if respond_by <= today:
        errors.add("respond_by", _("Kies een datum na vandaag."))
    elif planned_day is not None and respond_by >= planned_day:
        errors.add(
            "respond_by",
            _(
                "Kies een datum vóór het voorgestelde moment (%(day)s): de indiener laat "
                "eerst weten of hij komt."
            )
            % {"day": long_date(planned_day)},
        )
    return respond_by
