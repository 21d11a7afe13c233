"""Case discussions (issue 6, part 3): every write.

A record per discussion (casusoverleg): the date, a subject, the participants and the
departments and partners present, the complaints discussed (by reference: each must
exist), the rule bottlenecks put on it (their complaints count as discussed too), the
agreements, and the follow-up actions with an owner, a due date and the day they were
done. The minutes (`discussion_minutes`) name complaints by reference only.

Written by coordinators (`learning.manage_discussions`). Pages and the API pass typed
values: dates as `date`, departments and partners as instances, complaints as
references or instances, bottlenecks as instances or ids, actions as a list of dicts.
Every error comes at once, per field (an action's as "actions.<n>.<field>"), and nothing
is stored then. A complaint gets an event on its timeline when it is first linked.

The bottlenecks on the agenda can be decided in the same save (`decisions`: per
bottleneck the decision, a note and the follow-up; the day is the discussion's date).
The rules are those of `bottlenecks.check_decision`; errors come as
"decisions.<bottleneck id>.<field>". A decision left empty, or the same as stored,
changes nothing.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import Action, RecordText, log
from vangnet.complaints.models import Complaint
from vangnet.core.dates import lazy_long_date
from vangnet.core.errors import Errors
from vangnet.organisations.models import Department, Partner

from . import bottlenecks as bottleneck_rules
from .models import Bottleneck, CaseDiscussion, FollowUpAction

PERM = "learning.manage_discussions"
ACTION_DISCUSSED = Action.CASE_DISCUSSED
TEXT_MAX = 10_000
ACTION_FIELDS = ("description", "owner", "due_on", "done_on")
DECISION_FIELDS = ("decision", "decision_note", "follow_up")


def _check(actor) -> None:
    if actor is None or not actor.has_perm(PERM):
        raise PermissionDenied(_("U mag casusoverleggen niet vastleggen."))


def _text(errors, values, field, *, required_message=None, limit=TEXT_MAX) -> str:
    value = (values.get(field) or "").strip()
    if not value and required_message:
        errors.add(field, required_message)
    elif len(value) > limit:
        errors.add(field, _("Hoogstens %(n)s tekens.") % {"n": limit})
    return value


def _complaints(errors, raw) -> list[Complaint]:
    found: list[Complaint] = []
    missing: list[str] = []
    for item in raw or []:
        if isinstance(item, Complaint):
            complaint = item
        else:
            text = str(item).strip()
            if not text:
                continue
            complaint = Complaint.objects.filter(reference__iexact=text).first()
            if complaint is None:
                missing.append(text)
                continue
        if complaint not in found:
            found.append(complaint)
    if missing:
        errors.add(
            "complaints",
            _("Er is geen klacht met kenmerk %(refs)s.") % {"refs": ", ".join(missing)},
        )
    return found


def _instances(errors, field, raw, model, message) -> list:
    result = []
    for item in raw or []:
        if isinstance(item, model):
            result.append(item)
            continue
        obj = (
            model.objects.filter(pk=item).first()
            if re.fullmatch(r"[0-9]{1,9}", str(item))
            else None
        )
        if obj is None:
            errors.add(field, message)
            return []
        result.append(obj)
    return result


def _actions(errors, raw, today: date) -> list[dict]:
    cleaned = []
    for n, item in enumerate(raw or []):
        prefix = f"actions.{n}."
        description = (item.get("description") or "").strip()
        owner = (item.get("owner") or "").strip()
        due_on = item.get("due_on")
        done_on = item.get("done_on")
        if not (description or owner or due_on or done_on):
            continue  # an empty row
        if not description:
            errors.add(prefix + "description", _("Beschrijf de actie."))
        elif len(description) > TEXT_MAX:
            errors.add(prefix + "description", _("Hoogstens %(n)s tekens.") % {"n": TEXT_MAX})
        if not owner:
            errors.add(prefix + "owner", _("Vul in wie de actie doet."))
        elif len(owner) > 200:
            errors.add(prefix + "owner", _("Hoogstens %(n)s tekens.") % {"n": 200})
        for field, value in (("due_on", due_on), ("done_on", done_on)):
            if value is not None and not isinstance(value, date):
                errors.add(prefix + field, _("Vul een geldige datum in."))
        if isinstance(done_on, date) and done_on > today:
            errors.add(
                prefix + "done_on",
                _("Deze datum ligt in de toekomst. Vul hem in als de actie gedaan is."),
            )
        cleaned.append(
            {"description": description, "owner": owner, "due_on": due_on, "done_on": done_on}
        )
    return cleaned


def check_discussion(values: dict[str, Any], *, today: date) -> dict:
    """Check the fields of a discussion; every error at once; returns what to store."""
    errors = Errors()
    held_on = values.get("held_on")
    if not isinstance(held_on, date):
        errors.add("held_on", _("Vul de datum van het casusoverleg in."))
        held_on = None
    subject = _text(errors, values, "subject", limit=200)
    participants = _text(
        errors, values, "participants", required_message=_("Noem wie er aan tafel zaten.")
    )
    agreements = _text(errors, values, "agreements")
    departments = _instances(
        errors,
        "departments",
        values.get("departments"),
        Department,
        _("Kies afdelingen uit de lijst."),
    )
    partners = _instances(
        errors,
        "partners",
        values.get("partners"),
        Partner,
        _("Kies samenwerkingspartners uit de lijst."),
    )
    complaints = _complaints(errors, values.get("complaints"))
    bottlenecks = _instances(
        errors,
        "bottlenecks",
        values.get("bottlenecks"),
        Bottleneck,
        _("Kies knelpunten uit de lijst."),
    )
    actions = _actions(errors, values.get("actions"), today)
    decisions = _decisions(errors, values.get("decisions"), held_on, bottlenecks, today)
    errors.raise_if_any()
    return {
        "held_on": held_on,
        "subject": subject,
        "participants": participants,
        "agreements": agreements,
        "departments": departments,
        "partners": partners,
        "complaints": complaints,
        "bottlenecks": bottlenecks,
        "actions": actions,
        "decisions": decisions,
    }


def _decisions(errors, raw, held_on, agenda: list[Bottleneck], today: date) -> list[tuple]:
    """Check the decisions taken in the discussion; returns (bottleneck, values) pairs
    to store. Empty or unchanged entries are skipped."""
    result = []
    on_agenda = {b.pk for b in agenda}
    for item in raw or []:
        target = item.get("bottleneck")
        if isinstance(target, Bottleneck):
            bottleneck = target
        else:
            bottleneck = (
                Bottleneck.objects.select_related("complaint").filter(pk=target).first()
                if re.fullmatch(r"[0-9]{1,9}", str(target))
                else None
            )
        if bottleneck is None:
            key = str(target).replace(".", "").strip() or "-"
            errors.add(f"decisions.{key}.bottleneck", _("Er is geen knelpunt met dit nummer."))
            continue
        entry = {name: (item.get(name) or "").strip() for name in DECISION_FIELDS}
        if not any(entry.values()):
            continue  # nothing decided about it in this discussion
        if all(entry[name] == (getattr(bottleneck, name) or "").strip() for name in entry):
            continue  # as stored: no new decision
        prefix = f"decisions.{bottleneck.pk}."
        if bottleneck.pk not in on_agenda:
            errors.add(
                prefix + "decision",
                _("Zet dit knelpunt op de agenda van dit overleg om erover te besluiten."),
            )
            continue
        if held_on is None:
            continue  # the date has its own message; the decision's day is unknown
        try:
            values = bottleneck_rules.check_decision(
                bottleneck, {**entry, "decided_on": held_on}, today=today
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field == "decided_on":
                    field = "decision"
                    messages = [
                        _("Het overleg is nog niet geweest. Leg het besluit vast na het overleg.")
                        if held_on > today
                        else _("Het knelpunt is pas gemeld op %(day)s, na dit overleg.")
                        % {"day": lazy_long_date(bottleneck.raised_on)}
                    ]
                for message in messages:
                    errors.add(prefix + field, message)
            continue
        result.append((bottleneck, values))
    return result


def _store(discussion: CaseDiscussion, values: dict, *, actor) -> CaseDiscussion:
    for name in ("held_on", "subject", "participants", "agreements"):
        setattr(discussion, name, values[name])
    discussion.save()
    discussion.departments.set(values["departments"])
    discussion.partners.set(values["partners"])

    # A bottleneck on the agenda means its complaint is discussed too.
    complaints = list(values["complaints"])
    for bottleneck in values["bottlenecks"]:
        if all(c.pk != bottleneck.complaint_id for c in complaints):
            complaints.append(bottleneck.complaint)
    before = set(discussion.complaints.values_list("pk", flat=True))
    discussion.complaints.set(complaints)
    for complaint in complaints:
        if complaint.pk in before:
            continue
        log(
            complaint=complaint,
            actor=actor,
            action=ACTION_DISCUSSED,
            summary=RecordText(
                _lazy("Besproken in het casusoverleg van %(day)s%(subject)s."),
                day=lazy_long_date(discussion.held_on),
                subject=f" ({discussion.subject})" if discussion.subject else "",
            ),
        )

    chosen = {b.pk for b in values["bottlenecks"]}
    Bottleneck.objects.filter(discussion=discussion).exclude(pk__in=chosen).update(discussion=None)
    Bottleneck.objects.filter(pk__in=chosen).update(discussion=discussion)

    discussion.actions.all().delete()
    FollowUpAction.objects.bulk_create(
        FollowUpAction(discussion=discussion, **action) for action in values["actions"]
    )

    for bottleneck, decision in values["decisions"]:
        locked = Bottleneck.objects.select_for_update().select_related("complaint")
        bottleneck_rules.apply_decision(locked.get(pk=bottleneck.pk), decision, actor=actor)
    return discussion


def _check_decide(actor, data) -> None:
    wanted = any(
        (item.get(name) or "").strip()
        for item in data.get("decisions") or []
        for name in DECISION_FIELDS
    )
    if wanted and not actor.has_perm(bottleneck_rules.DECIDE):
        raise PermissionDenied(_("U mag niet besluiten over knelpunten in regels."))


@transaction.atomic
def create_discussion(*, actor, data: dict[str, Any], today: date | None = None) -> CaseDiscussion:
    """Record a case discussion. `data`: held_on, participants (required); subject,
    agreements, departments, partners, complaints (references), bottlenecks, actions
    (dicts of description, owner, due_on, done_on), decisions (dicts of bottleneck,
    decision, decision_note, follow_up)."""
    _check(actor)
    _check_decide(actor, data)
    values = check_discussion(data, today=today or deadlines.today())
    return _store(CaseDiscussion(created_by=actor), values, actor=actor)


@transaction.atomic
def update_discussion(
    discussion: CaseDiscussion, *, actor, data: dict[str, Any], today: date | None = None
) -> CaseDiscussion:
    """Replace the discussion's fields with `data` (all of them, as on create; the
    actions given replace the current ones; decisions only change the bottlenecks
    named)."""
    _check(actor)
    _check_decide(actor, data)
    values = check_discussion(data, today=today or deadlines.today())
    discussion = CaseDiscussion.objects.select_for_update().get(pk=discussion.pk)
    return _store(discussion, values, actor=actor)


def as_data(discussion: CaseDiscussion) -> dict[str, Any]:
    """The discussion's current values in the shape `update_discussion` takes."""
    return {
        "held_on": discussion.held_on,
        "subject": discussion.subject,
        "participants": discussion.participants,
        "agreements": discussion.agreements,
        "departments": list(discussion.departments.all()),
        "partners": list(discussion.partners.all()),
        "complaints": [c.reference for c in discussion.complaints.order_by("reference")],
        "bottlenecks": list(discussion.bottlenecks.all()),
        "actions": [
            {name: getattr(action, name) for name in ACTION_FIELDS}
            for action in discussion.actions.all()
        ],
        "decisions": [
            {"bottleneck": b, **{name: getattr(b, name) for name in DECISION_FIELDS}}
            for b in discussion.bottlenecks.all()
        ],
    }
