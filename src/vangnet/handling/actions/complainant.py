"""What the resident does on the status page, without an account: the secret status
link (`complaints.statuslinks`) is the authorisation, checked by the page before it
calls these. The actor on the timeline is None; the action says it was the complainant.
Neither shows on the staff's complaint page nor in the API."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import attachments
from vangnet.complaints.events import Action, RecordText
from vangnet.complaints.workflow import Step
from vangnet.notifications.models import Kind
from vangnet.notifications.services import notify

from ..base import ComplaintAction, Context, Done, ProcedureStep, register

#: Longest text a complainant may add at once.
COMPLAINANT_TEXT_MAX = 5_000
#: Longest reason for a withdrawal.
WITHDRAW_REASON_MAX = 2_000


@register
class AddInformation(ComplaintAction):
    """The complainant adds text (at most 5,000 characters) and/or attachments to an open
    complaint; every error at once, per field (`text`, `attachments`, `complaint` when
    it is closed); nothing stored then."""

    name = "add_information"
    label = gettext_lazy("Aanvulling van de indiener")
    event = Action.COMPLAINANT_ADDED_INFORMATION
    permission = None
    by_staff = False
    refusal_field = "complaint"
    closed_message = gettext_lazy("Uw klacht is afgesloten. U kunt niets meer toevoegen.")

    def apply(self, ctx: Context) -> Done:
        complaint, errors = ctx.complaint, ctx.errors
        text = (ctx.data.get("text") or "").strip()
        files = list(ctx.data.get("attachments") or [])
        if not text and not files:
            errors.add("text", _("Schrijf wat u wilt toevoegen, of kies een bestand."))
        if len(text) > COMPLAINANT_TEXT_MAX:
            errors.add(
                "text",
                _("Uw tekst is %(length)s tekens. Dat mag hoogstens %(max)s zijn.")
                % {"length": f"{len(text):,}".replace(",", "."), "max": "5.000"},
            )
        types: list[str] = []
        if files:
            try:
                types = attachments.validate_uploads(files, already=complaint.attachments.count())
            except ValidationError as error:
                errors.extend(error, field_name="attachments")
        errors.raise_if_any()
        stored = [
            attachments.store(complaint=complaint, upload=upload, content_type=kind, actor=None)
            for upload, kind in zip(files, types, strict=True)
        ]
        summary = text
        if stored:
            names = str(
                RecordText(
                    _lazy("Bijlagen: %(names)s"), names=", ".join(a.original_name for a in stored)
                )
            )
            summary = f"{text}\n\n{names}" if text else names
        added = RecordText(_lazy("De indiener heeft informatie toegevoegd via de statuspagina."))
        notify(Kind.INFORMATION_ADDED, complaint=complaint, text=f"{added}\n\n{summary}")
        return Done(summary, record=stored)


@register
class WithdrawByComplainant(ProcedureStep):
    """The complainant withdraws the complaint: the table's withdraw step, with an
    optional reason."""

    step = Step.WITHDRAW
    name = "withdraw_by_complainant"
    label = gettext_lazy("Ingetrokken door de indiener")
    event = Action.WITHDRAWN_BY_COMPLAINANT
    permission = None
    by_staff = False
    forbids_person_complained_about = False
    placement = ""
    refusal_field = "complaint"

    def state_refusal(self, complaint) -> str | None:
        if super().state_refusal(complaint):
            return _("Uw klacht is al afgesloten. U kunt haar niet meer intrekken.")
        return None

    def apply(self, ctx: Context) -> Done:
        reason = (ctx.data.get("reason") or "").strip()
        if len(reason) > WITHDRAW_REASON_MAX:
            ctx.errors.add(
                "reason", _("Uw uitleg mag hoogstens %(max)s tekens zijn.") % {"max": "2.000"}
            )
        ctx.errors.raise_if_any()
        withdrawn = RecordText(
            _lazy("De indiener heeft de klacht ingetrokken via de statuspagina.")
        )
        notify(
            Kind.WITHDRAWN,
            complaint=ctx.complaint,
            text=f"{withdrawn}\n\n{reason}" if reason else str(withdrawn),
        )
        return Done(f"{withdrawn}\n\n{reason}" if reason else withdrawn)
