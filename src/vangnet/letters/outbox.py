"""The outbox: every e-mail Vangnet sends goes through here.

`queue()` stores the message in the caller's transaction and enqueues the delivery
task once that transaction commits, so a rolled-back registration sends nothing and
a committed one is never lost: the row stays until it is sent or has failed.

`attempt_delivery()` is the one place that talks to the mail server. It locks the row,
so a message is sent at most once however many tasks or operators try at the same
time. When the server cannot be reached, or answers with a temporary (4xx) error, it
records the error and tries again later (`RETRY_DELAYS`, then every
`LAST_RETRY_DELAY`); after `MAX_ATTEMPTS` the message is marked failed. A permanent
refusal (a 5xx answer to the address, the sender or the message: "no such mailbox")
marks it failed at once: trying again would only fail again. A failed message stays
visible: on the complaint's timeline, in the coordinator's list (`failed_messages`)
and in the admin; a coordinator can send it again (`resend`).

A letter's e-mail waits for the letter's PDF, which a background task makes after the
step that sent the letter (`pdfs.py`): while the letter has no PDF, `attempt_delivery`
leaves its messages queued as they are (no attempt counted, no back-off: the mail
server is not the problem) and `due_messages` / `flush` pass them by; storing the PDF
attaches it to them and enqueues their delivery. So such an e-mail never goes without
its PDF.

When the task backend cannot run a task later (`supports_defer` false, as the
immediate backend of the test suite), the message simply stays queued; the
`flush_outbox` command (or an admin "send again") delivers it.
"""

import logging
import smtplib
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .models import Letter, OutboxMessage
from .signals import message_failed

logger = logging.getLogger(__name__)

#: Waits after the 1st, 2nd, … failed attempt; after the last one, LAST_RETRY_DELAY.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=4),
)
LAST_RETRY_DELAY = timedelta(hours=12)
#: After this many failed attempts the message is marked failed (about two days).
MAX_ATTEMPTS = 10
#: Seconds to wait for the mail server when settings.EMAIL_TIMEOUT is not set.
DEFAULT_SMTP_TIMEOUT = 30

#: Errors that mean "the mail server could not take it now": try again later, unless
#: `permanent_refusal` says the server refused for good.
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)

#: Who may send a failed e-mail again (the coordinator; see core/permissions.py).
RESEND_PERMISSION = "complaints.resend_email"


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"  # failed, another attempt is planned
    FAILED = "failed"  # failed for the last time
    NOT_DUE = "not_due"  # an earlier task; a later one is planned
    WAITING = "waiting"  # its letter's PDF is not made yet; storing it enqueues delivery
    SKIPPED = "skipped"  # already sent or failed, or gone


def retry_delay(attempts: int) -> timedelta:
    """The wait after `attempts` failed attempts (1 → the first delay)."""
    if attempts <= len(RETRY_DELAYS):
        return RETRY_DELAYS[max(attempts, 1) - 1]
    return LAST_RETRY_DELAY


def queue(
    *,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    complaint=None,
    letter: Letter | None = None,
    attachment: tuple[str, bytes | FieldFile] | None = None,
) -> OutboxMessage:
    """Store an e-mail to one address and deliver it after the caller's transaction
    commits. `attachment` is (file name, content): PDF bytes, or a file already stored
    (such as `letter.pdf`), which is shared rather than copied. A message of a `letter`
    whose PDF is not made yet waits for it: the PDF becomes its attachment (under this
    file name) and its delivery is enqueued when the PDF is stored (`pdfs.store_pdf`)."""
    validate_email(to)
    message = OutboxMessage(
        to=to,
        subject=subject,
        text=text,
        html=html,
        complaint=complaint,
        letter=letter,
        next_attempt_at=timezone.now(),
    )
    if attachment is not None:
        filename, content = attachment
        message.attachment_name = filename
        if isinstance(content, FieldFile):
            message.attachment.name = content.name
        else:
            message.attachment.save(filename, ContentFile(content), save=False)
    message.save()
    if letter is None or letter.pdf:
        transaction.on_commit(lambda: schedule(message.pk), robust=True)
    return message


