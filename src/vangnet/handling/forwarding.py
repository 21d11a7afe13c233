"""Forwards to partners after the forward itself (`actions.forward`): the reply link,
and the daily follow-up of partners that do not reply.

The municipality stays responsible for a forwarded complaint until the partner has
reported back (seed 002). The partner replies once (`actions.partner_reply`): through
the reply link (`resolve_reply_token`; no account) or as a partner user in the portal.
`remind_partners` is a daily job: a reminder on the first working day after the reply
term; an escalation to the coordinators when there is still no reply
`Municipality.partner_escalation_working_days` working days after the reminder.

A reminder makes a new reply token, because only the hash is kept and the old link
cannot be mailed again: the earlier link stops working and the reminder says so. Every
e-mail is written in the register's language and goes through the outbox, in the
transaction: nothing leaves when it rolls back.
"""

import logging
from collections.abc import Callable
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import Action, RecordText, log
from vangnet.complaints.models import Forward, Kind
from vangnet.complaints.workflow import OPEN_STATES
from vangnet.core import tokens, workdays
from vangnet.core.dates import lazy_long_date, long_date
from vangnet.core.i18n import register_language
from vangnet.core.roles import Role
from vangnet.core.urls import site_url
from vangnet.organisations.models import Municipality, Partner

from . import sending

logger = logging.getLogger(__name__)

REPLY_PERMISSION = "complaints.reply_to_forward"

TEMPLATE_FORWARD = "forwarding/partner_forward.html"
TEMPLATE_REMINDER = "forwarding/partner_reminder.html"
TEMPLATE_REPLIED = "forwarding/partner_replied.html"
TEMPLATE_ESCALATED = "forwarding/partner_escalated.html"


def reply_url(token: str) -> str:
    """The full reply link for `token`."""
    return site_url("partnerportal:reply", token)


def partner_contact(partner: Partner) -> str:
    """How the complainant reaches the partner about the complaint: phone and/or e-mail."""
    return ", ".join(part for part in (partner.complaint_phone, partner.complaint_email) if part)


