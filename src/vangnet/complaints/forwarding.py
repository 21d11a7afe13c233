"""Forwarding a complaint to a partner, the partner's reply, reminders and escalation.

The municipality stays responsible for a forwarded complaint until the partner has
reported back what it did (seed 002). The route:

1. `forward_to_partner`: a handler or coordinator forwards the complaint. The partner
   gets an e-mail at `partner.forward_address` with the complaint, the complainant's
   contact details and a secret reply link (no account needed); the partner's users see
   the complaint in the partner portal as well. Without an address only the portal
   remains (the record says no e-mail was sent). The complainant gets the forward
   notice letter.
2. `record_partner_reply`: the partner reports back, once: through the reply link
   (`resolve_reply_token`; actor None, the name of who replies is required) or as a
   partner user in the portal. The handler (without one: the coordinators) is e-mailed.
3. `remind_partners`: the daily job. A reminder on the first working day after the
   reply term; an escalation to the coordinators when there is still no reply
   `Municipality.partner_escalation_working_days` working days after the reminder.

Reply links follow `vangnet.public.statuslinks`: the token is `secrets.token_urlsafe(32)`,
only its SHA-256 hash is stored (`Forward.reply_token_hash`), and it is looked up by
that hash and compared in constant time. A link works until the partner replied; after
that it shows (read-only) what was sent. A reminder makes a new token, because only the
hash is kept and the old link cannot be mailed again: the earlier link stops working
and the reminder says so.

Every e-mail is written in the register's language (LANGUAGE_CODE) and goes through
`vangnet.letters.outbox`, in the service's transaction: nothing leaves when it rolls
back.
"""

import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Callable, Iterable
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.core import workdays
from vangnet.core.roles import Role
from vangnet.letters import outbox
from vangnet.letters.rendering import html_to_text
from vangnet.organisations.models import Municipality, Partner

from . import deadlines
from .events import Action, RecordText, log
from .models import Complaint, Forward, Kind, PartnerOutcome
from .workflow import OPEN_STATES

logger = logging.getLogger(__name__)

FORWARD_PERMISSION = "complaints.forward_complaint"
REPLY_PERMISSION = "complaints.reply_to_forward"

#: Random bytes in a reply token; `token_urlsafe(32)` gives 43 characters.
TOKEN_BYTES = 32
#: What a token may look like (URL-safe base64, no padding); anything else is refused
#: before the database is asked.
_TOKEN_FORMAT = re.compile(r"^[A-Za-z0-9_-]{32,128}$")

#: Longest note to the partner, and longest reply text.
NOTE_MAX = 10_000
REPLY_ACTION_MAX = 10_000
#: Longest name of who replies (`Forward.replied_by_name`).
REPLY_NAME_MAX = 150

TEMPLATE_FORWARD = "forwarding/partner_forward.html"
TEMPLATE_REMINDER = "forwarding/partner_reminder.html"
TEMPLATE_REPLIED = "forwarding/partner_replied.html"
TEMPLATE_ESCALATED = "forwarding/partner_escalated.html"


# --- Helpers ------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _long_date(day: date) -> str:
    return date_format(day, "j F Y")


# Evaluated when the record text is written (in the register's language).
_lazy_long_date = lazy(_long_date, str)


def _require(actor, perm: str, obj=None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("U mag dit niet doen."))


def absolute_url(path: str) -> str:
    """`path` on the site as reached from outside (settings VANGNET["BASE_URL"]), for
    links in e-mail sent without a request."""
    return settings.VANGNET["BASE_URL"] + path


def reply_url(token: str) -> str:
    """The absolute reply link for `token` (the default of the daily job)."""
    return absolute_url(reverse("partnerportal:reply", args=[token]))


def partner_contact(partner: Partner) -> str:
    """How the complainant reaches the partner about the complaint: phone and/or e-mail."""
    return ", ".join(part for part in (partner.complaint_phone, partner.complaint_email) if part)


def _full_name(user) -> str:
    return (user.get_full_name() or "").strip() or user.get_username()


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


