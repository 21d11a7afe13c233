"""The joint case discussion of a cooperation complaint: date, participants and what was
agreed."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import Action, RecordText
from vangnet.complaints.models import JointDiscussion
from vangnet.core.dates import lazy_long_date
from vangnet.core.forms import text_field

from .. import rules
from ..base import COOPERATION, ComplaintAction, Context, Done, register
from ..inputs import date_field
from ._cooperation import not_cooperation


class JointDiscussionInput(forms.Form):
    held_on = date_field(gettext_lazy("Datum"), today=True)
    participants = text_field(gettext_lazy("Deelnemers (namen en organisaties)"), rows=3)
    agreements = text_field(gettext_lazy("Afspraken"), rows=5)


@register
class RecordJointDiscussion(ComplaintAction):
    name = "joint_discussion"
    label = gettext_lazy("Casusbespreking vastleggen")
    event = Action.JOINT_DISCUSSION
    input = JointDiscussionInput
    placement = COOPERATION
    page_path = "casusbespreking"
    refusal_field = "held_on"
    done_message = gettext_lazy("De casusbespreking is vastgelegd.")
    api_component = "JointDiscussionInput"
    api_path = "joint-discussions"
    api_flag = "joint_discussions"
    api_operation = "complaints_add_joint_discussion"
    api_created = True
    api_summary = "Record the joint case discussion (cooperation complaint)"
    api_description = (
        "Date, participants and agreements. Only for a cooperation complaint (409 otherwise)."
    )

    def refusal(self, complaint, actor) -> str | None:
        return not_cooperation(complaint)

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        when = rules.past_date(data, errors, "held_on", not_before=complaint.received_on)
        participants = rules.required_text(
            data, errors, "participants", _("Vul in wie er meededen (namen en organisaties).")
        )
        agreements = rules.required_text(data, errors, "agreements", _("Schrijf de afspraken op."))
        errors.raise_if_any()
        discussion = JointDiscussion.objects.create(
            complaint=complaint,
            held_on=when,
            participants=participants,
            agreements=agreements,
            recorded_by=ctx.actor,
        )
        return Done(
            RecordText(
                _lazy("Casusbespreking op %(day)s met %(who)s. Afspraken: %(what)s"),
                day=lazy_long_date(when),
                who=participants,
                what=agreements,
            ),
            record=discussion,
        )
