"""Sign-off before a letter leaves (`Municipality.signoff_kinds`; by default the
conclusion, Awb 9:12, and the 9:8 letter).

A step taken by a staff member that would send a letter of such a kind does not happen
yet: the guard (`guard.perform`) runs the step as always (every check, every error at
once), but `sending.letter` holds the letter instead of sending it; the guard then rolls
the step back (a savepoint: nothing it wrote stays, no state moves, no e-mail) and
stores the letter as a draft (`Letter.Status.AWAITING_APPROVAL`) with the step's input
(`prepare`). The complaint stays where it was until a signer decides:

- `approve_letter` (the coordinator or a mandated signer, `complaints.sign_letter`;
  never the person complained about, Awb 9:7) takes the step again with the stored
  input, as the signer: the state moves, the complaint closes, the letter goes, now
  naming the signatory (name and function) under the body's name (`approve`);
- `return_letter` sends it back to whoever prepared it, with a remark (timeline, "Mijn
  werk"); they take the step again (edited), which replaces the returned draft.

A signer may approve a letter they prepared themselves: signing is what the mandate is
for. The signer signs what they read: the letter the step makes when approving,
rendered as on the draft's date, must be the draft (`approved`); a corrected decision
refuses the approval. So does a step that is no longer possible (the complaint was
withdrawn, 9:8's four weeks passed); the signer sends the letter back then. What the
step records besides the letter (a conclusion's lesson) is the preparer's (`author`).
While a draft of a step waits, the step is not offered again (`draft_refusal`)."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import Action, RecordText, log
from vangnet.complaints.people import complainant_email
from vangnet.core.roles import Role
from vangnet.letters import services as letters
from vangnet.letters.models import POST, Letter
from vangnet.organisations.models import Municipality, Signatory

from .base import ComplaintAction, Context, refused

#: `Context.extra` keys: the letter a step would have sent, held (kind, rendered); the
#: approved draft a step now sends.
HELD = "signoff_held"
APPROVED = "signoff_approved"
#: Set by the guard when the step runs in a savepoint and may hold its letter.
MAY_HOLD = "signoff_may_hold"


def required_kinds() -> frozenset[str]:
    """The letter kinds that need sign-off in this municipality."""
    return frozenset(Municipality.current().signoff_kinds or ())


def may_hold(action: ComplaintAction, ctx: Context) -> bool:
    """Whether the step might hold a letter: a staff member acts, the step sends a kind
    that needs sign-off, and it is not the approval itself."""
    if ctx.actor is None or ctx.extra.get(APPROVED) is not None or not action.letters:
        return False
    return bool(required_kinds() & set(action.letters))


def holds(ctx: Context, kind: str) -> bool:
    """Whether `sending.letter` must hold this letter instead of sending it."""
    return (
        ctx.actor is not None
        and ctx.extra.get(APPROVED) is None
        and ctx.extra.get(MAY_HOLD, False)
        and kind in required_kinds()
    )


def hold(ctx: Context, kind: str, context: dict) -> None:
    """Keep the letter the step would send (rendered, for the signer to read)."""
    if HELD not in ctx.extra:
        ctx.extra[HELD] = (
            kind,
            letters.build_letter(kind=kind, complaint=ctx.complaint, context=context),
        )


def approved(ctx: Context, kind: str, context: dict) -> Letter | None:
    """The approved draft of `kind` the step sends now, or None. Refused when the letter
    the step makes now differs from the draft the signer read (a corrected decision):
    rendered again as on the draft's date, it must be the same."""
    letter = ctx.extra.get(APPROVED)
    if letter is None or letter.kind != kind:
        return None
    day = date.fromisoformat(letter.held["letter_date"]) if letter.held.get("letter_date") else None
    again = letters.build_letter(kind=kind, complaint=ctx.complaint, context=context, today=day)
    if again.html != letter.html:
        raise refused(
            _(
                "De brief is veranderd sinds hij werd voorbereid (bijvoorbeeld een "
                "gecorrigeerd besluit). Stuur hem terug; de behandelaar bereidt hem opnieuw voor."
            ),
            field_name="letter",
        )
    return letter


def author(ctx: Context):
    """Who wrote what the step records besides the letter (its lesson): whoever
    prepared the approved draft, else the actor."""
    letter = ctx.extra.get(APPROVED)
    if letter is not None and letter.prepared_by is not None:
        return letter.prepared_by
    return ctx.actor


def signatory(user) -> dict:
    """The name and function a letter names for its signer: the function from
    `organisations.Signatory`, else the signer's role."""
    name = user.get_full_name() or user.get_username()
    row = Signatory.objects.filter(user=user).first()
    if row is not None and row.function:
        return {"name": name, "function": row.function}
    role = Role.COORDINATOR if user.has_role(Role.COORDINATOR) else Role.SIGNER
    with translation.override(settings.LANGUAGE_CODE):  # the letter's language
        return {"name": name, "function": str(role.label)}


def waiting(complaint, action: str = "") -> models.QuerySet[Letter]:
    drafts = Letter.all_objects.filter(complaint=complaint, status=Letter.Status.AWAITING_APPROVAL)
    return drafts.filter(action=action) if action else drafts


