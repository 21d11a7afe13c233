"""'Send me my link again': a resident who lost their status link asks for a new one
with the reference and their e-mail address. The answer is the same whether or not they
match (no hint that a reference exists); only when they do, a new link is e-mailed
(`handling.statuslinks`). A rate limit per address and per reference, kept as keyed
hashes only (`StatusRequest`)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.models import Complaint, StatusLink
from vangnet.complaints.statuslinks import issue_status_link, status_url
from vangnet.core import tokens
from vangnet.handling.statuslinks import email_status_link

from .models import StatusRequest

#: At most this many requests per hour from one IP address and for one reference, and
#: this many new links per complaint per hour.
REQUESTS_PER_HOUR = 5
RATE_WINDOW = timedelta(hours=1)
#: Request log rows older than this are deleted when a new request comes in.
REQUEST_LOG_KEPT = timedelta(days=1)


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
    with transaction.atomic():
        token = issue_status_link(
            complaint,
            summary=RecordText(
                _lazy("Nieuwe statuslink aangevraagd door de indiener en per e-mail gestuurd.")
            ),
        )
        email_status_link(complaint=complaint, token=token, to=to, url=status_url(token))
    return True
