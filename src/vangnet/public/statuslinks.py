"""Status links: the secret link with which a resident follows their complaint.

The link holds a random token (`secrets.token_urlsafe(32)`); the database keeps only its
SHA-256 hash, so a copy of the database opens no status page. A link works until it
expires (settings `VANGNET["STATUS_LINK_DAYS"]`, default 180 days) or is revoked. The
token is the resident's only authorization on the status page: whoever has the link may
read the status, add information and withdraw the complaint.

Public functions:
- `issue_status_link(complaint)` -> the token (to put in a link; shown or mailed once);
- `resolve(token)` -> the working `StatusLink`, or None (unknown, expired, revoked,
  malformed: one answer for all);
- `revoke_all(complaint, actor)`, `reissue_status_link(...)` for the back office;
- `email_status_link(...)`, `send_link_again(...)` and the rate limit
  (`register_request`) for "send me my link again".
"""

import importlib
import importlib.util
import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import Action, RecordText, log
from vangnet.complaints.models import Complaint
from vangnet.core import tokens
from vangnet.core.dates import lazy_long_date
from vangnet.core.urls import site_url
from vangnet.organisations.models import Municipality

from .models import StatusLink, StatusRequest

logger = logging.getLogger(__name__)

#: "Send me my link again": at most this many requests per hour from one IP address and
#: for one reference, and this many new links per complaint per hour.
REQUESTS_PER_HOUR = 5
RATE_WINDOW = timedelta(hours=1)
#: Request log rows older than this are deleted when a new request comes in.
REQUEST_LOG_KEPT = timedelta(days=1)

#: Who may revoke and reissue links in the back office.
MANAGE_PERMISSION = "complaints.assign_complaint"


def lifetime() -> timedelta:
    return timedelta(days=settings.VANGNET["STATUS_LINK_DAYS"])


# --- Issue, resolve, revoke -------------------------------------------------------------


@transaction.atomic
def issue_status_link(
    complaint: Complaint,
    *,
    revoke_others: bool = False,
    actor=None,
    summary: "str | RecordText | None" = None,
) -> str:
    """Make a new link for `complaint` and return its token (the only time it exists in
    plain text). Earlier links keep working unless `revoke_others` (which needs the
    back-office permission when an actor is given). The event is on the timeline;
    `summary` replaces its standard text."""
    if revoke_others:
        revoke_all(complaint, actor)
    token = tokens.new_token()
    now = timezone.now()
    link = StatusLink.objects.create(
        complaint=complaint,
        token_hash=tokens.hash_token(token),
        created_at=now,
        expires_at=now + lifetime(),
    )
    log(
        complaint=complaint,
        actor=actor,
        action=Action.STATUS_LINK_ISSUED,
        summary=summary
        or RecordText(
            _lazy("Statuslink gemaakt, geldig tot %(until)s."),
            until=lazy_long_date(link.expires_at),
        ),
    )
    return token


def status_url(token: str) -> str:
    """The full link to the status page for `token`, for e-mail and letters."""
    return site_url("public:status", token)


def resolve(token) -> StatusLink | None:
    """The working link for `token`, or None when the token is malformed, unknown,
    expired or revoked (callers answer 404 to all alike). The lookup is by the token's
    hash, so its time does not depend on how much of a guessed token is right."""
    link = tokens.find_by_token(StatusLink.objects.select_related("complaint"), token)
    if link is None or not link.is_active():
        return None
    return link


def mark_used(link: StatusLink) -> None:
    now = timezone.now()
    StatusLink.objects.filter(pk=link.pk).update(last_used_at=now)
    link.last_used_at = now


def active_links(complaint: Complaint) -> QuerySet[StatusLink]:
    return StatusLink.objects.filter(
        complaint=complaint, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )


def _require_manager(actor, complaint: Complaint) -> None:
    if actor is not None and not actor.has_perm(MANAGE_PERMISSION, complaint):
        raise PermissionDenied(_("U mag dit niet doen."))


@transaction.atomic
def revoke_all(complaint: Complaint, actor) -> int:
    """Revoke every link of the complaint; return how many were still working. `actor`
    None is the system; a staff member needs the back-office permission."""
    _require_manager(actor, complaint)
    now = timezone.now()
    working = active_links(complaint).count()
    revoked = StatusLink.objects.filter(complaint=complaint, revoked_at__isnull=True).update(
        revoked_at=now
    )
    if revoked:
        log(
            complaint=complaint,
            actor=actor,
            action=Action.STATUS_LINK_REVOKED,
            summary=RecordText(
                _lazy("Alle statuslinks ingetrokken. Aantal dat nog werkte: %(count)s."),
                count=working,
            ),
        )
    return working


def summary_for_staff(complaint: Complaint) -> dict:
    """What the back office shows about the complaint's links (never a token)."""
    figures = StatusLink.objects.filter(complaint=complaint).aggregate(
        active=Count("pk", filter=Q(revoked_at__isnull=True, expires_at__gt=timezone.now())),
        last_used_at=Max("last_used_at"),
    )
    return {**figures, "email": contact_email(complaint)}


