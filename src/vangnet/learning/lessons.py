"""The lesson of a complaint (issue 6, part 1): its cause from the configurable list
(`Cause`), the lessons learned and the Behoorlijkheidswijzer norms concerned. One per
complaint; recording it again (after a reopening, or a correction) updates it. The
complaint page asks for it as soon as the complaint is closed."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines, norms
from vangnet.complaints.events import Action, RecordText, log
from vangnet.complaints.models import Complaint

from .models import Cause, Lesson

PERM = "learning.record_lesson"
TEXT_MAX = 10_000


def check(data: dict[str, Any]) -> dict[str, Any]:
    """The lesson's fields from `data` (cause: a `Cause` or its id; lessons; norms: a
    list of codes); every mistake at once."""
    errors: dict[str, list[str]] = {}
    cause = data.get("cause")
    if not isinstance(cause, Cause):
        text = "" if isinstance(cause, bool) else str(cause or "").strip()
        found = re.fullmatch(r"[0-9]{1,9}", text)
        cause = Cause.objects.filter(pk=int(text)).first() if found else None
    if cause is None or not cause.is_active:
        errors["cause"] = [_("Kies een oorzaak uit de lijst.")]
    lessons = (data.get("lessons") or "").strip()
    if len(lessons) > TEXT_MAX:
        errors["lessons"] = [_("Hoogstens %(n)s tekens.") % {"n": TEXT_MAX}]
    codes = list(data.get("norms") or [])
    unknown = [code for code in codes if code not in norms.NORMS]
    if unknown:
        errors["norms"] = [_("Kies normen uit de lijst.")]
    if errors:
        raise ValidationError(errors)
    return {"cause": cause, "lessons": lessons, "norms": [c for c in norms.NORMS if c in codes]}


@transaction.atomic
def record_lesson(
    *, actor, complaint: Complaint, data: dict[str, Any], today: date | None = None
) -> Lesson:
    """Record (or change) the lesson of `complaint`."""
    if actor is None or not actor.has_perm(PERM, complaint):
        raise PermissionDenied(_("U mag bij deze klacht geen les vastleggen."))
    values = check(data)
    lesson, created = Lesson.objects.select_for_update().get_or_create(
        complaint=complaint,
        defaults={**values, "recorded_on": today or deadlines.today(), "recorded_by": actor},
    )
    before = None if created else lesson.cause.name
    if not created:
        for name, value in values.items():
            setattr(lesson, name, value)
        lesson.recorded_on = today or deadlines.today()
        lesson.recorded_by = actor
        lesson.save()
    log(
        complaint=complaint,
        actor=actor,
        action=Action.LESSON_RECORDED,
        summary=RecordText(_lazy("Les vastgelegd; oorzaak: %(cause)s."), cause=values["cause"]),
        changes={"cause": (before, values["cause"].name)} if before != values["cause"].name else {},
    )
    return lesson
