"""Formal handling (Awb 9:9): the person complained about gets a copy of the complaint
and its attachments, by e-mail when an address is known (`people.copy_recipients`);
otherwise the handler says how it was handed over, or an open task is left."""

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.copies import leave_copy_task
from vangnet.complaints.events import RecordText
from vangnet.complaints.people import CopyRecipient, copy_recipients
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
            "Alleen als er geen e-mailadres van de beklaagde, de afdeling of de partner "
            "bekend is (Awb 9:9). Leeg: de kopie komt als open taak op ‘Mijn werk’."
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
    api_description = (
        "E-mails the person complained about (or their department, the partner, the parties "
        "of a cooperation complaint) a copy of the complaint. Where no address is known, "
        "`copy_note` says how the copy was given; without it an open task "
        "(`copy_not_sent`) is left."
    )

    def apply(self, ctx: Context) -> Done:
        complaint, errors = ctx.complaint, ctx.errors
        copy_note = rules.optional_text(ctx.data, errors, "copy_note")
        errors.raise_if_any()
        recipients = copy_recipients(complaint) or [CopyRecipient(str(_lazy("de beklaagde")), "")]
        lines = [RecordText(_lazy("Formele behandeling."))]
        for recipient in recipients:
            if recipient.email:
                _mail_copy(complaint, recipient.email)
                lines.append(
                    RecordText(
                        _lazy("Kopie van de klacht gemaild naar %(name)s, %(to)s (Awb 9:9)."),
                        name=recipient.name,
                        to=recipient.email,
                    )
                )
            elif copy_note:
                lines.append(
                    RecordText(
                        _lazy("Kopie van de klacht gegeven aan %(name)s (Awb 9:9): %(note)s"),
                        name=recipient.name,
                        note=copy_note,
                    )
                )
            else:
                leave_copy_task(
                    complaint=complaint,
                    document=_copy_document(complaint),
                    recipient=recipient.name,
                    actor=ctx.actor,
                )
                lines.append(
                    RecordText(
                        _lazy(
                            "Geen e-mailadres van %(name)s bekend: de kopie van de klacht "
                            "(Awb 9:9) staat als open taak op ‘Mijn werk’."
                        ),
                        name=recipient.name,
                    )
                )
        return Done(Lines(lines))


class Lines:
    """Several record lines as one (each in the register's language)."""

    def __init__(self, lines) -> None:
        self.lines = lines

    def __str__(self) -> str:
        return " ".join(str(line) for line in self.lines)


def _copy_document(complaint) -> str:
    with register_language():
        return _("Kopie van klacht %(reference)s (Awb 9:9)") % {"reference": complaint.reference}


def _mail_copy(complaint, address: str) -> None:
    context = {
        "complaint": complaint,
        "municipality": Municipality.current(),
        "attachments": list(complaint.attachments.all()),
        "handler": complaint.handler,
    }
    with register_language():
        text = render_to_string("complaints/email/copy_to_person.txt", context)
    outbox.queue(to=address, subject=_copy_document(complaint), text=text, complaint=complaint)
