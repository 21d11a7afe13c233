"""E-mailing a resident their status link (`complaints.statuslinks`): the back office's
"send a new link" (every earlier link revoked), and the public site's "send me my link
again" (`public.statuslinks`), both through the outbox."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Complaint, StatusLink
from vangnet.complaints.people import complainant_email
from vangnet.complaints.statuslinks import (
    issue_status_link,
    require_manager,
    status_url,
)
from vangnet.core import tokens
from vangnet.letters import outbox
from vangnet.organisations.models import Municipality


def email_status_link(
    *, complaint: Complaint, token: str, to: str, url: str, replaced: bool = False
) -> None:
    """Send the link for `token` (an absolute `url`) to `to` through the outbox (it
    leaves after the commit). `replaced`: the earlier links were revoked (the e-mail
    says so)."""
    link = StatusLink.objects.get(token_hash=tokens.hash_token(token))
    context = {
        "complaint": complaint,
        "url": url,
        "expires_at": link.expires_at,
        "municipality": Municipality.current(),
        "replaced": replaced,
    }
    subject = _("Uw link om klacht %(reference)s te volgen") % {"reference": complaint.reference}
    text = render_to_string("public/status/email/status_link.txt", context)
    html = render_to_string("public/status/email/status_link.html", context)
    outbox.queue(to=to, subject=subject, text=text, html=html, complaint=complaint)


def reissue_status_link(*, complaint: Complaint, actor) -> str:
    """Back office: revoke every link, make a new one and e-mail it to the complainant
    (or the representative). Returns the address. Refused, with nothing changed, when
    no e-mail address is known: a link nobody receives helps nobody."""
    require_manager(actor, complaint)
    to = complainant_email(complaint)
    if not to:
        raise ValidationError(
            {
                "status_link": _(
                    "Er is geen e-mailadres bekend. We kunnen geen nieuwe link sturen; "
                    "u kunt de links wel intrekken."
                )
            }
        )
    with transaction.atomic():
        token = issue_status_link(
            complaint,
            revoke_others=True,
            actor=actor,
            summary=RecordText(_lazy("Nieuwe statuslink per e-mail gestuurd naar de indiener.")),
        )
        email_status_link(
            complaint=complaint, token=token, to=to, url=status_url(token), replaced=True
        )
    return to
