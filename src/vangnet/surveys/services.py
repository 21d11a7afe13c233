"""Satisfaction after closing: invite, answer, and handle an unhappy answer.

When a complaint is closed (signal `complaint_closed`, see `receivers.py`) the
complainant gets an e-mail with a secret link to two questions. The link holds a
random token (`secrets.token_urlsafe(32)`); only its SHA-256 hash is stored, as for
status links (`vangnet.public.statuslinks`). It works for `SURVEY_DAYS` days and can
be answered once. An unhappy answer (1 or 2 of 5) shows on the coordinator's work
page until the coordinator marks it seen (`mark_handled`) or reopens the complaint
(the procedure's reopen step calls `complaint_reopened`).

Public functions:
- `invite(*, complaint)` -> the invitation, or None when no survey is sent;
- `resolve(token)` -> the invitation for a link (answered or not), or None;
- `submit_response(*, invitation, satisfaction, comment="")`;
- `mark_handled(*, actor, response)`; `complaint_reopened(*, complaint, actor)`;
- `survey_url(token)`: the absolute link.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import Action, RecordText, log
from vangnet.complaints.models import Complaint, Event, Kind
from vangnet.complaints.people import complainant_email
from vangnet.complaints.workflow import Outcome, State
from vangnet.core import tokens
from vangnet.core.urls import site_url
from vangnet.letters import outbox
from vangnet.organisations.models import Municipality

from .models import COMMENT_MAX, Satisfaction, SurveyInvitation, SurveyResponse

#: How long a survey link works.
SURVEY_DAYS = 60
#: Closings after which nobody is asked how the complaint was handled: it was not
#: handled here (withdrawn, sent to another body, declined under Awb 9:8) or it was
#: no complaint at all.
NOT_SURVEYED_OUTCOMES = frozenset(
    {
        Outcome.WITHDRAWN,
        Outcome.FORWARDED_TO_BODY,
        Outcome.NOT_HANDLED,
        Outcome.NOT_A_COMPLAINT,
    }
)

#: Who looks at unhappy answers and marks them seen: whoever may reopen the complaint.
HANDLE_PERMISSION = "complaints.reopen_complaint"


def _action(name: str, value: str) -> str:
    """The timeline action from the registry (`complaints.events.Action`) once it has
    it, else its code (the timeline then shows the code)."""
    return getattr(Action, name, value)


SURVEY_SENT = _action("SURVEY_SENT", "survey_sent")
SURVEY_ANSWERED = _action("SURVEY_ANSWERED", "survey_answered")
SURVEY_HANDLED = _action("SURVEY_HANDLED", "survey_handled")


def lifetime() -> timedelta:
    return timedelta(days=SURVEY_DAYS)


def survey_url(token: str) -> str:
    """The absolute link to the survey (e-mail is sent without a request)."""
    return site_url("surveys:answer", token)


# --- Invite -----------------------------------------------------------------------------


def is_surveyed(complaint: Complaint) -> bool:
    """Whether this closed complaint's handling is asked about (an e-mail address aside)."""
    return (
        complaint.kind == Kind.COMPLAINT
        and complaint.state == State.CLOSED
        and bool(complaint.outcome)
        and complaint.outcome not in NOT_SURVEYED_OUTCOMES
    )


def _invited_for_this_closing(complaint: Complaint) -> bool:
    """An invitation was made since the complaint was last reopened (or ever, when it
    never was): one invitation per closing."""
    invitations = SurveyInvitation.objects.filter(complaint=complaint)
    last_reopened = Event.objects.filter(complaint=complaint, action=Action.REOPEN).aggregate(
        at=Max("at")
    )["at"]
    if last_reopened is not None:
        invitations = invitations.filter(created_at__gt=last_reopened)
    return invitations.exists()


def _close_open_invitations(complaint: Complaint, now) -> int:
    """End the links that can still be answered: one open invitation at a time."""
    return SurveyInvitation.objects.filter(
        complaint=complaint, answered_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)


