"""Forward an open complaint to a partner (seed 002): the municipality stays responsible
until the partner reports back. The partner gets an e-mail at its forward address with
the complaint, the complainant's contact details and a secret reply link (no account
needed; only the link's hash is stored, `core.tokens`); its users see the complaint in
the partner portal as well. Without an address only the portal remains (the record says
so). The complainant gets the forward notice letter."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import Action, RecordText
from vangnet.complaints.models import Forward
from vangnet.core import tokens, workdays
from vangnet.core.dates import lazy_long_date
from vangnet.core.i18n import register_language
from vangnet.organisations.models import Municipality, Partner

from .. import sending
from ..base import SIDE, ComplaintAction, Context, Done, register
from ..forwarding import TEMPLATE_FORWARD, partner_contact, reply_url
from ..inputs import LookupChoiceField

#: Longest note to the partner.
NOTE_MAX = 10_000


class ForwardInput(forms.Form):
    partner = LookupChoiceField(
        label=gettext_lazy("Samenwerkingspartner"),
        queryset=Partner.objects.filter(is_active=True),
        lookup=Partner.objects.all(),
        required=False,
        empty_label=gettext_lazy("Kies een partner"),
        error_messages={"invalid_choice": gettext_lazy("Kies een partner uit de lijst.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Toelichting voor de partner (niet verplicht)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _summary(forward: Forward, partner: Partner, address: str) -> RecordText:
    due = lazy_long_date(forward.reply_due_on)
    if address:
        return RecordText(
            _lazy(
                "Doorgestuurd naar %(partner)s. E-mail met antwoordlink gestuurd naar "
                "%(to)s. Terugkoppeling uiterlijk %(due)s."
            ),
            partner=partner,
            to=address,
            due=due,
        )
    return RecordText(
        _lazy(
            "Doorgestuurd naar %(partner)s. Terugkoppeling uiterlijk %(due)s. Geen e-mail "
            "verstuurd: de partner heeft geen e-mailadres. De medewerkers van de partner "
            "zien de klacht in het partnerportaal."
        ),
        partner=partner,
        due=due,
    )


@register
class ForwardToPartner(ComplaintAction):
    name = "forward"
    label = gettext_lazy("Doorsturen naar partner")
    button = gettext_lazy("Doorsturen")
    event = Action.FORWARDED
    permission = "complaints.forward_complaint"
    input = ForwardInput
    letters = ("forward_notice",)
    placement = SIDE
    page_path = "doorsturen"
    refusal_field = "partner"
    closed_message = gettext_lazy("Een afgesloten klacht kan niet worden doorgestuurd.")
    help = gettext_lazy(
        "De gemeente blijft verantwoordelijk; de partner ziet de klacht daarna ook."
    )
    api_component = "ForwardToPartner"
    api_path = "forward"
    api_flag = "forward"
    api_created = True
    api_summary = "Forward to a partner"
    api_description = (
        "The municipality stays responsible; the partner's users see the complaint from now "
        "on. The partner gets it by e-mail with a reply link (no account needed) when it has "
        "an address, and the complainant the forward notice. 409 when the complaint is "
        "closed."
    )

    def _check(self, ctx: Context) -> tuple[Partner | None, str]:
        partner = ctx.data.get("partner")
        if partner is None or not partner.is_active:
            ctx.errors.add("partner", _("Kies een actieve samenwerkingspartner."))
        elif ctx.complaint.forwards.filter(partner=partner).exists():
            ctx.errors.add("partner", _("Deze klacht is al naar %(p)s gestuurd.") % {"p": partner})
        note = (ctx.data.get("note") or "").strip()
        if len(note) > NOTE_MAX:
            ctx.errors.add(
                "note",
                _("Een toelichting mag hoogstens %(max)s tekens zijn.") % {"max": "10.000"},
            )
        ctx.errors.raise_if_any()
        return partner, note

    def apply(self, ctx: Context) -> Done:
        partner, note = self._check(ctx)
        complaint, today = ctx.complaint, deadlines.today()
        address = partner.forward_address
        token = tokens.new_token() if address else ""
        forward = Forward.objects.create(
            complaint=complaint,
            partner=partner,
            forwarded_on=today,
            forwarded_by=ctx.actor,
            note=note,
            sent_to=address,
            reply_token_hash=tokens.hash_token(token) if token else "",
            reply_due_on=workdays.working_calendar().add_working_days(
                today, partner.reply_term_working_days
            ),
        )
        if address:
            with register_language():
                subject = _("Klacht %(reference)s doorgestuurd door %(municipality)s") % {
                    "reference": complaint.reference,
                    "municipality": Municipality.current().name,
                }
                context = {
                    "complaint": complaint,
                    "forward": forward,
                    "partner": partner,
                    "reply_url": reply_url(token),
                    "contact_person": complaint.handler or ctx.actor,
                }
                sending.email(
                    to=address,
                    subject=subject,
                    template=TEMPLATE_FORWARD,
                    context=context,
                    complaint=complaint,
                )
        done = Done(_summary(forward, partner, address), {"forwards": (None, partner)}, forward)
        ctx.extra["notice"] = {
            "to_name": partner.name,
            "to_contact": partner_contact(partner),
            "explanation": note,
            "is_partner": True,
        }
        return done

    def after(self, ctx: Context) -> None:
        # The forward notice to the complainant, after the FORWARDED line on the timeline.
        sending.letter("forward_notice", ctx, ctx.extra["notice"])

    def message(self, result) -> str:
        forward, complaint = result.record, result.complaint
        if forward.sent_to:
            return _(
                "Klacht %(ref)s is doorgestuurd naar %(partner)s. De partner kreeg een e-mail "
                "met een antwoordlink op %(to)s."
            ) % {"ref": complaint.reference, "partner": forward.partner, "to": forward.sent_to}
        return _(
            "Klacht %(ref)s is doorgestuurd naar %(partner)s. De partner heeft geen "
            "e-mailadres: de medewerkers van de partner zien de klacht in het partnerportaal."
        ) % {"ref": complaint.reference, "partner": forward.partner}
