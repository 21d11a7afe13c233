"""The partner reports back what it did with a forwarded complaint, once: through the
reply link (no account: the link is the authorisation, and the name of who replies is
required) or as a user of the partner in the portal (their own name is recorded). The
handler (without one: the coordinators) is notified (`vangnet.notifications`): by
e-mail at once unless they chose otherwise."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import Action, RecordText
from vangnet.complaints.models import Forward, PartnerOutcome
from vangnet.core.i18n import register_language
from vangnet.notifications.models import Kind
from vangnet.notifications.services import notify

from ..base import ComplaintAction, Context, Done, refused, register
from ..forwarding import (
    REPLY_PERMISSION,
    TEMPLATE_REPLIED,
    already_replied_message,
)

#: Longest reply text, and longest name of who replies (`Forward.replied_by_name`).
REPLY_ACTION_MAX = 10_000
REPLY_NAME_MAX = 150


class PartnerReplyInput(forms.Form):
    action = forms.CharField(
        label=gettext_lazy("Wat heeft uw organisatie met de klacht gedaan?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Uitkomst"),
        required=False,
        choices=[("", gettext_lazy("Kies de uitkomst")), *PartnerOutcome.choices],
    )


def _full_name(user) -> str:
    return (user.get_full_name() or "").strip() or user.get_username()


def _check(ctx: Context, forward: Forward) -> tuple[str, str, str]:
    data, errors, actor = ctx.data, ctx.errors, ctx.actor
    name = (data.get("name") or "").strip() if actor is None else _full_name(actor)
    action = (data.get("action") or "").strip()
    outcome = data.get("outcome") or ""
    if actor is None:
        if not name:
            errors.add("name", _("Vul uw naam in, zodat de gemeente weet wie antwoordt."))
        elif len(name) > REPLY_NAME_MAX:
            errors.add(
                "name", _("Uw naam mag hoogstens %(max)s tekens zijn.") % {"max": REPLY_NAME_MAX}
            )
    if not action:
        errors.add("action", _("Schrijf wat uw organisatie met de klacht heeft gedaan."))
    elif len(action) > REPLY_ACTION_MAX:
        errors.add(
            "action",
            _("Uw tekst is %(length)s tekens. Dat mag hoogstens %(max)s zijn.")
            % {"length": f"{len(action):,}".replace(",", "."), "max": "10.000"},
        )
    if outcome not in PartnerOutcome.values:
        errors.add("outcome", _("Kies wat de uitkomst is."))
    errors.raise_if_any()
    return name, action, outcome


def _tell_staff(forward: Forward, header: RecordText) -> None:
    """The handler (without one: the coordinators) is notified; who wants it at once gets
    the reply's own e-mail."""
    complaint = forward.complaint
    with register_language():
        subject = _("%(partner)s heeft geantwoord over klacht %(reference)s") % {
            "partner": forward.partner.name,
            "reference": complaint.reference,
        }
    notify(
        Kind.PARTNER_REPLIED,
        complaint=complaint,
        text=str(header),
        email={"subject": subject, "template": TEMPLATE_REPLIED, "context": {"forward": forward}},
    )


@register
class PartnerReply(ComplaintAction):
    name = "partner_reply"
    label = gettext_lazy("Terugkoppeling van de partner")
    event = Action.PARTNER_REPLIED
    permission = REPLY_PERMISSION
    by_staff = False
    when_closed = True
    input = PartnerReplyInput
    api_flag = "reply"
    api_component = "PartnerReply"
    api_summary = "A partner user reports back on the complaint forwarded to their partner"
    refusal_field = "forward"

    def refusal(self, complaint, actor) -> str | None:
        """Refused once the actor's partner replied to every forward it got. (Whether the
        actor may reply at all is the permission's: a forward to their partner.)"""
        if actor is None or not actor.partner_id:
            return None  # the reply link names its forward; `apply` checks it
        theirs = [f for f in complaint.forwards.all() if f.partner_id == actor.partner_id]
        if theirs and all(f.replied_at is not None for f in theirs):
            return already_replied_message(theirs[0])
        return None

    def apply(self, ctx: Context) -> Done:
        forward = (
            Forward.objects.select_for_update(of=("self",))
            .select_related("partner", "complaint__handler")
            .get(pk=ctx.data["forward"].pk, complaint=ctx.complaint)
        )
        forward.complaint = ctx.complaint
        if ctx.actor is not None and ctx.actor.partner_id != forward.partner_id:
            raise PermissionDenied(_("U mag dit niet doen."))
        if forward.replied_at is not None:
            raise refused(already_replied_message(forward), field_name="forward")
        name, action, outcome = _check(ctx, forward)
        forward.replied_at = timezone.now()
        forward.replied_by = ctx.actor
        forward.replied_by_name = name[:REPLY_NAME_MAX]
        forward.reply_action = action
        forward.reply_outcome = outcome
        forward.save(
            update_fields=[
                "replied_at",
                "replied_by",
                "replied_by_name",
                "reply_action",
                "reply_outcome",
            ]
        )
        link, portal = _lazy("via de antwoordlink"), _lazy("in het partnerportaal")
        route = link if ctx.actor is None else portal
        header = RecordText(
            _lazy("%(partner)s heeft teruggekoppeld (%(name)s, %(route)s). Uitkomst: %(outcome)s."),
            partner=forward.partner,
            name=name,
            route=route,
            outcome=PartnerOutcome(outcome).label,
        )
        _tell_staff(forward, header)
        return Done(f"{header}\n\n{action}", record=forward)
