"""The complainant withdrew (told by phone, letter ...): recorded by staff; the
complaint closes. The resident's own withdrawal on the status page is
`withdraw_by_complainant`."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.workflow import Step
from vangnet.core.forms import text_field

from .. import rules
from ..base import OTHER_ENDINGS, Context, Done, ProcedureStep, register


class WithdrawInput(forms.Form):
    note = text_field(gettext_lazy("Hoe en wanneer trok de indiener de klacht in?"), rows=3)


@register
class Withdraw(ProcedureStep):
    step = Step.WITHDRAW
    input = WithdrawInput
    placement = OTHER_ENDINGS
    help = gettext_lazy("De klacht wordt afgesloten.")
    api_path = "withdraw"
    api_summary = "Record that the complainant withdrew"
    api_description = "Closes the complaint."

    def apply(self, ctx: Context) -> Done:
        note = rules.required_text(
            ctx.data,
            ctx.errors,
            "note",
            _("Schrijf op hoe en wanneer de indiener de klacht introk."),
        )
        ctx.errors.raise_if_any()
        return Done(RecordText(_lazy("Ingetrokken door de indiener: %(note)s"), note=note))
