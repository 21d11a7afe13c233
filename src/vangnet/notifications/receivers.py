"""Notifications for what lower layers report through signals: an e-mail that failed
for good (`letters.signals.message_failed`) and a required copy that could not be sent
(`complaints.signals.copy_not_sent`). A receiver's failure is logged and never undoes
what was being done (it runs in a savepoint)."""

import logging

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import RecordText
from vangnet.complaints.signals import copy_not_sent
from vangnet.letters.signals import message_failed

from .models import Kind
from .services import coordinators, handler_or_coordinators, notify

logger = logging.getLogger(__name__)


@receiver(message_failed, dispatch_uid="notify_message_failed")
def on_message_failed(sender, message, permanent=False, **kwargs) -> None:
    """The handler (or the coordinators) hear of a bounced e-mail about a complaint; when
    it carried a letter, the coordinators hear that the letter was not sent (the handler,
    when there is one, of the bounce)."""
    if message.complaint_id is None:
        return  # a reminder, a digest, a notification: about no complaint
    complaint = message.complaint
    failed = RecordText(
        _lazy("De e-mail '%(subject)s' aan %(to)s is niet afgeleverd."),
        subject=message.subject,
        to=message.to,
    )
    try:
        with transaction.atomic():
            told = set()
            if message.letter_id:
                not_sent = RecordText(
                    _lazy("De brief of kopie '%(subject)s' aan %(to)s is niet verstuurd."),
                    subject=message.subject,
                    to=message.to,
                )
                for n in notify(
                    Kind.NOT_SENT,
                    complaint=complaint,
                    text=str(not_sent),
                    recipients=coordinators(),
                ):
                    told.add(n.recipient_id)
            recipients = [u for u in handler_or_coordinators(complaint) if u.pk not in told]
            notify(Kind.EMAIL_FAILED, complaint=complaint, text=str(failed), recipients=recipients)
    except Exception:
        logger.exception("Notification of failed e-mail %s not made", message.pk)


@receiver(copy_not_sent, dispatch_uid="notify_copy_not_sent")
def on_copy_not_sent(sender, complaint, task=None, actor=None, **kwargs) -> None:
    """The coordinators hear that a copy the law requires is still to be sent."""
    text = RecordText(
        _lazy(
            "Een kopie die de wet vraagt (Awb 9:9, 9:10) kon niet worden verstuurd: er is "
            "geen adres bekend. Er staat een taak open."
        )
    )
    try:
        with transaction.atomic():
            notify(
                Kind.NOT_SENT,
                complaint=complaint,
                text=str(text),
                recipients=coordinators(),
            )
    except Exception:
        logger.exception("Notification of an unsent copy for %s not made", complaint.pk)
