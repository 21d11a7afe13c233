"""Improvement measures (issue 6, part 1): who does what by when, and the complaints
that led to it. The coordinator opens and changes them (`learning.manage_measures`);
the owner (a handler of its department, a user of its partner) or the coordinator
records progress (`learning.update_measure`). Done or cancelled sets `closed_on`,
back to open clears it, so "overdue on day D" can always be read back: open on D and
due before D (`overdue`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import Action, RecordText, log
from vangnet.complaints.models import Complaint
from vangnet.complaints.permissions import complaint_scope
from vangnet.organisations.models import Department, Partner

from .models import Measure
from .permissions import measure_scope

MANAGE = "learning.manage_measures"
UPDATE = "learning.update_measure"
TEXT_MAX = 10_000


def overdue(queryset: QuerySet[Measure], *, on: date) -> QuerySet[Measure]:
    """The measures of `queryset` open on `on` whose due date has passed (the same
    shape as `complaints.selectors.overdue`)."""
    return queryset.filter(state__in=Measure.OPEN_STATES, due_on__lt=on)


def _complaints(actor, raw, errors: dict) -> list[Complaint]:
    """Complaints by reference (or instance), only those `actor` may see."""
    scope = complaint_scope(actor)
    found, missing = [], []
    for item in raw or []:
        if isinstance(item, Complaint):
            complaint = item
        else:
            text = str(item).strip()
            if not text:
                continue
            complaint = (
                Complaint.objects.filter(scope, reference__iexact=text).first()
                if scope is not None
                else None
            )
            if complaint is None:
                missing.append(text)
                continue
        if complaint not in found:
            found.append(complaint)
    if missing:
        errors["complaints"] = [
            _("Er is geen klacht met kenmerk %(refs)s.") % {"refs": ", ".join(missing)}
        ]
    return found


def _owner(data: dict, errors: dict) -> tuple[Department | None, Partner | None]:
    department, partner = data.get("department"), data.get("partner")
    if department is not None and not isinstance(department, Department):
        department = Department.objects.filter(pk=department).first()
    if partner is not None and not isinstance(partner, Partner):
        partner = Partner.objects.filter(pk=partner).first()
    if (department is None) == (partner is None):
        errors["department"] = [_("Kies één eigenaar: een afdeling of een partner.")]
    return department, partner


def check(actor, data: dict[str, Any]) -> dict[str, Any]:
    """The measure's fields from `data`; every mistake at once."""
    errors: dict[str, list[str]] = {}
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = [_("Geef de maatregel een korte naam.")]
    elif len(title) > 200:
        errors["title"] = [_("Hoogstens %(n)s tekens.") % {"n": 200}]
    description = (data.get("description") or "").strip()
    if len(description) > TEXT_MAX:
        errors["description"] = [_("Hoogstens %(n)s tekens.") % {"n": TEXT_MAX}]
    due_on = data.get("due_on")
    if not isinstance(due_on, date):
        errors["due_on"] = [_("Vul in wanneer de maatregel klaar moet zijn.")]
    department, partner = _owner(data, errors)
    complaints = _complaints(actor, data.get("complaints"), errors)
    if errors:
        raise ValidationError(errors)
    return {
        "title": title,
        "description": description,
        "due_on": due_on,
        "department": department,
        "partner": partner,
        "complaints": complaints,
    }


def _link_events(measure: Measure, complaints, actor) -> None:
    for complaint in complaints:
        log(
            complaint=complaint,
            actor=actor,
            action=Action.MEASURE_LINKED,
            summary=RecordText(
                _lazy("Verbetermaatregel gekoppeld: %(title)s (eigenaar %(owner)s)."),
                title=measure.title,
                owner=measure.owner,
            ),
        )


@transaction.atomic
def create_measure(*, actor, data: dict[str, Any], today: date | None = None) -> Measure:
    if actor is None or not actor.has_perm(MANAGE):
        raise PermissionDenied(_("U mag geen verbetermaatregelen aanmaken."))
    values = check(actor, data)
    complaints = values.pop("complaints")
    measure = Measure.objects.create(
        **values, opened_on=today or deadlines.today(), created_by=actor
    )
    measure.complaints.set(complaints)
    _link_events(measure, complaints, actor)
    return measure


@transaction.atomic
def update_measure(*, actor, measure: Measure, data: dict[str, Any]) -> Measure:
    if actor is None or not actor.has_perm(MANAGE):
        raise PermissionDenied(_("U mag deze verbetermaatregel niet wijzigen."))
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    values = check(actor, data)
    complaints = values.pop("complaints")
    for name, value in values.items():
        setattr(measure, name, value)
    measure.save()
    # Links to complaints the actor cannot see are kept.
    scope = complaint_scope(actor)
    hidden = list(measure.complaints.exclude(scope)) if scope is not None else []
    before = set(measure.complaints.values_list("pk", flat=True))
    measure.complaints.set(complaints + hidden)
    _link_events(measure, [c for c in complaints if c.pk not in before], actor)
    return measure


@transaction.atomic
def set_state(
    *, actor, measure: Measure, state: str, result: str = "", today: date | None = None
) -> Measure:
    """Record progress: open, in progress, done or cancelled, with what was done."""
    if actor is None or not actor.has_perm(UPDATE, measure):
        raise PermissionDenied(_("U mag de stand van deze verbetermaatregel niet wijzigen."))
    errors: dict[str, list[str]] = {}
    if state not in Measure.State.values:
        errors["state"] = [_("Kies een stand uit de lijst.")]
    result = (result or "").strip()
    if len(result) > TEXT_MAX:
        errors["result"] = [_("Hoogstens %(n)s tekens.") % {"n": TEXT_MAX}]
    if state == Measure.State.DONE and not result:
        errors["result"] = [_("Schrijf kort op wat er is gedaan.")]
    if errors:
        raise ValidationError(errors)
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    measure.state = state
    measure.result = result
    if state in Measure.OPEN_STATES:
        measure.closed_on = None
    elif measure.closed_on is None:
        measure.closed_on = today or deadlines.today()
    measure.save()
    return measure


def visible(user) -> QuerySet[Measure]:
    """The measures `user` may see (`learning.permissions.measure_scope`)."""
    scope = measure_scope(user)
    if scope is None:
        return Measure.objects.none()
    return Measure.objects.filter(scope)


def owned_by(user) -> Q:
    """The measures `user` owns, as a filter (nothing for a coordinator without one)."""
    if user.partner_id:
        return Q(partner_id=user.partner_id)
    if user.department_id:
        return Q(department_id=user.department_id)
    return Q(pk__in=[])
