"""Filing a complaint through the public form, once: the one-time form token, the
per-address rate limit and the registration itself (with the status link and the
acknowledgement) in one transaction.

The token: every form page gets a fresh random token, signed with the secret key
(`django.core.signing`), in a hidden field; it is stored nowhere until it is used. When a
complaint is registered, the SHA-256 hash of the token is stored with it
(`models.Submission`, unique). The same token again returns that complaint (the resident
sees the same confirmation page), also when two identical requests race: the second
waits for the first's unique row and then finds it.

The rate limit counts this address's submissions of the last hour, by a keyed hash of
the address (`settings.VANGNET["PUBLIC_RATE_LIMIT_PER_HOUR"]`). Hashes older than a day
are blanked.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from vangnet.complaints import services, statuslinks
from vangnet.complaints.models import Complaint
from vangnet.core import tokens
from vangnet.handling.guard import perform

from .models import Submission

logger = logging.getLogger(__name__)

SALT = "vangnet.public.submission"
#: How long a form page's token can be sent (a resident may take their time).
TOKEN_MAX_AGE = timedelta(days=2)
RATE_WINDOW = timedelta(hours=1)
#: After this, the address hash of a submission is blanked (only the rate limit uses it).
IP_HASH_KEPT = timedelta(days=1)

_signer = signing.TimestampSigner(salt=SALT)


def new_token() -> str:
    """A signed one-time token for a fresh form page."""
    return _signer.sign(tokens.new_token())


@dataclass(frozen=True)
class TokenCheck:
    raw: str | None  # the token, when the signature is valid (expired or not)
    expired: bool = False

    @property
    def usable(self) -> bool:
        return self.raw is not None and not self.expired


def check_token(value: str | None) -> TokenCheck:
    if not value or len(value) > 200:
        return TokenCheck(raw=None)
    try:
        raw = _signer.unsign(value, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        return TokenCheck(raw=_signer.unsign(value), expired=True)
    except signing.BadSignature:
        return TokenCheck(raw=None)
    return TokenCheck(raw=raw)


def find(raw: str | None) -> Submission | None:
    """The submission made with this (raw) token, with its complaint."""
    if not raw:
        return None
    return (
        Submission.objects.select_related("complaint")
        .filter(token_hash=tokens.hash_token(raw), complaint__isnull=False)
        .first()
    )


def client_ip(request) -> str:
    # Behind a reverse proxy, set it up to pass the client's address as REMOTE_ADDR.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def ip_hash(ip: str) -> str:
    return tokens.keyed_hash("public.submission.ip", ip)


def limit_per_hour() -> int:
    return settings.VANGNET["PUBLIC_RATE_LIMIT_PER_HOUR"]


def is_rate_limited(ip: str) -> bool:
    """True when this address already filed the hourly maximum of complaints."""
    since = timezone.now() - RATE_WINDOW
    recent = Submission.objects.filter(ip_hash=ip_hash(ip), created_at__gte=since)
    return recent.count() >= limit_per_hour()


def forget_old_addresses() -> None:
    Submission.objects.filter(created_at__lt=timezone.now() - IP_HASH_KEPT).exclude(
        ip_hash=""
    ).update(ip_hash="")


class AlreadySubmitted(Exception):
    def __init__(self, submission: Submission) -> None:
        super().__init__(submission.complaint_id)
        self.submission = submission


def submit(*, raw_token: str, ip: str, data, involved_partners, files) -> Complaint:
    """Register the complaint, make its status link and send the acknowledgement, in
    one transaction.

    Raises `AlreadySubmitted` when this token was used before (also by a request running
    at the same time), `ValidationError` from the service (nothing stored then)."""
    existing = find(raw_token)
    if existing is not None:
        raise AlreadySubmitted(existing)
    forget_old_addresses()
    try:
        with transaction.atomic():
            # The token's row first: a second request with the same token waits here
            # until this transaction ends, then fails on the unique hash.
            submission = Submission.objects.create(
                token_hash=tokens.hash_token(raw_token), ip_hash=ip_hash(ip)
            )
            complaint = services.register_complaint(
                actor=None, data=data, involved_partners=involved_partners, files=files
            )
            submission.complaint = complaint
            submission.save(update_fields=["complaint"])
            token = statuslinks.issue_status_link(complaint)
            try:
                # A savepoint: a letter that cannot be made (its template; the PDF is
                # made later, by a task) must never lose the complaint. The complaint
                # then shows no acknowledgement, and its acknowledge_by deadline tells
                # the coordinator to send one.
                with transaction.atomic():
                    complaint = perform(
                        "acknowledge",
                        actor=None,
                        system=True,
                        complaint=complaint,
                        data={"status_url": statuslinks.status_url(token)},
                    ).complaint
            except Exception:
                logger.exception("Acknowledgement of %s could not be made", complaint.reference)
    except IntegrityError:
        existing = find(raw_token)
        if existing is None:
            raise
        raise AlreadySubmitted(existing) from None
    return complaint
