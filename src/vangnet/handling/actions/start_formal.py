"""Formal handling (Awb 9:9): the person complained about gets a copy of the complaint
and its attachments, by e-mail when an address is known, otherwise the handler says how
it was handed over."""

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.people import person_complained_about_email
from vangnet.complaints.workflow import Step
from vangnet.core.forms import text_field
from vangnet.core.i18n import register_language
from vangnet.letters import outbox
from vangnet.organisations.models import Municipality

from .. import rules
from ..base import Context, Done, ProcedureStep, register


class StartFormalInput(forms.Form):
    copy_note = text_field(
        gettext_lazy("Hoe kreeg de beklaagde een kopie?"),
        help_text=gettext_lazy(
            "Alleen nodig als er geen e-mailadres van de beklaagde of de afdeling bekend is "
            "(Awb 9:9)."
        ),
        rows=2,
    )


@register
class StartFormal(ProcedureStep):
    step = Step.START_FORMAL
    input = StartFormalInput
    help = gettext_lazy("De beklaagde krijgt een kopie van de klacht en de bijlagen (Awb 9:9).")
    api_path = "start-formal"
    api_summary = "Start formal handling (Awb 9:9)"
    api_description = "Sends the person complained about a copy of the complaint."

    def apply(self, ctx: Context) -> Done:
        complaint, errors = ctx.complaint, ctx.errors
        address = person_complained_about_email(complaint)
        copy_note = rules.optional_text(ctx.data, errors, "copy_note")
        if not address and not copy_note:
            errors.add(
                "copy_note",
                _(
                    "Er is geen e-mailadres van de beklaagde of de afdeling bekend. Schrijf op "
                    "hoe de beklaagde een kopie van de klacht heeft gekregen (Awb 9:9)."
                ),
            )
        errors.raise_if_any()
        if not address:
            return Done(
                RecordText(
                    _lazy("Formele behandeling. Kopie van de klacht gegeven (Awb 9:9): %(note)s"),
                    note=copy_note,
                )
            )
        context = {
            "complaint": complaint,
            "municipality": Municipality.current(),
            "attachments": list(complaint.attachments.all()),
            "handler": complaint.handler,
        }
        with register_language():
            subject = _("Kopie van klacht %(reference)s (Awb 9:9)") % {
                "reference": complaint.reference
            }
            text = render_to_string("complaints/email/copy_to_person.txt", context)
        outbox.queue(to=address, subject=subject, text=text, complaint=complaint)
        return Done(
            RecordText(
                _lazy("Formele behandeling. Kopie van de klacht gemaild naar %(to)s (Awb 9:9)."),
                to=address,
            )
        )
