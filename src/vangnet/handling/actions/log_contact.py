"""Log a contact with the complainant: the call within days, or any later contact."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Contact, ContactChannel
from vangnet.complaints.workflow import State, Step
from vangnet.core.dates import lazy_long_date
from vangnet.core.forms import choice_field, flag_field, text_field

from .. import rules
from ..base import Context, Done, ProcedureStep, register
from ..inputs import date_field


class LogContactInput(forms.Form):
    contacted_on = date_field(gettext_lazy("Datum van het contact"), today=True)
    channel = choice_field(gettext_lazy("Hoe"), ContactChannel.choices)
    reached = flag_field(gettext_lazy("De indiener is bereikt"))
    notes = text_field(gettext_lazy("Wat is er besproken?"))
    agreed = text_field(
        gettext_lazy("Wat is afgesproken?"),
        help_text=gettext_lazy(
            "Wat zou de klacht voor de indiener oplossen, en wat gebeurt er nu?"
        ),
        rows=3,
    )


@register
class LogContact(ProcedureStep):
    step = Step.LOG_CONTACT
    input = LogContactInput
    next_in = (State.ACKNOWLEDGED,)
    help = gettext_lazy(
        "Leg elk contact met de indiener vast, ook als u de indiener niet bereikte."
    )
    done_message = gettext_lazy("Het contact is vastgelegd.")
    api_path = "contacts"
    api_summary = "Log a contact with the complainant"
    api_description = (
        "The call within days, or any later contact. From `acknowledged` it moves the "
        "complaint to `in_progress`; later it is recorded without changing the state."
    )

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        contacted_on = rules.past_date(
            data, errors, "contacted_on", not_before=complaint.received_on
        )
        channel = rules.choice(
            data, errors, "channel", ContactChannel, _("Kies hoe het contact was.")
        )
        notes = rules.required_text(data, errors, "notes", _("Schrijf op wat er besproken is."))
        agreed = rules.optional_text(data, errors, "agreed")
        reached = data.get("reached", True) is not False
        errors.raise_if_any()
        Contact.objects.create(
            complaint=complaint,
            contacted_on=contacted_on,
            channel=channel,
            notes=notes,
            agreed=agreed,
            reached=reached,
            recorded_by=ctx.actor,
        )
        return Done(
            RecordText(
                _lazy("%(channel)s op %(day)s%(reached)s: %(notes)s%(agreed)s"),
                channel=ContactChannel(channel).label,
                day=lazy_long_date(contacted_on),
                reached="" if reached else RecordText(_lazy(" (niet bereikt)")),
                notes=notes,
                agreed=RecordText(_lazy("\nAfgesproken: %(text)s"), text=agreed) if agreed else "",
            )
        )
