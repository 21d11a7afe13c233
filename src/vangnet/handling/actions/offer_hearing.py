"""Offer the hearing of Awb 9:10: the invitation to the complainant and the person
complained about, with a date to respond by."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Hearing
from vangnet.complaints.workflow import State, Step
from vangnet.core import workdays
from vangnet.core.dates import lazy_long_date
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
    planned_at = moment_field(gettext_lazy("Voorgesteld moment (mag leeg)"))
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
        "`respond_by` defaults to 10 working days from today."
    )

    def apply(self, ctx: Context) -> Done:
        data, errors = ctx.data, ctx.errors
        planned_at = rules.future_moment(data, errors, "planned_at", required=False)
        location = rules.optional_text(data, errors, "location")
        respond_by = data.get("respond_by")
        today = deadlines.today()
        if respond_by is None:
            respond_by = workdays.working_calendar().add_working_days(
                today, HEARING_RESPONSE_WORKING_DAYS
            )
        elif respond_by <= today:
            errors.add("respond_by", _("Kies een datum na vandaag."))
        errors.raise_if_any()
        hearing = hearing_of(ctx.complaint)
        hearing.offered_on = today
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