def coordinators_with_email():
    """Active coordinators with an e-mail address: who hears of escalations, and of a
    partner's reply when the complaint has no handler."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.COORDINATOR)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def partner_users_with_email(partner: Partner):
    return (
        get_user_model()
        .objects.filter(is_active=True, partner=partner, groups__name=Role.PARTNER)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def resolve_reply_token(token) -> Forward | None:
    """The forward whose reply link holds `token`, or None when the token is malformed or
    unknown (also: replaced by a reminder's new link). Callers answer 404 to None alike.
    A replied forward is returned too: the page then shows what was sent."""
    return tokens.find_by_token(
        Forward.objects.select_related("complaint", "complaint__theme", "partner"),
        token,
        field="reply_token_hash",
    )


def already_replied_message(forward: Forward) -> str:
    return _(
        "Op deze klacht is al geantwoord op %(day)s. U kunt maar één keer antwoorden. "
        "Wilt u nog iets laten weten? Neem dan contact op met de gemeente."
    ) % {"day": long_date(forward.replied_at)}


# --- The daily job: reminders and escalation ----------------------------------------------


def remind_partners(*, today: date) -> int:
    """Remind partners that did not reply in time; escalate to the coordinators when the
    reminder did not help either. Run once per working day (on another day it does
    nothing); running it again the same day sends nothing twice. Complaints that are
    closed are skipped. Returns the number of e-mails queued.

    - A forward without a reply whose `reply_due_on` is before `today` and that was not
      reminded yet: a reminder with a new reply link to the partner's address (the
      earlier link stops working); without an address, a reminder with the portal link
      to the partner's users. `reminded_on` is set; PARTNER_REMINDED logged.
    - A forward reminded at least `partner_escalation_working_days` working days before
      `today`, still without a reply and not escalated: `escalated_on` is set, every
      coordinator with an e-mail address is told, PARTNER_ESCALATED logged.
    Each forward is handled in its own transaction: one failure does not stop the rest.
    """
    calendar = workdays.working_calendar()
    if not calendar.is_working_day(today):
        return 0
    policy = Municipality.current()
    waiting = Forward.objects.filter(
        replied_at__isnull=True,
        complaint__kind=Kind.COMPLAINT,
        complaint__state__in=OPEN_STATES,
    )
    queued = 0
    to_remind = waiting.filter(reminded_on__isnull=True, reply_due_on__lt=today).order_by(
        "reply_due_on", "pk"
    )
    for pk in list(to_remind.values_list("pk", flat=True)):
        queued += _each(_remind, pk, today=today)

    to_escalate = waiting.filter(escalated_on__isnull=True, reminded_on__lt=today).order_by(
        "reminded_on", "pk"
    )
    for pk, reminded_on in list(to_escalate.values_list("pk", "reminded_on")):
        if calendar.working_days_between(reminded_on, today) >= (
            policy.partner_escalation_working_days
        ):
            queued += _each(_escalate, pk, today=today, policy=policy)
    return queued


def _each(handle: Callable[..., int], pk: int, **kwargs) -> int:
    try:
        with transaction.atomic():
            return handle(pk, **kwargs)
    except Exception:
        logger.exception("Partner reminder for forward %s failed; the others go on", pk)
        return 0


def _locked_waiting(pk: int) -> Forward | None:
    forward = (
        Forward.objects.select_for_update(of=("self",))
        .select_related("complaint", "partner")
        .filter(pk=pk)
        .first()
    )
    if forward is None or forward.replied_at is not None or not forward.complaint.is_open:
        return None
    if not forward.complaint.is_complaint:
        return None
    return forward


def _remind_by_link(forward: Forward, address: str, subject: str, context: dict) -> RecordText:
    token = tokens.new_token()
    forward.reply_token_hash = tokens.hash_token(token)
    sending.email(
        to=address,
        subject=subject,
        template=TEMPLATE_REMINDER,
        context={**context, "reply_url": reply_url(token)},
        complaint=forward.complaint,
    )
    return RecordText(
        _lazy(
            "Herinnering gestuurd naar %(partner)s (%(to)s): de terugkoppeling was "
            "uiterlijk %(due)s verwacht. Met een nieuwe antwoordlink; de vorige link "
            "werkt niet meer."
        ),
        partner=forward.partner,
        to=address,
        due=lazy_long_date(forward.reply_due_on),
    )


def _remind_in_portal(forward: Forward, subject: str, context: dict) -> tuple[RecordText, int]:
    portal_url = site_url("partnerportal:detail", forward.complaint.pk)
    users = list(partner_users_with_email(forward.partner))
    for user in users:
        sending.email(
            to=user.email,
            subject=subject,
            template=TEMPLATE_REMINDER,
            context={**context, "portal_url": portal_url, "recipient": user},
            complaint=forward.complaint,
        )
    summary = RecordText(
        _lazy(
            "Herinnering aan %(partner)s: de terugkoppeling was uiterlijk %(due)s "
            "verwacht. De partner heeft geen e-mailadres; %(count)s medewerker(s) van "
            "de partner kregen een e-mail met de link naar het partnerportaal."
        ),
        partner=forward.partner,
        due=lazy_long_date(forward.reply_due_on),
        count=len(users),
    )
    return summary, len(users)


def _remind(pk: int, *, today: date) -> int:
    forward = _locked_waiting(pk)
    if forward is None or forward.reminded_on is not None:
        return 0
    complaint, partner = forward.complaint, forward.partner
    address = partner.forward_address or forward.sent_to
    context = {"complaint": complaint, "forward": forward, "partner": partner}
    with register_language():
        subject = _("Herinnering: uw terugkoppeling over klacht %(reference)s") % {
            "reference": complaint.reference
        }
        if address:
            summary, count = _remind_by_link(forward, address, subject, context), 1
        else:
            summary, count = _remind_in_portal(forward, subject, context)
    forward.reminded_on = today
    forward.save(update_fields=["reminded_on", "reply_token_hash"])
    log(complaint=complaint, actor=None, action=Action.PARTNER_REMINDED, summary=summary)
    return count


def _escalate(pk: int, *, today: date, policy: Municipality) -> int:
    forward = _locked_waiting(pk)
    if forward is None or forward.escalated_on is not None or forward.reminded_on is None:
        return 0
    complaint, partner = forward.complaint, forward.partner
    coordinators = list(coordinators_with_email())
    url = site_url("backoffice:complaint_detail", complaint.pk)
    with register_language():
        subject = _("%(partner)s antwoordt niet over klacht %(reference)s") % {
            "partner": partner.name,
            "reference": complaint.reference,
        }
        for user in coordinators:
            sending.email(
                to=user.email,
                subject=subject,
                template=TEMPLATE_ESCALATED,
                context={
                    "complaint": complaint,
                    "forward": forward,
                    "partner": partner,
                    "recipient": user,
                    "complaint_url": url,
                    "working_days": policy.partner_escalation_working_days,
                },
                complaint=complaint,
            )
    forward.escalated_on = today
    forward.save(update_fields=["escalated_on"])
    log(
        complaint=complaint,
        actor=None,
        action=Action.PARTNER_ESCALATED,
        summary=RecordText(
            _lazy(
                "%(partner)s heeft niet geantwoord, ook niet na de herinnering van "
                "%(reminded)s. Gemeld aan de klachtcoördinator (%(count)s e-mail(s))."
            ),
            partner=partner,
            reminded=lazy_long_date(forward.reminded_on),
            count=len(coordinators),
        ),
    )
    return len(coordinators)
