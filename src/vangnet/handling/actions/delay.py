"""A further delay after the extension (or after the term), only with the complainant's
written consent, recorded with its date (Awb 9:11)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import Action
from vangnet.complaints.models import Postponement
from vangnet.core.dates import lazy_long_date, long_date
from vangnet.core.forms import text_field

from .. import rules
from ..base import TERM, ComplaintAction, Context, Done, register
from ..inputs import date_field
from ._term import postpone


class DelayInput(forms.Form):
    new_due = date_field(gettext_lazy("Nieuwe uiterste datum"))
    consent_on = date_field(gettext_lazy("Schriftelijke instemming van de indiener ontvangen op"))
    reason = text_field(gettext_lazy("Waarom is meer tijd nodig?"), rows=3)


@register
class Delay(ComplaintAction):
    name = "delay"
    label = gettext_lazy("Uitstel met instemming van de indiener")
    button = gettext_lazy("Uitstel vastleggen")
    event = Action.POSTPONED
    input = DelayInput
    placement = TERM
    page_path = "uitstel"
    refusal_field = "new_due"
    help = gettext_lazy("Alleen als de indiener schriftelijk heeft ingestemd met meer tijd.")
    api_path = "delay"
    api_flag = "delay"
    api_created = True
    api_summary = "Delay with the complainant's written consent (Awb 9:11)"
    api_description = (
        "After the extension, or after the term: a new due date with the date the "
        "complainant's written consent came in. 409 when the complaint is closed."
    )

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        today = deadlines.today()
        new_due, consent_on = data.get("new_due"), data.get("consent_on")
        if new_due is None:
            errors.add("new_due", _("Kies de nieuwe datum."))
        elif complaint.decide_by and new_due <= complaint.decide_by:
            errors.add(
                "new_due",
                _("Kies een datum na de huidige termijn (%(day)s).")
                % {"day": lazy_long_date(complaint.decide_by)},
            )
        elif new_due <= today:
            errors.add("new_due", _("Kies een datum na vandaag."))
        if consent_on is None:
            errors.add(
                "consent_on",
                _("Vul in wanneer de schriftelijke instemming van de indiener binnenkwam."),
            )
        elif consent_on > today or consent_on < complaint.received_on:
            errors.add("consent_on", _("Deze datum kan niet: tussen ontvangst en vandaag."))
        reason = rules.required_text(
            data, errors, "reason", _("Schrijf op waarom meer tijd nodig is.")
        )
        errors.raise_if_any()
        summary, changes = postpone(
            actor=ctx.actor,
            complaint=complaint,
            kind=Postponement.Kind.CONSENT,
            new_due=new_due,
            reason=reason,
            consent_on=consent_on,
        )
        return Done(summary, changes, record=complaint.postponements.order_by("-id").first())

    def message(self, result) -> str:
        return _("De termijn is uitgesteld tot %(day)s.") % {
            "day": long_date(result.complaint.decide_by)
        }
