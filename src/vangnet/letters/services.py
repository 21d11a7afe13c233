"""Letters to the complainant. Each service renders one template in the register's
language to HTML, plain text and an accessible PDF, keeps the letter on the complaint
file, sends it through the outbox (or leaves it to be printed and posted) and writes
the timeline, all in the caller's transaction."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import Action, RecordText, log
from vangnet.complaints.models import Complaint, Kind, LightPathReason
from vangnet.organisations.models import Municipality

from . import outbox, rendering
from .models import POST, Letter

ACKNOWLEDGEMENT_TEMPLATE = "letters/acknowledgement.html"


def recipient_email(complaint: Complaint) -> str:
    """Where e-mail about the complaint goes: the complainant's address, or the
    representative's when the complainant gave none. Empty: by post."""
    return complaint.complainant_email or complaint.representative_email or ""


def _address_lines(complaint: Complaint) -> list[str]:
    city = " ".join(
        part for part in (complaint.complainant_postcode, complaint.complainant_city) if part
    )
    lines = [complaint.complainant_name, complaint.complainant_street, city]
    return [line.strip() for line in lines if line and line.strip()]


def _file_name(letter_kind: str, reference: str) -> str:
    return f"{letter_kind}-{reference}.pdf"


@transaction.atomic
def send_acknowledgement(*, complaint: Complaint, status_url: str, actor=None) -> Letter:
    """Acknowledge receipt of a complaint in writing (Awb 9:6).

    Renders the letter, stores it with its PDF on the complaint, e-mails it (PDF
    attached) to `recipient_email(complaint)` through the outbox, or marks it for the
    post when there is no e-mail address, and logs LETTER_SENT. `status_url` is the
    absolute link where the complainant follows the complaint; `actor` the staff member
    who had it sent (None: the resident's own registration). Runs in the caller's
    transaction (a savepoint): the e-mail leaves only after that commits."""
    if complaint.kind != Kind.COMPLAINT:
        raise ValueError("Only a complaint is acknowledged (Awb 9:6), not a " + complaint.kind)
    to = recipient_email(complaint)
    by_representative = bool(to) and not complaint.complainant_email
    arrangement = complaint.body.arrangement_on(complaint.received_on)

    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Wij hebben uw klacht ontvangen (kenmerk %(reference)s)") % {
            "reference": complaint.reference
        }
        context = {
            "subject": subject,
            "municipality": Municipality.current(),
            "complaint": complaint,
            "today": deadlines.today(),
            "recipient_name": (
                complaint.representative_name if by_representative else complaint.complainant_name
            ),
            "on_behalf_of": complaint.complainant_name if by_representative else "",
            "address_lines": [] if to else _address_lines(complaint),
            "contact_by": complaint.preferred_contact,
            "light_path_reason": (
                LightPathReason(complaint.light_path_reason).label
                if complaint.light_path_reason
                and complaint.light_path_reason != LightPathReason.OTHER
                else ""
            ),
            "status_url": status_url,
            "ombudsman": arrangement.ombudsman if arrangement else None,
        }
        html = rendering.render_html(ACKNOWLEDGEMENT_TEMPLATE, context)
        file_name = _file_name(_("ontvangstbevestiging"), complaint.reference)

    pdf = rendering.render_pdf(html)
    letter = Letter(
        complaint=complaint,
        kind=Letter.Kind.ACKNOWLEDGEMENT,
        subject=subject,
        html=html,
        sent_to=to or POST,
    )
    letter.pdf.save(file_name, ContentFile(pdf), save=False)
    letter.save()

    if to:
        outbox.queue(
            to=to,
            subject=subject,
            text=rendering.html_to_text(html),
            html=html,
            complaint=complaint,
            letter=letter,
            attachment=(file_name, letter.pdf),
        )
        summary = RecordText(
            _lazy("Ontvangstbevestiging (Awb 9:6) per e-mail verstuurd naar %(to)s."), to=to
        )
    else:
        summary = RecordText(
            _lazy("Ontvangstbevestiging (Awb 9:6) gemaakt; die gaat per post (geen e-mailadres).")
        )
    log(
        complaint=complaint,
        actor=actor,
        action=Action.LETTER_SENT,
        summary=summary,
        changes={"letters": (None, letter.subject)},
    )
    return letter
