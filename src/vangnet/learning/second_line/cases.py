"""Ombudsman cases (issue 6, part 5): every write.

A case is registered when the ombudsman takes up a complaint (Awb 9:18 ff.): which
ombudsman, its reference (unique per ombudsman), the day it came in, the body it is
about, the linked complaint (optional: the ombudsman may take up something the
register does not hold), the kind of handling and a summary. It is closed with an
outcome and a date.

Pages and the API pass typed values (dates as `date`, instances or a complaint's
reference as text). Every error comes at once, per field, in plain Dutch, and nothing is
stored then; the database's check constraints are never what catches bad input. Every
change is an event on the linked complaint's timeline (`complaints.events.log`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import Action, RecordText, log
from vangnet.complaints.models import Complaint, Kind
from vangnet.core.dates import lazy_long_date as _day
from vangnet.core.errors import Errors
from vangnet.organisations.models import Body, Ombudsman

from ..models import OmbudsmanCase
from .shared import check_permission, describe, not_in_future, plain

#: Timeline action (a value of `complaints.events.Action`).
ACTION_CASE = Action.OMBUDSMAN_CASE

CASE_FIELDS = ("ombudsman", "reference", "received_on", "body", "complaint", "kind", "summary")
CLOSE_FIELDS = ("closed_on", "outcome", "outcome_note")


def find_complaint(reference: str) -> Complaint | None:
    return Complaint.objects.filter(reference__iexact=reference.strip()).first()


def check_case(values: dict[str, Any], *, case: OmbudsmanCase | None, today: date) -> dict:
    """Check and complete the fields of a case (new, or `case` edited): every error at
    once as a ValidationError; returns the values to store."""
    errors = Errors()
    ombudsman = values.get("ombudsman")
    if not isinstance(ombudsman, Ombudsman):
        errors.add("ombudsman", _("Kies de ombudsman."))
        ombudsman = None
    reference = (values.get("reference") or "").strip()
    _check_reference(errors, reference, ombudsman, case)
    received_on = values.get("received_on")
    if not isinstance(received_on, date):
        errors.add("received_on", _("Vul de datum in waarop de ombudsman de zaak begon."))
        received_on = None
    not_in_future(errors, "received_on", received_on, today)

    complaint = _check_complaint(errors, values.get("complaint"), received_on)

    body = values.get("body")
    if not isinstance(body, Body):
        body = complaint.body if complaint is not None and complaint.body_id else None
        body = body or Body.objects.filter(is_default=True).first()
        if body is None:
            errors.add("body", _("Kies het bestuursorgaan waar de zaak over gaat."))

    kind = values.get("kind") or ""
    if kind not in OmbudsmanCase.Kind.values:
        errors.add("kind", _("Kies de soort behandeling."))

    closed_on = values.get("closed_on", case.closed_on if case else None)
    outcome = values.get("outcome", case.outcome if case else "") or ""
    outcome_note = values.get("outcome_note", case.outcome_note if case else "") or ""
    _clean_closing(errors, closed_on, outcome, received_on, today)
    errors.raise_if_any()
    return {
        "ombudsman": ombudsman,
        "reference": reference,
        "received_on": received_on,
        "body": body,
        "complaint": complaint,
        "kind": kind,
        "summary": (values.get("summary") or "").strip(),
        "closed_on": closed_on,
        "outcome": outcome,
        "outcome_note": outcome_note.strip(),
    }


def _check_reference(errors: Errors, reference: str, ombudsman, case) -> None:
    """The ombudsman's reference: given, not too long, unique per ombudsman."""
    if not reference:
        errors.add("reference", _("Vul het kenmerk van de ombudsman in."))
    elif len(reference) > 50:
        errors.add("reference", _("Het kenmerk mag hoogstens 50 tekens zijn."))
    elif ombudsman is not None:
        taken = OmbudsmanCase.objects.filter(ombudsman=ombudsman, reference__iexact=reference)
        if case is not None:
            taken = taken.exclude(pk=case.pk)
        if taken.exists():
            errors.add(
                "reference",
                _("Er is al een zaak van %(ombudsman)s met kenmerk %(reference)s.")
                % {"ombudsman": ombudsman, "reference": reference},
            )


def _check_complaint(errors: Errors, complaint, received_on: date | None) -> Complaint | None:
    """The linked complaint (an instance, a reference or nothing): it must exist, be a
    complaint, and have come in before the ombudsman took it up."""
    if isinstance(complaint, str):
        text = complaint.strip()
        complaint = find_complaint(text) if text else None
        if text and complaint is None:
            errors.add("complaint", _("Er is geen klacht met kenmerk %(ref)s.") % {"ref": text})
    if complaint is not None:
        if complaint.kind != Kind.COMPLAINT:
            errors.add(
                "complaint",
                _("%(ref)s is geen klacht maar een %(kind)s.")
                % {"ref": complaint.reference, "kind": complaint.get_kind_display().lower()},
            )
        elif received_on is not None and received_on < complaint.received_on:
            errors.add(
                "received_on",
                _(
                    "De ombudsman kan de klacht pas behandelen nadat de gemeente die kreeg "
                    "(%(day)s)."
                )
                % {"day": _day(complaint.received_on)},
            )
    return complaint