def waits_for_pdf(message: OutboxMessage) -> bool:
    """True while the message's letter has no PDF yet (see the module). A letter's
    message without an attachment gets the letter's PDF (shared) once it is there."""
    if message.letter_id is None:
        return False
    pdf = Letter.objects.filter(pk=message.letter_id).values_list("pdf", flat=True).first()
    if not pdf:
        return True
    if not message.attachment:
        message.attachment.name = pdf
        message.save(update_fields=["attachment"])
    return False


def schedule(message_id: int, *, run_after: datetime | None = None) -> bool:
    """Enqueue the delivery task, at `run_after` when the backend can run tasks later.
    Returns False when it left the message for `flush_outbox` instead."""
    from .tasks import deliver

    if run_after is not None:
        if not deliver.get_backend().supports_defer:
            return False
        deliver.using(run_after=run_after).enqueue(message_id)
    else:
        deliver.enqueue(message_id)
    return True


def _build_email(message: OutboxMessage) -> EmailMultiAlternatives:
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_SMTP_TIMEOUT
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        connection=get_connection(timeout=timeout),
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    if message.attachment:
        with message.attachment.open("rb") as stored:
            content = stored.read()
        email.attach(message.attachment_name or "bijlage.pdf", content, "application/pdf")
    return email


def attempt_delivery(message_id: int) -> Outcome:
    """Try to send one queued message whose time has come. Safe to call any number of
    times, from any number of processes: a sent message is never sent again."""
    retry_at = None
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.state != OutboxMessage.State.QUEUED:
            return Outcome.SKIPPED
        if waits_for_pdf(message):
            return Outcome.WAITING
        now = timezone.now()
        if message.next_attempt_at and message.next_attempt_at > now:
            return Outcome.NOT_DUE
        try:
            _build_email(message).send()
        except DELIVERY_ERRORS as error:
            message.attempts += 1
            refusal = permanent_refusal(error)
            message.last_error = (refusal or f"{type(error).__name__}: {error}")[:2000]
            if refusal:
                # "No such mailbox" today is "no such mailbox" tomorrow: a person must look.
                message.state = OutboxMessage.State.FAILED
                message.next_attempt_at = None
                _record_failure(message, permanent=True)
                outcome = Outcome.FAILED
                logger.error("E-mail %s to %s refused for good: %s", message.pk, message.to, error)
            elif message.attempts >= MAX_ATTEMPTS:
                message.state = OutboxMessage.State.FAILED
                message.next_attempt_at = None
                _record_failure(message)
                outcome = Outcome.FAILED
                logger.error("E-mail %s to %s failed for good: %s", message.pk, message.to, error)
            else:
                message.next_attempt_at = retry_at = now + retry_delay(message.attempts)
                outcome = Outcome.RETRY
                logger.warning(
                    "E-mail %s to %s not delivered (attempt %s), next at %s: %s",
                    message.pk,
                    message.to,
                    message.attempts,
                    retry_at,
                    error,
                )
            message.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])
        except Exception as error:
            # Not the server but the message (a malformed header, say): trying again
            # will not help, and it must not block the rest of the queue.
            logger.exception("E-mail %s to %s cannot be sent", message.pk, message.to)
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            message.state = OutboxMessage.State.FAILED
            message.next_attempt_at = None
            _record_failure(message)
            message.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])
            outcome = Outcome.FAILED
        else:
            message.attempts += 1
            message.state = OutboxMessage.State.SENT
            message.sent_at = timezone.now()
            message.next_attempt_at = None
            message.last_error = ""
            message.save(
                update_fields=["attempts", "state", "sent_at", "next_attempt_at", "last_error"]
            )
            outcome = Outcome.SENT
    if retry_at is not None:
        try:
            schedule(message_id, run_after=retry_at)
        except Exception:  # the message stays queued; flush_outbox picks it up
            logger.exception("Could not schedule the next attempt for e-mail %s", message_id)
    return outcome


