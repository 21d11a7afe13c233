"""Forward to another body (Awb 2:3): the complaint belongs elsewhere; the complainant
is told where it went; the complaint closes here."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.workflow import Step
from vangnet.core.forms import line_field, text_field

from .. import rules, sending
from ..base import OTHER_ENDINGS, Context, Done, ProcedureStep, register


class ForwardToBodyInput(forms.Form):
    body_name = line_field(gettext_lazy("Naar welk bestuursorgaan"))
    body_contact = text_field(gettext_lazy("Contactgegevens voor de indiener"), rows=2)
    explanation = text_field(gettext_lazy("Uitleg aan de indiener"), rows=3)


@register
class ForwardToBody(ProcedureStep):
    step = Step.FORWARD_TO_BODY
    input = ForwardToBodyInput
    letters = ("forward_notice",)
    placement = OTHER_ENDINGS
    help = gettext_lazy(
        "De klacht hoort bij een ander bestuursorgaan. De indiener krijgt bericht (Awb 2:3); "
        "de klacht wordt hier afgesloten."
    )
    api_path = "forward-to-body"
    api_summary = "Forward to another body (Awb 2:3)"
    api_description = "Sends the complainant the forward notice and closes."

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        name = rules.required_text(
            data, errors, "body_name", _("Vul in naar welk bestuursorgaan de klacht gaat.")
        )
        if len(name) > 300:
            errors.add("body_name", _("Hoogstens 300 tekens."))
        contact = rules.optional_text(data, errors, "body_contact")
        explanation = rules.optional_text(data, errors, "explanation")
        errors.raise_if_any()
        complaint.forwarded_to_body = name
        sending.letter(
            "forward_notice",
            ctx,
            {
                "to_name": name,
                "to_contact": contact,
                "explanation": explanation,
                "is_partner": False,
            },
        )
        return Done(
            RecordText(
                _lazy("Doorgestuurd naar %(name)s (Awb 2:3); de indiener is bericht."), name=name
            ),
            {"forwarded_to_body": ("", name)},
        )