def _clean_closing(errors, closed_on, outcome, received_on, today) -> None:
    if outcome and outcome not in OmbudsmanCase.Outcome.values:
        errors.add("outcome", _("Kies een uitkomst uit de lijst."))
    if closed_on is not None and not outcome:
        errors.add("outcome", _("Kies de uitkomst: de zaak heeft een datum van afsluiten."))
    if outcome and closed_on is None:
        errors.add("closed_on", _("Vul de datum in waarop de ombudsman de zaak afsloot."))
    not_in_future(errors, "closed_on", closed_on, today)
    if closed_on is not None and received_on is not None and closed_on < received_on:
        errors.add(
            "closed_on",
            _("De zaak kan niet zijn afgesloten vóór hij begon (%(day)s).")
            % {"day": _day(received_on)},
        )


@transaction.atomic
def register_case(*, actor, data: dict[str, Any], today: date | None = None) -> OmbudsmanCase:
    """Register a case. `data`: ombudsman, reference, received_on, kind; optional body
    (default: the complaint's, else the default body), complaint (instance or
    reference), summary, closed_on + outcome (+ outcome_note)."""
    check_permission(actor)
    today = today or deadlines.today()
    values = check_case(data, case=None, today=today)
    case = OmbudsmanCase.objects.create(created_by=actor, **values)
    if case.complaint is not None:
        log(
            complaint=case.complaint,
            actor=actor,
            action=ACTION_CASE,
            summary=RecordText(
                _lazy("Ombudsmanzaak geregistreerd: %(case)s (%(kind)s), ontvangen op %(day)s."),
                case=describe(case),
                kind=OmbudsmanCase.Kind(case.kind).label,
                day=_day(case.received_on),
            ),
        )
    return case


@transaction.atomic
def update_case(
    case: OmbudsmanCase, *, actor, data: dict[str, Any], today: date | None = None
) -> OmbudsmanCase:
    """Change a case: the keys given replace the current values (a missing key keeps
    it). Closing is `closed_on` + `outcome` given together; both empty reopens it."""
    check_permission(actor)
    today = today or deadlines.today()
    case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
    current = {name: getattr(case, name) for name in CASE_FIELDS + CLOSE_FIELDS}
    merged = {**current, **data}
    values = check_case(merged, case=case, today=today)
    changes = {
        name: (plain(current[name]), plain(values[name]))
        for name in values
        if values[name] != current[name]
    }
    for name, value in values.items():
        setattr(case, name, value)
    case.save()
    if not changes:
        return case
    old_complaint, new_complaint = current["complaint"], values["complaint"]
    if old_complaint is not None and old_complaint != new_complaint:
        log(
            complaint=old_complaint,
            actor=actor,
            action=ACTION_CASE,
            summary=RecordText(
                _lazy("Ombudsmanzaak %(case)s hoort niet meer bij deze klacht."),
                case=describe(case),
            ),
        )
    if new_complaint is not None:
        if "closed_on" in changes and values["closed_on"] is not None:
            message = RecordText(
                _lazy("Ombudsmanzaak %(case)s afgesloten op %(day)s: %(outcome)s."),
                case=describe(case),
                day=_day(case.closed_on),
                outcome=OmbudsmanCase.Outcome(case.outcome).label,
            )
        elif old_complaint != new_complaint:
            message = RecordText(
                _lazy("Ombudsmanzaak %(case)s (%(kind)s) gekoppeld aan deze klacht."),
                case=describe(case),
                kind=OmbudsmanCase.Kind(case.kind).label,
            )
        else:
            message = RecordText(_lazy("Ombudsmanzaak %(case)s gewijzigd."), case=describe(case))
        log(
            complaint=new_complaint,
            actor=actor,
            action=ACTION_CASE,
            summary=message,
            changes=changes,
        )
    return case


def close_case(
    case: OmbudsmanCase,
    *,
    actor,
    closed_on: date | None,
    outcome: str,
    outcome_note: str = "",
    today: date | None = None,
) -> OmbudsmanCase:
    """Close a case with its outcome (both required here)."""
    errors = Errors()
    if closed_on is None:
        errors.add("closed_on", _("Vul de datum in waarop de ombudsman de zaak afsloot."))
    if not outcome:
        errors.add("outcome", _("Kies de uitkomst."))
    errors.raise_if_any()
    return update_case(
        case,
        actor=actor,
        data={"closed_on": closed_on, "outcome": outcome, "outcome_note": outcome_note},
        today=today,
    )
