"""Record the hearing of the person (or organisation) complained about after the
complainant's hearing was skipped (Awb 9:10 lid 2 skips the complainant's only): when,
and the record. Until the decision."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import Action, RecordText
from vangnet.complaints.models import Hearing
from vangnet.complaints.people import complained_about_anyone
from vangnet.complaints.workflow import State
from vangnet.core.dates import lazy_long_date
from vangnet.core.forms import text_field

from .. import rules
from ..base import PROCEDURE, ComplaintAction, Context, Done, register
from ..inputs import date_field

#: After the skip (state heard) and until the decision.
STATES = (State.HEARD, State.WITH_COMMITTEE, State.ADVISED)


class HearPersonInput(forms.Form):
    heard_on = date_field(gettext_lazy("Beklaagde gehoord op"), today=True)
    record = text_field(gettext_lazy("Verslag"), rows=6)


def _skipped_hearing(complaint) -> Hearing | None:
    hearing = Hearing.objects.filter(complaint=complaint).first()
    if hearing is None or not hearing.skip_ground:
        return None
    return hearing


@register
class HearPerson(ComplaintAction):
    name = "hear_person"
    label = gettext_lazy("Horen van de beklaagde vastleggen")
    button = gettext_lazy("Vastleggen")
    event = Action.PERSON_HEARD
    input = HearPersonInput
    placement = PROCEDURE
    page_path = "horen-beklaagde"
    refusal_field = "heard_on"
    forbids_person_complained_about = True
    help = gettext_lazy(
        "Van horen is alleen voor de indiener afgezien; de beklaagde mag gehoord worden "
        "(Awb 9:10 lid 1)."
    )
    done_message = gettext_lazy("Het horen van de beklaagde is vastgelegd.")
    api_path = "hearing/person"
    api_flag = "hear_person"
    api_summary = "Record the hearing of the person complained about (Awb 9:10 lid 1)"
    api_description = (
        "After the complainant's hearing was skipped (lid 2), until the decision: "
        "`heard_on` (not in the future) and the `record`. 409 when the hearing was not "
        "skipped, the person complained about was already heard, or nobody is named."
    )

    def refusal(self, complaint, actor) -> str | None:
        if complaint.state not in STATES:
            return _("Dit kan na ‘Afzien van horen’ en vóór het besluit.")
        hearing = _skipped_hearing(complaint)
        if hearing is None:
            return _("Dit kan alleen als van het horen van de indiener is afgezien.")
        if hearing.person_heard_on is not None:
            return _("Het horen van de beklaagde is al vastgelegd.")
        if not complained_about_anyone(complaint):
            return _("De klacht noemt geen beklaagde.")
        return None

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        heard_on = rules.past_date(data, errors, "heard_on", not_before=complaint.received_on)
        record = rules.required_text(
            data, errors, "record", _("Schrijf het verslag van het horen (Awb 9:10 lid 3).")
        )
        errors.raise_if_any()
        hearing = _skipped_hearing(complaint)
        hearing.person_heard_on = heard_on
        hearing.person_record = record
        hearing.save()
        return Done(
            RecordText(_lazy("Beklaagde gehoord op %(day)s."), day=lazy_long_date(heard_on)),
            {"person_heard_on": (None, heard_on.isoformat())},
        )
