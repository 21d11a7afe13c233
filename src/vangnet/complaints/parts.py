"""The parts of a complaint (klachtonderdelen): any number, each with its own
description and, where useful, the department or partner it concerns.

A complaint gets its parts at registration (`register_complaint`); a complaint
registered without any is one part, its description (made then, not later, so every
complaint has parts an API client can name by id). The `parts` action
(`handling/actions/parts.py`) changes them until the decision; the decision judges each
part once and keeps the Behoorlijkheidswijzer norms asked then on the part.

Input is checked here for registration and the action alike: every mistake at once,
on the field `parts`, each message saying which part ("Onderdeel 2: ...")."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from vangnet.core import numbers
from vangnet.core.errors import Errors
from vangnet.organisations.models import Department, Partner

from .models import Complaint, ComplaintPart

#: Most parts a complaint may have.
PARTS_MAX = 20
#: Longest description of a part.
DESCRIPTION_MAX = 10_000
FIELD = "parts"


def prefix(number: int) -> str:
    return _("Onderdeel %(n)s: ") % {"n": number}


def _related(value, model, number: int, label: str, errors: Errors):
    """A department or partner given as an instance or an id: the instance, or None
    with an error for an unknown or inactive one."""
    if value in (None, ""):
        return None
    found = value if isinstance(value, model) else None
    if found is None and (pk := numbers.whole_number(value)) is not None:
        found = model.objects.filter(pk=pk).first()
    if found is None or not found.is_active:
        errors.add(FIELD, prefix(number) + _("kies een %(what)s uit de lijst.") % {"what": label})
        return None
    return found


def check_parts(
    raw: Any, errors: Errors, *, existing: Sequence[ComplaintPart] = ()
) -> list[dict[str, Any]]:
    """The parts from `raw` (a list of dicts with `description`, `department`,
    `partner` and, for a part the complaint has, its `id`), in their order; every row
    given counts (a page leaves out its empty rows itself). `existing`: the
    complaint's parts an `id` may name."""
    if raw in (None, ""):
        return []
    if not isinstance(raw, list | tuple):
        errors.add(FIELD, _("Geef de klachtonderdelen als een lijst."))
        return []
    known = {part.pk: part for part in existing}
    seen: set[int] = set()
    parts = []
    for number, given in enumerate(raw, start=1):
        given = dict(given or {})
        description = (given.get("description") or "").strip()
        if not description:
            errors.add(FIELD, prefix(number) + _("beschrijf waar dit onderdeel over gaat."))
        elif len(description) > DESCRIPTION_MAX:
            errors.add(
                FIELD, prefix(number) + _("hoogstens %(n)s tekens.") % {"n": DESCRIPTION_MAX}
            )
        part_id = given.get("id")
        if part_id not in (None, ""):
            part_id = numbers.whole_number(part_id)
            if part_id not in known or part_id in seen:
                errors.add(FIELD, prefix(number) + _("onbekend of dubbel klachtonderdeel."))
            seen.add(part_id)
        else:
            part_id = None
        parts.append(
            {
                "id": part_id,
                "description": description,
                "department": _related(
                    given.get("department"), Department, number, _("afdeling"), errors
                ),
                "partner": _related(given.get("partner"), Partner, number, _("partner"), errors),
            }
        )
    if len(parts) > PARTS_MAX:
        errors.add(FIELD, _("Hoogstens %(max)s klachtonderdelen.") % {"max": PARTS_MAX})
    return parts


def describe(parts) -> list[str]:
    """The parts as short lines for the timeline's before → after."""
    lines = []
    for number, part in enumerate(parts, start=1):
        get = part.get if isinstance(part, dict) else lambda key, p=part: getattr(p, key)
        text = " ".join(get("description").split())
        if len(text) > 80:
            text = text[:77] + "..."
        party = get("department") or get("partner")
        lines.append(f"{number}. {text}" + (f" ({party})" if party else ""))
    return lines


def write_parts(complaint: Complaint, parts: list[dict[str, Any]]) -> list[ComplaintPart]:
    """Make the complaint's parts exactly `parts` (checked by `check_parts`): a part
    with an `id` is changed in place, one without is new, one not named is removed.
    With no parts given, the complaint is one part: its description."""
    if not parts:
        parts = [{"id": None, "description": complaint.description, "department": None}]
    keep = {part["id"] for part in parts if part["id"]}
    complaint.parts.exclude(pk__in=keep).delete()
    current = {part.pk: part for part in complaint.parts.all()}
    written = []
    for position, given in enumerate(parts, start=1):
        part = current.get(given["id"]) or ComplaintPart(complaint=complaint)
        part.position = position
        part.description = given["description"]
        part.department = given.get("department")
        part.partner = given.get("partner")
        part.save()
        written.append(part)
    return written


def ensure_parts(complaint: Complaint) -> list[ComplaintPart]:
    """The complaint's parts; one (its description) made for a complaint that has none
    (registered outside `register_complaint`)."""
    parts = list(complaint.parts.all())
    return parts or write_parts(complaint, [])