def create_invitation(*, complaint: Complaint, to: str) -> tuple[SurveyInvitation, str]:
    """Store a new invitation for `to` and return it with its token (the only time the
    token exists in plain text). No checks and no e-mail: see `invite`."""
    token = tokens.new_token()
    now = timezone.now()
    invitation = SurveyInvitation.objects.create(
        complaint=complaint,
        token_hash=tokens.hash_token(token),
        sent_to=to,
        outcome=complaint.outcome,
        created_at=now,
        expires_at=now + lifetime(),
    )
    return invitation, token


def _queue_email(invitation: SurveyInvitation, token: str) -> None:
    complaint = invitation.complaint
    # Always in the register's language, as the letters are.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "complaint": complaint,
            "url": survey_url(token),
            "expires_at": timezone.localtime(invitation.expires_at),
            "municipality": Municipality.current(),
        }
        subject = _("Wat vindt u van de behandeling van uw klacht %(reference)s?") % {
            "reference": complaint.reference
        }
        text = render_to_string("surveys/email/invitation.txt", context)
        html = render_to_string("surveys/email/invitation.html", context)
    outbox.queue(to=invitation.sent_to, subject=subject, text=text, html=html, complaint=complaint)


@transaction.atomic
def invite(*, complaint: Complaint) -> SurveyInvitation | None:
    """Ask the complainant of a just-closed complaint what they think of its handling:
    store an invitation and queue the e-mail with the link (it leaves after the
    caller's transaction commits). None, with nothing stored, when the closing is not
    surveyed (`is_surveyed`), no e-mail address is known, or this closing already has
    an invitation. An earlier unanswered link stops working. Sent by the system."""
    if not is_surveyed(complaint):
        return None
    to = complainant_email(complaint)
    if not to:
        return None
    # Serialise invitations of one complaint (the closing transaction holds it already).
    list(Complaint.objects.select_for_update().filter(pk=complaint.pk).values_list("pk"))
    if _invited_for_this_closing(complaint):
        return None
    _close_open_invitations(complaint, timezone.now())
    invitation, token = create_invitation(complaint=complaint, to=to)
    _queue_email(invitation, token)
    log(
        complaint=complaint,
        actor=None,
        action=SURVEY_SENT,
        summary=RecordText(_lazy("Tevredenheidsvragen per e-mail gestuurd naar %(to)s."), to=to),
    )
    return invitation


# --- Answer -----------------------------------------------------------------------------


def resolve(token) -> SurveyInvitation | None:
    """The invitation for `token` while its link works (answered or not), or None when
    the token is malformed, unknown or expired (callers answer 404 to all alike)."""
    invitation = tokens.find_by_token(SurveyInvitation.objects.select_related("complaint"), token)
    if invitation is None or invitation.expires_at <= timezone.now():
        return None
    return invitation


#: Error codes of `submit_response` that concern the link, not the answer.
ALREADY_ANSWERED = "already_answered"
EXPIRED = "expired"