def _partner_users_with_email(partner: Partner):
    return (
        get_user_model()
        .objects.filter(is_active=True, partner=partner, groups__name=Role.PARTNER)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def _queue(*, to: str, subject: str, template: str, context: dict, complaint: Complaint) -> None:
    """Render `template` (call inside `translation.override(LANGUAGE_CODE)`) to an HTML
    e-mail with its plain-text version, and queue it in the outbox."""
    html = render_to_string(
        template, {"subject": subject, "municipality": Municipality.current(), **context}
    )
    outbox.queue(to=to, subject=subject, text=html_to_text(html), html=html, complaint=complaint)


def _register_language():
    return translation.override(settings.LANGUAGE_CODE)


def _open(complaint: Complaint) -> bool:
    return complaint.kind == Kind.COMPLAINT and complaint.state in OPEN_STATES


# --- Forward ------------------------------------------------------------------------------


@transaction.atomic
def forward_to_partner(
    *,
    actor,
    complaint: Complaint,
    partner: Partner,
    note: str = "",
    build_reply_url: Callable[[str], str],
) -> Forward:
    """Forward an open complaint to an active partner it was not forwarded to before.

    Stores the `Forward` with the reply term (`partner.reply_term_working_days` working
    days from today) and, when the partner has an address, e-mails it the complaint,
    the complainant's contact details, the reply link `build_reply_url(token)` and the
    term. Logs FORWARDED and sends the complainant the forward notice letter.
    Errors per field: `partner`, `note`."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    _require(actor, FORWARD_PERMISSION, complaint)
    if complaint.state not in OPEN_STATES:
        raise ValidationError({"partner": _("Een afgesloten klacht kan niet worden doorgestuurd.")})
    if partner is None or not partner.is_active:
        raise ValidationError({"partner": _("Kies een actieve samenwerkingspartner.")})
    if complaint.forwards.filter(partner=partner).exists():
        raise ValidationError(
            {"partner": _("Deze klacht is al naar %(p)s gestuurd.") % {"p": partner}}
        )
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": _("Een toelichting mag hoogstens %(max)s tekens zijn.") % {"max": "10.000"}}
        )

    today = deadlines.today()
    address = partner.forward_address
    token = secrets.token_urlsafe(TOKEN_BYTES) if address else ""
    forward = Forward.objects.create(
        complaint=complaint,
        partner=partner,
        forwarded_on=today,
        forwarded_by=actor,
        note=note,
        sent_to=address,
        reply_token_hash=hash_token(token) if token else "",
        reply_due_on=workdays.working_calendar().add_working_days(
            today, partner.reply_term_working_days
        ),
    )

    due = _lazy_long_date(forward.reply_due_on)
    if address:
        with _register_language():
            subject = _("Klacht %(reference)s doorgestuurd door %(municipality)s") % {
                "reference": complaint.reference,
                "municipality": Municipality.current().name,
            }
            _queue(
                to=address,
                subject=subject,
                template=TEMPLATE_FORWARD,
                context={
                    "complaint": complaint,
                    "forward": forward,
                    "partner": partner,
                    "reply_url": build_reply_url(token),
                    "contact_person": complaint.handler or actor,
                },
                complaint=complaint,
            )
        summary = RecordText(
            _lazy(
                "Doorgestuurd naar %(partner)s. E-mail met antwoordlink gestuurd naar "
                "%(to)s. Terugkoppeling uiterlijk %(due)s."
            ),
            partner=partner,
            to=address,
            due=due,
        )
    else:
        summary = RecordText(
            _lazy(
                "Doorgestuurd naar %(partner)s. Terugkoppeling uiterlijk %(due)s. Geen e-mail "
                "verstuurd: de partner heeft geen e-mailadres. De medewerkers van de partner "
                "zien de klacht in het partnerportaal."
            ),
            partner=partner,
            due=due,
        )
    log(
        complaint=complaint,
        actor=actor,
        action=Action.FORWARDED,
        summary=summary,
        changes={"forwards": (None, partner)},
    )

    from vangnet.letters.services import send_letter

    send_letter(
        kind="forward_notice",
        complaint=complaint,
        actor=actor,
        context={
            "to_name": partner.name,
            "to_contact": partner_contact(partner),
            "explanation": note,
            "is_partner": True,
        },
    )
    return forward


# --- The reply ----------------------------------------------------------------------------


def resolve_reply_token(token) -> Forward | None:
    """The forward whose reply link holds `token`, or None when the token is malformed or
    unknown (also: replaced by a reminder's new link). Callers answer 404 to None alike.
    A replied forward is returned too: the page then shows what was sent. The lookup is by
    the token's hash, so its time does not depend on how much of a guess is right."""
    if not isinstance(token, str) or not _TOKEN_FORMAT.match(token):
        return None
    digest = hash_token(token)
    forward = (
        Forward.objects.select_related("complaint", "complaint__theme", "partner")
        .filter(reply_token_hash=digest)
        .first()
    )
    if forward is None or not hmac.compare_digest(forward.reply_token_hash, digest):
        return None
    return forward


def _reply_errors(*, name: str, action: str, outcome: str, needs_name: bool) -> dict:
    errors: dict[str, list[str]] = {}
    if needs_name:
        if not name:
            errors["name"] = [_("Vul uw naam in, zodat de gemeente weet wie antwoordt.")]
        elif len(name) > REPLY_NAME_MAX:
            errors["name"] = [
                _("Uw naam mag hoogstens %(max)s tekens zijn.") % {"max": REPLY_NAME_MAX}
            ]
    if not action:
        errors["action"] = [_("Schrijf wat uw organisatie met de klacht heeft gedaan.")]
    elif len(action) > REPLY_ACTION_MAX:
        errors["action"] = [
            _("Uw tekst is %(length)s tekens. Dat mag hoogstens %(max)s zijn.")
            % {"length": f"{len(action):,}".replace(",", "."), "max": "10.000"}
        ]
    if outcome not in PartnerOutcome.values:
        errors["outcome"] = [_("Kies wat de uitkomst is.")]
    return errors


def already_replied_message(forward: Forward) -> str:
    return _(
        "Op deze klacht is al geantwoord op %(day)s. U kunt maar één keer antwoorden. "
        "Wilt u nog iets laten weten? Neem dan contact op met de gemeente."
    ) % {"day": _long_date(timezone.localdate(forward.replied_at))}


@transaction.atomic
def record_partner_reply(
    *, forward: Forward, actor=None, name: str = "", action: str, outcome: str
) -> Forward:
    """The partner reports back what it did (`action`) and the outcome (a
    `PartnerOutcome`), once. `actor` None: through the reply link, which is the
    authorization, and `name` (who replies) is required. Otherwise a partner user of
    the forward's partner (permission `complaints.reply_to_forward`); their own name is
    recorded. Errors per field: `name`, `action`, `outcome`; `forward` when a reply was
    already given. Logs PARTNER_REPLIED and e-mails the handler (without one: the
    coordinators)."""
    forward = (
        Forward.objects.select_for_update(of=("self",))
        .select_related("complaint", "partner", "complaint__handler")
        .get(pk=forward.pk)
    )
    complaint = forward.complaint
    if actor is not None:
        _require(actor, REPLY_PERMISSION, complaint)
        if actor.partner_id != forward.partner_id:
            raise PermissionDenied(_("U mag dit niet doen."))
    if forward.replied_at is not None:
        raise ValidationError({"forward": already_replied_message(forward)})

    name = (name or "").strip() if actor is None else _full_name(actor)
    action = (action or "").strip()
    errors = _reply_errors(name=name, action=action, outcome=outcome, needs_name=actor is None)
    if errors:
        raise ValidationError(errors)

    forward.replied_at = timezone.now()
    forward.replied_by = actor
    forward.replied_by_name = name[:REPLY_NAME_MAX]
    forward.reply_action = action
    forward.reply_outcome = outcome
    forward.save(
        update_fields=[
            "replied_at",
            "replied_by",
            "replied_by_name",
            "reply_action",
            "reply_outcome",
        ]
    )
    route = _lazy("via de antwoordlink") if actor is None else _lazy("in het partnerportaal")
    header = RecordText(
        _lazy("%(partner)s heeft teruggekoppeld (%(name)s, %(route)s). Uitkomst: %(outcome)s."),
        partner=forward.partner,
        name=name,
        route=route,
        outcome=PartnerOutcome(outcome).label,
    )
    log(
        complaint=complaint,
        actor=actor,
        action=Action.PARTNER_REPLIED,
        summary=f"{header}\n\n{action}",
    )
    _tell_staff_of_reply(forward)
    return forward


def _tell_staff_of_reply(forward: Forward) -> int:
    complaint = forward.complaint
    handler = complaint.handler
    if handler is not None and handler.is_active and handler.email:
        recipients: Iterable = [handler]
    else:
        recipients = coordinators_with_email()
    url = absolute_url(reverse("backoffice:complaint_detail", args=[complaint.pk]))
    count = 0
    with _register_language():
        subject = _("%(partner)s heeft geantwoord over klacht %(reference)s") % {
            "partner": forward.partner.name,
            "reference": complaint.reference,
        }
        for user in recipients:
            _queue(
                to=user.email,
                subject=subject,
                template=TEMPLATE_REPLIED,
                context={
                    "complaint": complaint,
                    "forward": forward,
                    "recipient": user,
                    "is_handler": user == handler,
                    "complaint_url": url,
                },
                complaint=complaint,
            )
            count += 1
    return count


# --- The daily job: reminders and escalation ----------------------------------------------


def remind_partners(*, today: date, build_reply_url: Callable[[str], str] | None = None) -> int:
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
    build_reply_url = build_reply_url or reply_url
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
        queued += _each(_remind, pk, today=today, build_reply_url=build_reply_url)

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
    if forward is None or forward.replied_at is not None or not _open(forward.complaint):
        return None
    return forward


def _remind(pk: int, *, today: date, build_reply_url: Callable[[str], str]) -> int:
    forward = _locked_waiting(pk)
    if forward is None or forward.reminded_on is not None:
        return 0
    complaint, partner = forward.complaint, forward.partner
    address = partner.forward_address or forward.sent_to
    context = {"complaint": complaint, "forward": forward, "partner": partner}
    count = 0
    with _register_language():
        subject = _("Herinnering: uw terugkoppeling over klacht %(reference)s") % {
            "reference": complaint.reference
        }
        if address:
            token = secrets.token_urlsafe(TOKEN_BYTES)
            forward.reply_token_hash = hash_token(token)
            _queue(
                to=address,
                subject=subject,
                template=TEMPLATE_REMINDER,
                context={**context, "reply_url": build_reply_url(token)},
                complaint=complaint,
            )
            count = 1
            summary = RecordText(
                _lazy(
                    "Herinnering gestuurd naar %(partner)s (%(to)s): de terugkoppeling was "
                    "uiterlijk %(due)s verwacht. Met een nieuwe antwoordlink; de vorige link "
                    "werkt niet meer."
                ),
                partner=partner,
                to=address,
                due=_lazy_long_date(forward.reply_due_on),
            )
        else:
            portal_url = absolute_url(reverse("partnerportal:detail", args=[complaint.pk]))
            users = list(_partner_users_with_email(partner))
            for user in users:
                _queue(
                    to=user.email,
                    subject=subject,
                    template=TEMPLATE_REMINDER,
                    context={**context, "portal_url": portal_url, "recipient": user},
                    complaint=complaint,
                )
            count = len(users)
            summary = RecordText(
                _lazy(
                    "Herinnering aan %(partner)s: de terugkoppeling was uiterlijk %(due)s "
                    "verwacht. De partner heeft geen e-mailadres; %(count)s medewerker(s) van "
                    "de partner kregen een e-mail met de link naar het partnerportaal."
                ),
                partner=partner,
                due=_lazy_long_date(forward.reply_due_on),
                count=count,
            )
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
    url = absolute_url(reverse("backoffice:complaint_detail", args=[complaint.pk]))
    with _register_language():
        subject = _("%(partner)s antwoordt niet over klacht %(reference)s") % {
            "partner": partner.name,
            "reference": complaint.reference,
        }
        for user in coordinators:
            _queue(
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
            reminded=_lazy_long_date(forward.reminded_on),
            count=len(coordinators),
        ),
    )
    return len(coordinators)