def waiting_actions(complaint) -> set[str]:
    """The actions whose draft waits for sign-off on this complaint, read once per
    complaint instance (a page asks every action; `note_waiting` saves even that)."""
    names = getattr(complaint, "_signoff_waiting", None)
    if names is None:
        names = set(waiting(complaint).values_list("action", flat=True))
        complaint._signoff_waiting = names
    return names


def note_waiting(complaint, drafts) -> None:
    """Tell the complaint instance its drafts, read with its other letters."""
    complaint._signoff_waiting = {
        letter.action for letter in drafts if letter.status == Letter.Status.AWAITING_APPROVAL
    }


def draft_refusal(action: ComplaintAction, complaint) -> str | None:
    """Why the step cannot be taken: a draft of it waits for sign-off."""
    if action.name not in waiting_actions(complaint):
        return None
    return str(
        _("Er wacht al een brief van deze stap op ondertekening; keur die goed of stuur hem terug.")
    )


# --- the step's input, kept with the draft --------------------------------------------


def _to_json(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return [_to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _to_json(item) for key, item in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def stored_input(data: dict) -> dict:
    return {str(key): _to_json(value) for key, value in data.items()}


def restored_input(action: ComplaintAction, complaint, stored: dict) -> dict:
    """The step's input again, typed by its own form's fields (a date, a user ...)."""
    form = action.make_form(complaint)
    data = {}
    for name, raw in stored.items():
        field = form.fields.get(name)
        data[name] = field.clean(raw) if field is not None else raw
    return data


# --- the three moments ------------------------------------------------------------------


def prepare(action: ComplaintAction, ctx: Context, data: dict) -> Letter:
    """Store the held letter as a draft awaiting sign-off (the step itself was rolled
    back by the guard) and say so on the timeline. A returned draft of the same step is
    replaced by this one."""
    kind, rendered = ctx.extra[HELD]
    complaint = ctx.complaint
    label = Letter.Kind(kind).label
    if waiting(complaint, action.name).exists():
        raise refused(
            _("Er wacht al een %(letter)s op ondertekening.") % {"letter": str(label).lower()}
        )
    Letter.all_objects.filter(
        complaint=complaint, action=action.name, status=Letter.Status.RETURNED
    ).update(status=Letter.Status.REPLACED)
    letter = Letter.all_objects.create(
        complaint=complaint,
        kind=kind,
        subject=rendered.subject,
        html=rendered.html,
        sent_to=complainant_email(complaint) or POST,
        status=Letter.Status.AWAITING_APPROVAL,
        action=action.name,
        held={"input": stored_input(data), "letter_date": rendered.context["today"].isoformat()},
        prepared_by=ctx.actor,
    )
    log(
        complaint=complaint,
        actor=ctx.actor,
        action=Action.LETTER_PREPARED,
        summary=RecordText(
            _lazy("%(letter)s voorbereid; die wacht op ondertekening en is nog niet verstuurd."),
            letter=label,
        ),
    )
    complaint.__dict__.pop("_signoff_waiting", None)  # read again when asked
    return letter


def check_draft(ctx: Context) -> Letter | None:
    """The draft named in the input (`letter`): of this complaint, awaiting sign-off.
    An unknown id or another complaint's letter is an input error; a draft no longer
    waiting is a refusal (409)."""
    letter_id = ctx.data.get("letter")
    letter = Letter.all_objects.filter(pk=letter_id).first() if letter_id else None
    if letter is None:
        ctx.errors.add("letter", _("Kies een brief die op ondertekening wacht."))
        return None
    if letter.complaint_id != ctx.complaint.pk:
        ctx.errors.add("letter", _("Deze brief hoort niet bij deze klacht."))
        return None
    if letter.status != Letter.Status.AWAITING_APPROVAL:
        raise refused(
            _("Deze brief wacht niet (meer) op ondertekening: %(status)s.")
            % {"status": str(letter.get_status_display()).lower()},
            field_name="letter",
        )
    return letter


def approve(ctx: Context, letter: Letter) -> Letter:
    """Take the draft's step again, as the signer: the letter goes, signed."""
    from . import guard
    from .base import get

    action = get(letter.action)
    data = restored_input(action, ctx.complaint, letter.held.get("input") or {})
    letter.signed_by = ctx.actor
    letter.signed_at = timezone.now()
    letter.save(update_fields=["signed_by", "signed_at"])
    guard.perform(
        letter.action,
        actor=ctx.actor,
        complaint=ctx.complaint,
        data=data,
        system=True,  # the approval's own checks stand for the step's
        approved=letter,
    )
    letter.refresh_from_db()
    if letter.status != Letter.Status.SENT:
        raise refused(
            _("Deze brief hoort niet meer bij de stap. Stuur hem terug."), field_name="letter"
        )
    ctx.complaint.refresh_from_db()
    return letter


def send_back(ctx: Context, letter: Letter, remark: str) -> None:
    letter.status = Letter.Status.RETURNED
    letter.returned_by = ctx.actor
    letter.returned_at = timezone.now()
    letter.return_remark = remark
    letter.save(update_fields=["status", "returned_by", "returned_at", "return_remark"])
