"""Rule bottlenecks (issue 6, part 2): every write.

Any complaint, open or closed, can be flagged because a rule or procedure blocks the
sensible outcome (the "oliemannetje" of the seeds): the rule named, what goes wrong and
a proposal. Flagged cases wait in a queue (undecided, oldest first) for the case
discussion. The decision (the rule stays, an exception is made, the rule changes) is
recorded with a note, the day and the follow-up; the follow-up is marked done with a
date.

Flagging needs `learning.flag_bottleneck` on the complaint (coordinator, or a handler
who may see it); deciding and the follow-up need `learning.decide_bottleneck`
(coordinator). Every error comes at once, per field, in plain Dutch, and nothing is
stored then. Every change is an event on the complaint's timeline.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import Action, RecordText, log
from vangnet.complaints.models import Complaint
from vangnet.core.dates import lazy_long_date
from vangnet.core.errors import Errors

from .models import Bottleneck

FLAG = "learning.flag_bottleneck"
DECIDE = "learning.decide_bottleneck"

ACTION_RAISED = Action.BOTTLENECK_RAISED
ACTION_DECIDED = Action.BOTTLENECK_DECIDED

RULE_MAX = 300
TEXT_MAX = 10_000

#: States of a bottleneck (for the list's filter and the badges).
QUEUED = "queued"
DECIDED = "decided"  # any decided one (the filter); as a state: decided, nothing to follow up
FOLLOW_UP_OPEN = "follow_up_open"
DONE = "done"

STATE_LABELS = {
    QUEUED: _lazy("Wacht op casusoverleg"),
    DECIDED: _lazy("Besloten"),
    FOLLOW_UP_OPEN: _lazy("Besloten, vervolg loopt"),
    DONE: _lazy("Vervolg afgerond"),
}


def state(bottleneck: Bottleneck) -> str:
    if not bottleneck.decision:
        return QUEUED
    if bottleneck.follow_up_done_on is not None:
        return DONE
    if bottleneck.follow_up.strip():
        return FOLLOW_UP_OPEN
    return DECIDED


def in_state(queryset: QuerySet[Bottleneck], wanted: str) -> QuerySet[Bottleneck]:
    """Filter on a state; DECIDED means every decided bottleneck."""
    if wanted == QUEUED:
        return queryset.filter(decision="")
    if wanted == DECIDED:
        return queryset.exclude(decision="")
    if wanted == FOLLOW_UP_OPEN:
        return (
            queryset.exclude(decision="")
            .exclude(follow_up="")
            .filter(follow_up_done_on__isnull=True)
        )
    if wanted == DONE:
        return queryset.exclude(decision="").filter(
            Q(follow_up_done_on__isnull=False) | Q(follow_up="")
        )
    return queryset


def queue() -> QuerySet[Bottleneck]:
    """The undecided bottlenecks, oldest first: the agenda of the next case discussion."""
    return (
        Bottleneck.objects.filter(decision="")
        .select_related("complaint", "raised_by", "discussion")
        .order_by("raised_on", "id")
    )


def _text(errors, values, field, *, required_message, limit=TEXT_MAX) -> str:
    value = (values.get(field) or "").strip()
    if not value and required_message:
        errors.add(field, required_message)
    elif len(value) > limit:
        errors.add(field, _("Hoogstens %(n)s tekens.") % {"n": limit})
    return value


def check_flag(values: dict[str, Any]) -> dict:
    errors = Errors()
    cleaned = {
        "rule": _text(
            errors,
            values,
            "rule",
            required_message=_("Noem de regel of werkwijze die in de weg zit."),
            limit=RULE_MAX,
        ),
        "problem": _text(
            errors,
            values,
            "problem",
            required_message=_("Beschrijf wat er door de regel misgaat in deze zaak."),
        ),
        "proposal": _text(
            errors,
            values,
            "proposal",
            required_message=_("Doe een voorstel: wat zou een redelijke uitkomst zijn?"),
        ),
    }
    errors.raise_if_any()
    return cleaned


@transaction.atomic
def flag(
    complaint: Complaint, *, actor, data: dict[str, Any], today: date | None = None
) -> Bottleneck:
    """Flag `complaint` (open or closed): `data` holds rule, problem and proposal."""
    if actor is None or not actor.has_perm(FLAG, complaint):
        raise PermissionDenied(_("U mag bij deze klacht geen knelpunt melden."))
    values = check_flag(data)
    today = today or deadlines.today()
    bottleneck = Bottleneck.objects.create(
        complaint=complaint, raised_on=today, raised_by=actor, **values
    )
    log(
        complaint=complaint,
        actor=actor,
        action=ACTION_RAISED,
        summary=RecordText(_lazy("Knelpunt in regels gemeld: %(rule)s."), rule=bottleneck.rule),
    )
    return bottleneck


def check_decision(
    bottleneck: Bottleneck, values: dict[str, Any], *, today: date
) -> dict[str, Any]:
    errors = Errors()
    decision = values.get("decision") or ""
    if decision not in Bottleneck.Decision.values:
        errors.add("decision", _("Kies het besluit: de regel blijft, uitzondering of aanpassen."))
    note = _text(
        errors,
        values,
        "decision_note",
        required_message=_("Licht het besluit toe: waarom is zo besloten?"),
    )
    follow_up = _text(errors, values, "follow_up", required_message=None)
    decided_on = values.get("decided_on")
    if decided_on is None:
        decided_on = today
    if not isinstance(decided_on, date):
        errors.add("decided_on", _("Vul een geldige datum in."))
    elif decided_on > today:
        errors.add(
            "decided_on", _("Deze datum ligt in de toekomst. Kies vandaag of een eerdere dag.")
        )
    elif decided_on < bottleneck.raised_on:
        errors.add(
            "decided_on",
            _("Het besluit kan niet vóór de melding vallen (%(day)s).")
            % {"day": lazy_long_date(bottleneck.raised_on)},
        )
    errors.raise_if_any()
    return {
        "decision": decision,
        "decision_note": note,
        "decided_on": decided_on,
        "follow_up": follow_up,
    }


@transaction.atomic
def decide(
    bottleneck: Bottleneck, *, actor, data: dict[str, Any], today: date | None = None
) -> Bottleneck:
    """Record (or change) the decision: decision, decision_note (required), decided_on
    (default today, not in the future) and follow_up (optional)."""
    if actor is None or not actor.has_perm(DECIDE):
        raise PermissionDenied(_("U mag niet besluiten over knelpunten in regels."))
    today = today or deadlines.today()
    bottleneck = Bottleneck.objects.select_for_update().get(pk=bottleneck.pk)
    values = check_decision(bottleneck, data, today=today)
    return apply_decision(bottleneck, values, actor=actor)


def apply_decision(bottleneck: Bottleneck, values: dict[str, Any], *, actor) -> Bottleneck:
    """Store checked decision values (from `check_decision`) and log the event. For
    callers that checked the permission and the values in their own transaction, such
    as a case discussion that decides the bottlenecks on its agenda."""
    before = {name: getattr(bottleneck, name) for name in values}
    for name, value in values.items():
        setattr(bottleneck, name, value)
    if not bottleneck.follow_up or (
        bottleneck.follow_up_done_on is not None
        and bottleneck.follow_up_done_on < bottleneck.decided_on
    ):
        bottleneck.follow_up_done_on = None
    bottleneck.save()
    log(
        complaint=bottleneck.complaint,
        actor=actor,
        action=ACTION_DECIDED,
        summary=RecordText(
            _lazy("Besluit over het knelpunt %(rule)s: %(decision)s (%(day)s)."),
            rule=bottleneck.rule,
            decision=Bottleneck.Decision(bottleneck.decision).label,
            day=lazy_long_date(bottleneck.decided_on),
        ),
        changes={
            name: (before[name], values[name])
            for name in ("decision", "decided_on")
            if before[name] != values[name]
        },
    )
    return bottleneck


def check_follow_up(bottleneck: Bottleneck, done_on: Any, *, today: date) -> None:
    errors = Errors()
    if not bottleneck.decision:
        errors.add("done_on", _("Er is nog geen besluit over dit knelpunt."))
    elif not bottleneck.follow_up.strip():
        errors.add("done_on", _("Bij dit besluit is geen vervolg afgesproken."))
    elif done_on is not None:
        if not isinstance(done_on, date):
            errors.add("done_on", _("Vul een geldige datum in."))
        elif done_on > today:
            errors.add(
                "done_on", _("Deze datum ligt in de toekomst. Kies vandaag of een eerdere dag.")
            )
        elif done_on < bottleneck.decided_on:
            errors.add(
                "done_on",
                _("Het vervolg kan niet vóór het besluit zijn afgerond (%(day)s).")
                % {"day": lazy_long_date(bottleneck.decided_on)},
            )
    errors.raise_if_any()


@transaction.atomic
def complete_follow_up(
    bottleneck: Bottleneck, *, actor, done_on: date | None, today: date | None = None
) -> Bottleneck:
    """Mark the follow-up done on `done_on`; None marks it open again."""
    if actor is None or not actor.has_perm(DECIDE):
        raise PermissionDenied(_("U mag het vervolg van knelpunten niet bijwerken."))
    today = today or deadlines.today()
    bottleneck = Bottleneck.objects.select_for_update().get(pk=bottleneck.pk)
    check_follow_up(bottleneck, done_on, today=today)
    before = bottleneck.follow_up_done_on
    if before == done_on:
        return bottleneck
    bottleneck.follow_up_done_on = done_on
    bottleneck.save(update_fields=["follow_up_done_on"])
    if done_on is None:
        summary = RecordText(
            _lazy("Vervolg van het knelpunt %(rule)s weer open."), rule=bottleneck.rule
        )
    else:
        summary = RecordText(
            _lazy("Vervolg van het knelpunt %(rule)s afgerond op %(day)s."),
            rule=bottleneck.rule,
            day=lazy_long_date(done_on),
        )
    log(
        complaint=bottleneck.complaint,
        actor=actor,
        action=ACTION_DECIDED,
        summary=summary,
        changes={"follow_up_done_on": (before, done_on)},
    )
    return bottleneck
