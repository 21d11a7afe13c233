"""The one guard every action runs through.

`perform(action, actor=, complaint=, data=)` does, in one transaction and in this
order: lock the complaint row (concurrent actions serialise); check that the complaint
allows the action now (its kind, state or open/closed, and the action's own condition:
a `ValidationError` coded `refused`); check the actor's permission (`PermissionDenied`)
and, for a step of the procedure, that the actor is not the person complained about
(Awb 9:7, coded `not_permitted`); run the
action's handler, which collects every input error at once (`ValidationError`, nothing
stored); move the state and close or reopen as the transition table says; write the
one timeline event; send `complaint_closed` / `complaint_reopened`; run the action's
`after` hook. A step that would send a letter needing sign-off is rolled back and its
letter kept as a draft instead (`signoff`). Pages, the API, the partner portal, the
status page, commands and the demo all call this; nothing else changes a complaint
after its registration.
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.complaints import deadlines
from vangnet.complaints.events import log
from vangnet.complaints.models import Complaint
from vangnet.complaints.people import is_person_complained_about
from vangnet.complaints.signals import complaint_closed, complaint_reopened
from vangnet.complaints.workflow import STEP_OUTCOMES, Step, get_transition
from vangnet.core.permissions import require

from . import signoff
from .base import ComplaintAction, Context, Result, get, not_permitted, refused


def lock(complaint: Complaint) -> Complaint:
    """Re-read the complaint with a row lock for the rest of the transaction."""
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def check_actor(action: ComplaintAction, actor, complaint: Complaint, *, system: bool) -> None:
    """The permission and Awb 9:7, before anything else is looked at. An action not
    taken by staff (`by_staff=False`) is authorised by the caller (the resident's
    status link, the partner's reply link) when there is no actor; a logged-in user
    still needs the action's permission."""
    if system or (not action.by_staff and actor is None):
        return
    if action.permission:
        require(actor, action.permission, complaint)
    if action.forbids_person_complained_about and is_person_complained_about(complaint, actor):
        raise not_permitted(
            _(
                "U bent degene over wie geklaagd wordt. U mag deze klacht niet "
                "behandelen (Awb 9:7); de klachtcoördinator wijst een ander aan."
            )
        )


def check_available(
    action: ComplaintAction, complaint: Complaint, actor, *, approving: bool = False
) -> None:
    reason = action.why_not(complaint, actor, approving=approving)
    if reason:
        raise refused(reason, field_name=action.refusal_field)


def _move(ctx: Context, transition, changes: dict) -> dict:
    """Apply the step's transition to the complaint: the new state, and the outcome
    and closing date of a closing step."""
    complaint = ctx.complaint
    before = complaint.state
    target = transition.target_for(before)
    if ctx.target:
        if ctx.target not in transition.alternatives:
            raise ValueError(f"{transition.step} cannot go to {ctx.target} from {before}")
        target = ctx.target
    if target != before:
        changes = {"state": (before, target), **changes}
        complaint.state = target
    if transition.closes:
        outcome = ctx.outcome or STEP_OUTCOMES[transition.step]
        complaint.outcome = outcome
        complaint.closed_on = deadlines.today()
        changes["outcome"] = ("", outcome)
    return changes


@transaction.atomic
def perform(
    action: str,
    *,
    actor,
    complaint: Complaint,
    data: dict | None = None,
    system: bool = False,
    approved=None,
) -> Result:
    """Take `action` on `complaint`. `data` holds typed values (dates as `date`, users
    and partners as instances, uploads as files), as a form's `cleaned_data`. `system`
    (with `actor=None`): Vangnet itself acts without a staff member (the acknowledgement
    of a complaint filed online). `approved`: the draft letter a signer approved, which
    the step now sends (`signoff.approve`)."""
    spec = get(action)
    complaint = lock(complaint)
    # The complaint's state first, as the transition table says what may happen at all;
    # then who acts.
    check_available(spec, complaint, actor, approving=approved is not None)
    check_actor(spec, actor, complaint, system=system)
    ctx = Context(action=spec, complaint=complaint, actor=actor, data=dict(data or {}))
    ctx.extra[signoff.APPROVED] = approved
    savepoint = None
    if signoff.may_hold(spec, ctx):
        # A letter that needs sign-off stops the step here: see `signoff`.
        ctx.extra[signoff.MAY_HOLD] = True
        savepoint = transaction.savepoint()
    done = spec.apply(ctx)
    ctx.errors.raise_if_any()
    if savepoint is not None:
        if signoff.HELD in ctx.extra:
            transaction.savepoint_rollback(savepoint)
            complaint.refresh_from_db()
            draft = signoff.prepare(spec, ctx, dict(data or {}))
            return Result(complaint=complaint, record=draft, prepared=draft)
        transaction.savepoint_commit(savepoint)

    changes: dict[str, tuple[Any, Any]] = dict(done.changes)
    transition = get_transition(complaint.state, spec.step) if spec.step else None
    if transition is not None:
        changes = _move(ctx, transition, changes)
        complaint.save()
    if done.log:
        log(
            complaint=complaint,
            actor=actor,
            action=spec.event,
            summary=done.summary,
            changes=changes,
        )
    spec.after(ctx)
    if transition is not None and transition.closes:
        complaint_closed.send(sender=Complaint, complaint=complaint, actor=actor)
    if spec.step == Step.REOPEN:
        complaint_reopened.send(
            sender=Complaint, complaint=complaint, actor=actor, reason=ctx.data.get("reason")
        )
    return Result(complaint=complaint, record=done.record)
