"""Status links: the secret link with which a resident follows their complaint.

The link holds a random token (`core.tokens`); the database keeps only its SHA-256
hash, so a copy of the database opens no status page. A link works until it expires
(settings `VANGNET["STATUS_LINK_DAYS"]`, default 180 days) or is revoked. The token is
the resident's only authorisation on the status page: whoever has the link may read the
status, add information and withdraw the complaint.

- `issue_status_link(complaint)` -> the token (to put in a link; shown or mailed once);
- `status_url(token)` -> the full link (`core.urls`);
- `resolve(token)` -> the working `StatusLink`, or None (unknown, expired, revoked,
  malformed: one answer for all);
- `revoke_all(complaint, actor)` and `summary_for_staff(complaint)` for the back office.
E-mailing a link is the handling layer's (`handling.statuslinks`); "send me my link
again" is the public site's (`public.statuslinks`).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.core import tokens
from vangnet.core.dates import lazy_long_date
from vangnet.core.urls import site_url

from .events import Action, RecordText, log
from .models import Complaint, StatusLink
from .people import complainant_email

#: Who may revoke and reissue links in the back office.
MANAGE_PERMISSION = "complaints.assign_complaint"


def lifetime() -> timedelta:
    return timedelta(days=settings.VANGNET["STATUS_LINK_DAYS"])


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


def require_manager(actor, complaint: Complaint) -> None:
    if actor is not None and not actor.has_perm(MANAGE_PERMISSION, complaint):
        raise PermissionDenied(_("U mag dit niet doen."))


@transaction.atomic
def revoke_all(complaint: Complaint, actor) -> int:
    """Revoke every link of the complaint; return how many were still working. `actor`
    None is the system; a staff member needs the back-office permission."""
    require_manager(actor, complaint)
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
    return {**figures, "email": complainant_email(complaint)}