# --- E-mail -----------------------------------------------------------------------------


def contact_email(complaint: Complaint) -> str:
    """Where a new link goes: the complainant's address, else the representative's."""
    return (complaint.complainant_email or complaint.representative_email or "").strip()


def _outbox():
    """The letters app's outbox when it exists (checked at call time), else None."""
    if importlib.util.find_spec("vangnet.letters.outbox") is None:
        return None
    return importlib.import_module("vangnet.letters.outbox")


def email_status_link(
    *, complaint: Complaint, token: str, to: str, url: str, replaced: bool = False
) -> None:
    """Send the link for `token` (an absolute `url`) to `to`: through the letters outbox
    when it exists, else directly with Django's mail. `replaced`: the earlier links were
    revoked (the e-mail says so)."""
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
    outbox = _outbox()
    if outbox is not None:
        outbox.queue(to=to, subject=subject, text=text, html=html, complaint=complaint)
    else:
        send_mail(subject, text, None, [to], html_message=html)


def reissue_status_link(*, complaint: Complaint, actor) -> str:
    """Back office: revoke every link, make a new one and e-mail it to the complainant
    (or the representative). Returns the address. Refused, with nothing changed, when
    no e-mail address is known: a link nobody receives helps nobody."""
    _require_manager(actor, complaint)
    to = contact_email(complaint)
    if not to:
        raise ValidationError(
            {
                "status_link": _(
                    "Er is geen e-mailadres bekend. We kunnen geen nieuwe link sturen; "
                    "u kunt de links wel intrekken."
                )
            }
        )
    try:
        with transaction.atomic():
            token = issue_status_link(
                complaint,
                revoke_others=True,
                actor=actor,
                summary=RecordText(
                    _lazy("Nieuwe statuslink per e-mail gestuurd naar de indiener.")
                ),
            )
            email_status_link(
                complaint=complaint, token=token, to=to, url=status_url(token), replaced=True
            )
    except OSError:  # the mail server (smtplib's errors are OSErrors)
        logger.exception("Status link for %s not sent", complaint.reference)
        raise ValidationError(
            {
                "status_link": _(
                    "De e-mail kon niet worden verstuurd; er is niets veranderd. "
                    "Probeer het later opnieuw."
                )
            }
        ) from None
    return to


# --- "Send me my link again" ------------------------------------------------------------


def normalise_reference(reference: str) -> str:
    return (reference or "").strip()


def register_request(*, ip: str, reference: str) -> bool:
    """Record a request for a new link; False (and nothing recorded) when this IP
    address or this reference already asked `REQUESTS_PER_HOUR` times in the last hour.
    Counts every request, matching or not, so the limit says nothing about whether a
    reference exists."""
    now = timezone.now()
    StatusRequest.objects.filter(created_at__lt=now - REQUEST_LOG_KEPT).delete()
    ip_hash = tokens.keyed_hash("public.statuslinks.ip", ip or "unknown")
    reference_hash = tokens.keyed_hash(
        "public.statuslinks.reference", normalise_reference(reference).upper()
    )
    recent = StatusRequest.objects.filter(created_at__gte=now - RATE_WINDOW)
    if (
        recent.filter(ip_hash=ip_hash).count() >= REQUESTS_PER_HOUR
        or recent.filter(reference_hash=reference_hash).count() >= REQUESTS_PER_HOUR
    ):
        return False
    StatusRequest.objects.create(ip_hash=ip_hash, reference_hash=reference_hash, created_at=now)
    return True


def _matching_address(complaint: Complaint, email: str) -> str:
    wanted = (email or "").strip().casefold()
    if not wanted:
        return ""
    for address in (complaint.complainant_email, complaint.representative_email):
        if address and address.strip().casefold() == wanted:
            return address.strip()
    return ""


def send_link_again(*, reference: str, email: str) -> bool:
    """When `reference` is a complaint's reference (exactly) and `email` the
    complainant's or representative's address (any case), make a new link and e-mail
    it to that address. Returns whether a link was sent; the page must not show it.
    Earlier links keep working."""
    complaint = Complaint.objects.filter(reference=normalise_reference(reference)).first()
    if complaint is None:
        return False
    to = _matching_address(complaint, email)
    if not to:
        return False
    recent_links = StatusLink.objects.filter(
        complaint=complaint, created_at__gte=timezone.now() - RATE_WINDOW
    ).count()
    if recent_links >= REQUESTS_PER_HOUR:
        return False  # enough mail to this address for now; the answer stays the same
    try:
        with transaction.atomic():
            token = issue_status_link(
                complaint,
                summary=RecordText(
                    _lazy("Nieuwe statuslink aangevraagd door de indiener en per e-mail gestuurd.")
                ),
            )
            email_status_link(complaint=complaint, token=token, to=to, url=status_url(token))
    except OSError:
        # The resident gets the same answer either way (no hint that the data matched).
        logger.exception("Status link for %s not sent", complaint.reference)
        return False
    return True
