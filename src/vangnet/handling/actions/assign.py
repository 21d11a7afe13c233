"""Assign the handler (the coordinator). Never the person complained about (Awb 9:7)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import Action, RecordText
from vangnet.complaints.people import is_person_complained_about
from vangnet.core.roles import Role
from vangnet.notifications.models import Kind
from vangnet.notifications.services import notify

from ..base import SIDE, ComplaintAction, Context, Done, register
from ..inputs import UserChoiceField, handler_choices


class AssignInput(forms.Form):
    handler = UserChoiceField(
        label=gettext_lazy("Behandelaar"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=gettext_lazy("Kies een behandelaar"),
        help_text=gettext_lazy("Niet degene over wie geklaagd wordt (Awb 9:7)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handler_choices()


@register
class Assign(ComplaintAction):
    name = "assign"
    label = gettext_lazy("Behandelaar toewijzen")
    button = gettext_lazy("Toewijzen")
    event = Action.ASSIGNED
    permission = "complaints.assign_complaint"
    input = AssignInput
    placement = SIDE
    page_path = "toewijzen"
    refusal_field = "handler"
    closed_message = gettext_lazy("Een afgesloten klacht krijgt geen behandelaar meer.")
    api_path = "assign"
    api_flag = "assign"
    api_summary = "Assign a handler"
    api_description = (
        "Refused (400 on `handler`) when the handler is the person complained about "
        "(Awb 9:7); 409 when the complaint is closed."
    )

    def initial(self, complaint, records) -> dict:
        return {"handler": complaint.handler_id}

    def apply(self, ctx: Context) -> Done:
        complaint, handler = ctx.complaint, ctx.data.get("handler")
        if (
            handler is None
            or not handler.is_active
            or not (handler.has_role(Role.HANDLER) or handler.has_role(Role.COORDINATOR))
        ):
            ctx.errors.add("handler", _("Kies een actieve klachtbehandelaar."))
        elif is_person_complained_about(complaint, handler):
            ctx.errors.add(
                "handler",
                _(
                    "%(name)s is degene over wie geklaagd wordt en mag de klacht niet "
                    "behandelen (Awb 9:7). Kies een ander."
                )
                % {"name": handler},
            )
        ctx.errors.raise_if_any()
        if complaint.handler_id == handler.pk:
            return Done(log=False)
        before = complaint.handler
        complaint.handler = handler
        complaint.save(update_fields=["handler", "updated_at"])
        assigned = RecordText(
            _lazy("Klacht %(reference)s is aan u toegewezen."), reference=complaint.reference
        )
        notify(
            Kind.ASSIGNED,
            complaint=complaint,
            text=str(assigned),
            recipients=[handler],
            actor=ctx.actor,
        )
        return Done(
            RecordText(_lazy("Toegewezen aan %(name)s."), name=handler),
            {"handler": (before, handler)},
        )

    def message(self, result) -> str:
        return _("Klacht %(ref)s is toegewezen aan %(name)s.") % {
            "ref": result.complaint.reference,
            "name": result.complaint.handler,
        }
