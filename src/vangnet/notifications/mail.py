"""The e-mail of a notification that its recipient wants at once. It goes through the
outbox (after the caller's transaction commits), in the register's language, and is
not tied to the complaint: a staff address that bounces must not start a notification
about itself."""

from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.core.i18n import register_language
from vangnet.core.urls import site_url
from vangnet.letters import outbox, rendering
from vangnet.organisations.models import Municipality

from .models import Notification

TEMPLATE = "notifications/email.html"


def complaint_link(complaint) -> str:
    return site_url("backoffice:complaint_detail", complaint.pk)


def email_now(
    notification: Notification,
    *,
    subject: str | None = None,
    template: str | None = None,
    context: dict | None = None,
) -> None:
    """Queue the notification's e-mail to its recipient and mark it e-mailed."""
    user, complaint = notification.recipient, notification.complaint
    with register_language():
        subject = subject or _("%(kind)s: klacht %(reference)s") % {
            "kind": notification.get_kind_display(),
            "reference": complaint.reference,
        }
        html = rendering.render_html(
            template or TEMPLATE,
            {
                "subject": subject,
                "municipality": Municipality.current(),
                "notification": notification,
                "complaint": complaint,
                "recipient": user,
                "is_handler": complaint.handler_id == user.pk,
                "complaint_url": complaint_link(complaint),
                "preferences_url": site_url("notifications:preferences"),
                **(context or {}),
            },
        )
    outbox.queue(to=user.email, subject=subject[:255], text=rendering.html_to_text(html), html=html)
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])
