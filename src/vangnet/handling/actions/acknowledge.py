"""Acknowledge receipt (Awb 9:6): the acknowledgement letter, with the resident's
status link when they gave an e-mail address."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.people import complainant_email
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
        "om te printen en te posten als er geen e-mailadres is."
    )
    done_message = _("De ontvangstbevestiging is verstuurd.")
    api_path = "acknowledge"
    api_summary = "Acknowledge receipt (Awb 9:6)"
    api_description = (
        "Sends the acknowledgement letter (with the status link when the complainant has "
        "an e-mail address). From `received`."
    )

    def apply(self, ctx: Context) -> Done:
        # The public form passes the link it made already; otherwise one is made here
        # when the complainant can receive it.
        url = ctx.data.get("status_url") or ""
        if not url and complainant_email(ctx.complaint):
            url = status_url(issue_status_link(ctx.complaint))
        sending.letter("acknowledgement", ctx, {"status_url": url})
        return Done(RecordText(_lazy("Ontvangst bevestigd (Awb 9:6).")))