@transaction.atomic
def submit_response(
    *, invitation: SurveyInvitation, satisfaction, comment: str = ""
) -> SurveyResponse:
    """Store the complainant's answer: `satisfaction` 1–5 (required), `comment` at most
    `COMMENT_MAX` characters (optional). Once per invitation: a second answer (a double
    click, a second tab) is refused with code `ALREADY_ANSWERED`, an expired link with
    `EXPIRED`; errors about the answer are per field. The token is the authorisation."""
    invitation = (
        SurveyInvitation.objects.select_for_update()
        .select_related("complaint")
        .get(pk=invitation.pk)
    )
    if invitation.answered_at is not None:
        raise ValidationError(
            {
                "invitation": ValidationError(
                    _("U heeft deze vragen al beantwoord. Dank u wel."), code=ALREADY_ANSWERED
                )
            }
        )
    now = timezone.now()
    if invitation.expires_at <= now:
        raise ValidationError(
            {
                "invitation": ValidationError(
                    _("Deze link werkt niet meer. U kunt de vragen niet meer invullen."),
                    code=EXPIRED,
                )
            }
        )
    errors: dict[str, str] = {}
    try:
        score = int(satisfaction)
    except (TypeError, ValueError):
        score = None
    if score not in Satisfaction.values:
        errors["satisfaction"] = _("Kies hoe tevreden u bent.")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        errors["comment"] = _(
            "Uw tekst is %(length)s tekens. Dat mag hoogstens %(limit)s zijn."
        ) % {"length": len(comment), "limit": COMMENT_MAX}
    if errors:
        raise ValidationError(errors)
    response = SurveyResponse.objects.create(
        invitation=invitation, satisfaction=score, comment=comment, created_at=now
    )
    invitation.answered_at = now
    invitation.save(update_fields=["answered_at"])
    log(
        complaint=invitation.complaint,
        actor=None,
        action=SURVEY_ANSWERED,
        summary=RecordText(
            _lazy("De indiener heeft de tevredenheidsvragen beantwoord: %(answer)s.")
            if not comment
            else _lazy(
                "De indiener heeft de tevredenheidsvragen beantwoord: %(answer)s, "
                "met een toelichting."
            ),
            answer=Satisfaction(score).label,
        ),
    )
    return response


# --- Handle an unhappy answer -----------------------------------------------------------


def _require_handler(actor, complaint: Complaint) -> None:
    if actor is not None and not actor.has_perm(HANDLE_PERMISSION, complaint):
        raise PermissionDenied(_("U mag dit niet doen."))


@transaction.atomic
def mark_handled(*, actor, response: SurveyResponse) -> SurveyResponse:
    """The coordinator has read the answer and does not reopen the complaint: it leaves
    the list of unhappy answers. Refused when it was handled already (someone else, a
    second click)."""
    response = (
        SurveyResponse.objects.select_for_update()
        .select_related("invitation__complaint")
        .get(pk=response.pk)
    )
    complaint = response.invitation.complaint
    _require_handler(actor, complaint)
    if response.handled_at is not None:
        raise ValidationError(
            {"response": _("Deze reactie is al afgehandeld. Er is niets veranderd.")}
        )
    response.handled_at = timezone.now()
    response.handled_by = actor if getattr(actor, "pk", None) else None
    response.handling = SurveyResponse.Handling.SEEN
    response.save(update_fields=["handled_at", "handled_by", "handling"])
    log(
        complaint=complaint,
        actor=actor,
        action=SURVEY_HANDLED,
        summary=RecordText(
            _lazy("Reactie op de tevredenheidsvragen (%(answer)s) gezien; klacht niet heropend."),
            answer=response.get_satisfaction_display(),
        ),
    )
    return response


@transaction.atomic
def complaint_reopened(*, complaint: Complaint, actor) -> int:
    """Call from the procedure's reopen step, in its transaction: every answer of the
    complaint still waiting is handled by the reopening, and a survey link that was not
    answered yet stops working (the complaint is no longer closed; its next closing
    sends a new one). Returns how many answers were handled."""
    _require_handler(actor, complaint)
    now = timezone.now()
    _close_open_invitations(complaint, now)
    handled = SurveyResponse.objects.filter(
        invitation__complaint=complaint, handled_at__isnull=True
    ).update(
        handled_at=now,
        handled_by=actor if getattr(actor, "pk", None) else None,
        handling=SurveyResponse.Handling.REOPENED,
    )
    if handled:
        log(
            complaint=complaint,
            actor=actor,
            action=SURVEY_HANDLED,
            summary=RecordText(
                _lazy("Reactie op de tevredenheidsvragen afgehandeld: de klacht is heropend.")
            ),
        )
    return handled