def _is_permanent(code) -> bool:
    return isinstance(code, int) and 500 <= code < 600


def _reply_text(reply) -> str:
    if isinstance(reply, bytes):
        return reply.decode("utf-8", "replace")
    return str(reply)


def permanent_refusal(error: BaseException) -> str | None:
    """When the mail server refused for good (an SMTP 5xx reply to the recipient, the
    sender or the message): a plain Dutch explanation followed by the technical reply,
    to keep as the message's last error. None when another attempt may succeed: a 4xx
    reply ("try again later", "mailbox busy"), or no connection at all."""
    with translation.override(settings.LANGUAGE_CODE):  # stored: the register's language
        if isinstance(error, smtplib.SMTPRecipientsRefused):
            replies = error.recipients or {}
            if not replies or not all(_is_permanent(code) for code, _r in replies.values()):
                return None
            explanation = _(
                "De mailserver van de ontvanger weigert dit e-mailadres. Misschien bestaat "
                "het adres niet (meer) of is het verkeerd geschreven. Controleer het adres; "
                "vanzelf opnieuw proberen helpt niet."
            )
            detail = "; ".join(
                f"{address}: {code} {_reply_text(reply)}"
                for address, (code, reply) in replies.items()
            )
        elif isinstance(error, smtplib.SMTPSenderRefused):
            if not _is_permanent(error.smtp_code):
                return None
            explanation = _(
                "De mailserver weigert ons afzenderadres. Laat de beheerder de "
                "e-mailinstellingen controleren en verstuur de e-mail daarna opnieuw."
            )
            detail = f"{error.smtp_code} {_reply_text(error.smtp_error)} ({error.sender})"
        elif isinstance(error, smtplib.SMTPDataError):
            if not _is_permanent(error.smtp_code):
                return None
            explanation = _(
                "De mailserver weigert dit bericht, bijvoorbeeld omdat het te groot is of "
                "voor spam wordt aangezien. Vanzelf opnieuw proberen helpt niet."
            )
            detail = f"{error.smtp_code} {_reply_text(error.smtp_error)}"
        else:
            return None
        return f"{explanation} ({_('technisch')}: {type(error).__name__}: {detail})"


def _record_failure(message: OutboxMessage, *, permanent: bool = False) -> None:
    """A failed e-mail about a complaint goes on its timeline: the coordinator must know
    that, say, the acknowledgement never arrived. Higher layers hear of it through
    `signals.message_failed`."""
    if message.complaint_id is not None:
        _record_on_timeline(message, permanent=permanent)
    message_failed.send(sender=OutboxMessage, message=message, permanent=permanent)


def _record_on_timeline(message: OutboxMessage, *, permanent: bool) -> None:
    from vangnet.complaints.events import Action, RecordText, log

    if permanent:
        summary = RecordText(
            _lazy(
                "De e-mail '%(subject)s' aan %(to)s is niet afgeleverd: de mailserver "
                "weigert hem. Er volgt geen nieuwe poging; de klachtcoördinator kan hem "
                "opnieuw versturen. Fout: %(error)s"
            ),
            subject=message.subject,
            to=message.to,
            error=message.last_error,
        )
    else:
        summary = RecordText(
            _lazy(
                "De e-mail '%(subject)s' aan %(to)s is niet afgeleverd "
                "(%(attempts)s pogingen). Laatste fout: %(error)s"
            ),
            subject=message.subject,
            to=message.to,
            attempts=message.attempts,
            error=message.last_error,
        )
    log(complaint=message.complaint, actor=None, action=Action.EMAIL_FAILED, summary=summary)


