"""The daily digest: one e-mail per user with the notifications they want in it (a
daily job of `core.scheduler`). Notifications read in the app meanwhile are left out;
every one the job passed is marked digested, so none is sent twice."""

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from vangnet.core.dates import long_date
from vangnet.core.i18n import register_language
from vangnet.core.urls import site_url
from vangnet.letters import outbox, rendering
from vangnet.organisations.models import Municipality

from .mail import complaint_link
from .models import Delivery, Notification

logger = logging.getLogger(__name__)

TEMPLATE = "notifications/digest.html"


def send_digests(*, today: date) -> int:
    """Queue each user's digest of the notifications waiting for it. Returns the number
    of e-mails queued."""
    waiting = (
        Notification.objects.filter(delivery=Delivery.DIGEST, digested_at__isnull=True)
        .select_related("recipient", "complaint")
        .order_by("recipient_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in waiting:
        by_user.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    now = timezone.now()
    for notifications in by_user.values():
        user = notifications[0].recipient
        unread = [n for n in notifications if n.read_at is None]
        if unread and user.is_active and user.email:
            sent += _queue(user, unread, today)
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(digested_at=now)
    return sent


def _queue(user, notifications: list[Notification], today: date) -> int:
    for notification in notifications:
        notification.complaint_url = complaint_link(notification.complaint)
    with register_language():
        subject = ngettext(
            "Uw meldingen van %(day)s: %(count)s melding",
            "Uw meldingen van %(day)s: %(count)s meldingen",
            len(notifications),
        ) % {"day": long_date(today), "count": len(notifications)}
        html = rendering.render_html(
            TEMPLATE,
            {
                "subject": subject,
                "municipality": Municipality.current(),
                "recipient": user,
                "notifications": notifications,
                "list_url": site_url("notifications:list"),
                "preferences_url": site_url("notifications:preferences"),
            },
        )
    try:
        with transaction.atomic():
            outbox.queue(
                to=user.email, subject=subject, text=rendering.html_to_text(html), html=html
            )
    except Exception:
        logger.exception("Digest to %s not queued", user.email)
        return 0
    return 1
