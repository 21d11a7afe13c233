"""Acknowledge receipt (Awb 9:6): the acknowledgement letter, with the resident's
status link when they gave an e-mail address.

Without an e-mail address or a postal address (anonymous, a phone call without
details) no letter can go: the step still moves the procedure on, straight to
`in_progress` (never "acknowledged"), but no letter is made, the complaint records why
(`Complaint.acknowledgement_not_sent`), the timeline says so, and the report counts it
apart from the acknowledged ones."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.models import AcknowledgementNotSent
from vangnet.complaints.people import can_receive_letters, complainant_email
from vangnet.complaints.statuslinks import issue_status_link, status_url
from vangnet.complaints.workflow import State, Step

from .. import sending
from ..base import Context, Done, ProcedureStep, register


@register
class Acknowledge(ProcedureStep):
    step = Step.ACKNOWLEDGE
    letters = ("acknowledgement",)
    next_in = (State.RECEIVED,)
    help = _(
        "Stuurt de ontvangstbevestiging (Awb 9:6) aan de indiener: per e-mail, of als brief "
        "om te printen en te posten als er geen e-mailadres is. Zonder adres en "
        "e-mailadres gaat er niets: dat komt in de tijdlijn."
    )
    done_message = _("De ontvangstbevestiging is verstuurd.")
    api_path = "acknowledge"
    api_summary = "Acknowledge receipt (Awb 9:6)"
    api_description = (
        "Sends the acknowledgement letter (with the status link when the complainant has "
        "an e-mail address). From `received`. Without an e-mail or postal address no "
        "letter is made: `acknowledgement_not_sent` says why."
    )

    def apply(self, ctx: Context) -> Done:
        complaint = ctx.complaint
        if not can_receive_letters(complaint):
            before = complaint.acknowledgement_not_sent
            complaint.acknowledgement_not_sent = AcknowledgementNotSent.NO_ADDRESS
            ctx.target = State.IN_PROGRESS
            return Done(
                RecordText(
                    _lazy(
                        "Ontvangstbevestiging niet verstuurd: geen adres of e-mailadres "
                        "bekend (anoniem, of telefonisch zonder gegevens). De behandeling "
                        "gaat door."
                    )
                ),
                {"acknowledgement_not_sent": (before, AcknowledgementNotSent.NO_ADDRESS)},
            )
        # The public form passes the link it made already; otherwise one is made here
        # when the complainant can receive it.
        url = ctx.data.get("status_url") or ""
        if not url and complainant_email(ctx.complaint):
            url = status_url(issue_status_link(ctx.complaint))
        sending.letter("acknowledgement", ctx, {"status_url": url})
        return Done(RecordText(_lazy("Ontvangst bevestigd (Awb 9:6).")))

    def message(self, result) -> str:
        if result.complaint.acknowledgement_not_sent:
            return str(
                _(
                    "Er is geen ontvangstbevestiging verstuurd: er is geen adres of "
                    "e-mailadres bekend. De klacht kan verder worden behandeld."
                )
            )
        return super().message(result)