def due_messages():
    """Queued messages whose next attempt has come, oldest first; not those waiting for
    their letter's PDF."""
    return (
        OutboxMessage.objects.filter(
            state=OutboxMessage.State.QUEUED, next_attempt_at__lte=timezone.now()
        )
        .filter(Q(letter__isnull=True) | Q(letter__pdf__gt=""))
        .order_by("next_attempt_at", "id")
    )


def waiting_for_pdf():
    """Queued messages waiting for their letter's PDF."""
    return OutboxMessage.objects.filter(state=OutboxMessage.State.QUEUED, letter__pdf="")


def flush() -> dict[Outcome, int]:
    """Try every due message now, in this process. Returns a count per outcome."""
    counts = dict.fromkeys(Outcome, 0)
    for message_id in list(due_messages().values_list("pk", flat=True)):
        counts[attempt_delivery(message_id)] += 1
    return counts


@transaction.atomic
def send_again(message: OutboxMessage) -> bool:
    """Put a failed (or waiting) message back in the queue, due now, with a fresh set of
    attempts, and enqueue its delivery. A sent message is not sent again: False."""
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.state == OutboxMessage.State.SENT:
        return False
    message.state = OutboxMessage.State.QUEUED
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.save(update_fields=["state", "attempts", "next_attempt_at"])
    transaction.on_commit(lambda: schedule(message.pk), robust=True)
    return True


# --- Failed e-mail: shown to the coordinator, sent again by a person ----------------------


def failed_for(complaint) -> QuerySet[OutboxMessage]:
    """The e-mails about `complaint` that failed for good, newest first."""
    return OutboxMessage.objects.filter(
        complaint=complaint, state=OutboxMessage.State.FAILED
    ).order_by("-created_at", "-id")


def failed_messages(user) -> QuerySet[OutboxMessage]:
    """Failed e-mails for the user who may send them again (the coordinator): those
    about a complaint they can see, and those about no complaint (reminders, digests).
    Nobody else gets any. Newest first, with the complaint loaded."""
    from vangnet.complaints.selectors import visible_complaints

    if not (user and user.is_authenticated and user.has_perm(RESEND_PERMISSION)):
        return OutboxMessage.objects.none()
    return (
        OutboxMessage.objects.filter(state=OutboxMessage.State.FAILED)
        .filter(Q(complaint__isnull=True) | Q(complaint__in=visible_complaints(user)))
        .select_related("complaint")
        .order_by("-created_at", "-id")
    )


def resend(*, actor, message: OutboxMessage) -> OutboxMessage:
    """A coordinator sends a failed e-mail again: back in the queue with a fresh set of
    attempts, delivered after the commit; the complaint's timeline records who did it.
    Only a failed message: one that is sent or still queued is refused with a message.
    Raises PermissionDenied without `complaints.resend_email` on the complaint."""
    from vangnet.complaints.events import Action, RecordText, log

    complaint = message.complaint if message.complaint_id else None
    if not actor.has_perm(RESEND_PERMISSION, complaint):
        raise PermissionDenied
    with transaction.atomic():
        current = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if current.state == OutboxMessage.State.SENT:
            raise ValidationError(_("Deze e-mail is al verstuurd. Hij gaat niet nog een keer."))
        if current.state == OutboxMessage.State.QUEUED:
            raise ValidationError(
                _("Deze e-mail staat al in de wachtrij. Hij wordt vanzelf verstuurd.")
            )
        previous_error = current.last_error
        send_again(current)
        if complaint is not None:
            log(
                complaint=complaint,
                actor=actor,
                action=Action.EMAIL_RESENT,
                summary=RecordText(
                    _lazy(
                        "De e-mail '%(subject)s' aan %(to)s is opnieuw verstuurd. "
                        "Eerdere fout: %(error)s"
                    ),
                    subject=current.subject,
                    to=current.to,
                    error=previous_error,
                ),
            )
    current.refresh_from_db()
    return current
