"""Ombudsman cases and their recommendations (issue 6, part 5): every write.

A case is registered when the ombudsman takes up a complaint (Awb 9:18 ff.): which
ombudsman, its reference (unique per ombudsman), the day it came in, the body it is
about, the linked complaint (optional: the ombudsman may take up something the
register does not hold), the kind of handling and a summary. It is closed with an
outcome and a date. A recommendation has the term the ombudsman set for the
municipality's response (Awb 9:36 lid 4: "binnen een door de ombudsman te bepalen
termijn"); the response is recorded as followed, partly followed or not followed, with
its date and text. A response after the term, or none when the term has passed, is late.

The law sets no default term. When the ombudsman names none, the pages suggest
`DEFAULT_RESPONSE_WEEKS` (6) weeks after the recommendation, the term of Awb 9:11 for
handling a complaint; the user can change it, and the service only requires a term that
does not end before the recommendation was made.

Pages and the API pass typed values (dates as `date`, instances or a complaint's
reference as text). Every error comes at once, per field, in plain Dutch, and nothing is
stored then; the database's check constraints are never what catches bad input. Every
change is an event on the linked complaint's timeline (`complaints.events.log`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.events import Action, RecordText, log
from vangnet.complaints.models import Complaint, Kind
from vangnet.organisations.models import Body, Ombudsman

from .models import OmbudsmanCase, Recommendation

PERM = "learning.manage_ombudsman_cases"
DEFAULT_RESPONSE_WEEKS = 6

#: Timeline actions (values for `complaints.events.Action`; see the lead's note).
ACTION_CASE = Action.OMBUDSMAN_CASE
ACTION_RECOMMENDATION = Action.OMBUDSMAN_RECOMMENDATION

#: States of a recommendation's response, on a given day.
AWAITING = "awaiting"
OVERDUE = "overdue"
ANSWERED = "answered"
ANSWERED_LATE = "answered_late"

CASE_FIELDS = ("ombudsman", "reference", "received_on", "body", "complaint", "kind", "summary")
CLOSE_FIELDS = ("closed_on", "outcome", "outcome_note")


def default_respond_by(made_on: date) -> date:
    """The suggested term when the ombudsman names none (see the module's docstring)."""
    return made_on + timedelta(weeks=DEFAULT_RESPONSE_WEEKS)


def response_state(recommendation: Recommendation, today: date) -> str:
    if recommendation.responded_on is None:
        return OVERDUE if recommendation.respond_by < today else AWAITING
    return ANSWERED_LATE if recommendation.responded_on > recommendation.respond_by else ANSWERED


def _check(actor) -> None:
    if actor is None or not actor.has_perm(PERM):
        raise PermissionDenied(_("U mag ombudsmanzaken niet vastleggen."))


def _format_long(value: date) -> str:
    return date_format(value, "j F Y")


#: A date in words, formatted when the text is rendered: in the register's language on
#: the timeline (`RecordText`), in the user's language in a message.
_day = lazy(_format_long, str)


def find_complaint(reference: str) -> Complaint | None:
    return Complaint.objects.filter(reference__iexact=reference.strip()).first()


class _Errors(dict):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def _not_in_future(errors: _Errors, field: str, value: date | None, today: date) -> None:
    if value is not None and value > today:
        errors.add(field, _("Deze datum ligt in de toekomst. Kies vandaag of een eerdere dag."))


def check_case(values: dict[str, Any], *, case: OmbudsmanCase | None, today: date) -> dict:
    """Check and complete the fields of a case (new, or `case` edited): every error at
    once as a ValidationError; returns the values to store."""
    errors = _Errors()
    ombudsman = values.get("ombudsman")
    if not isinstance(ombudsman, Ombudsman):
        errors.add("ombudsman", _("Kies de ombudsman."))
        ombudsman = None
    reference = (values.get("reference") or "").strip()
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
    received_on = values.get("received_on")
    if not isinstance(received_on, date):
        errors.add("received_on", _("Vul de datum in waarop de ombudsman de zaak begon."))
        received_on = None
    _not_in_future(errors, "received_on", received_on, today)

    complaint = values.get("complaint")
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


def _clean_closing(errors, closed_on, outcome, received_on, today) -> None:
    if outcome and outcome not in OmbudsmanCase.Outcome.values:
        errors.add("outcome", _("Kies een uitkomst uit de lijst."))
    if closed_on is not None and not outcome:
        errors.add("outcome", _("Kies de uitkomst: de zaak heeft een datum van afsluiten."))
    if outcome and closed_on is None:
        errors.add("closed_on", _("Vul de datum in waarop de ombudsman de zaak afsloot."))
    _not_in_future(errors, "closed_on", closed_on, today)
    if closed_on is not None and received_on is not None and closed_on < received_on:
        errors.add(
            "closed_on",
            _("De zaak kan niet zijn afgesloten vóór hij begon (%(day)s).")
            % {"day": _day(received_on)},
        )


def _describe(case: OmbudsmanCase) -> str:
    return f"{case.ombudsman} {case.reference}"


@transaction.atomic
def register_case(*, actor, data: dict[str, Any], today: date | None = None) -> OmbudsmanCase:
    """Register a case. `data`: ombudsman, reference, received_on, kind; optional body
    (default: the complaint's, else the default body), complaint (instance or
    reference), summary, closed_on + outcome (+ outcome_note)."""
    _check(actor)
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
                case=_describe(case),
                kind=OmbudsmanCase.Kind(case.kind).label,
                day=_day(case.received_on),
            ),
        )
    return case


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


@transaction.atomic
def update_case(
    case: OmbudsmanCase, *, actor, data: dict[str, Any], today: date | None = None
) -> OmbudsmanCase:
    """Change a case: the keys given replace the current values (a missing key keeps
    it). Closing is `closed_on` + `outcome` given together; both empty reopens it."""
    _check(actor)
    today = today or deadlines.today()
    case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
    current = {name: getattr(case, name) for name in CASE_FIELDS + CLOSE_FIELDS}
    merged = {**current, **data}
    values = check_case(merged, case=case, today=today)
    changes = {
        name: (_plain(current[name]), _plain(values[name]))
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
                case=_describe(case),
            ),
        )
    if new_complaint is not None:
        if "closed_on" in changes and values["closed_on"] is not None:
            message = RecordText(
                _lazy("Ombudsmanzaak %(case)s afgesloten op %(day)s: %(outcome)s."),
                case=_describe(case),
                day=_day(case.closed_on),
                outcome=OmbudsmanCase.Outcome(case.outcome).label,
            )
        elif old_complaint != new_complaint:
            message = RecordText(
                _lazy("Ombudsmanzaak %(case)s (%(kind)s) gekoppeld aan deze klacht."),
                case=_describe(case),
                kind=OmbudsmanCase.Kind(case.kind).label,
            )
        else:
            message = RecordText(_lazy("Ombudsmanzaak %(case)s gewijzigd."), case=_describe(case))
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
    errors = _Errors()
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


def check_recommendation(
    case: OmbudsmanCase, *, text: str, made_on: date | None, respond_by: date | None, today: date
) -> str:
    """The rules for a recommendation (every error at once); returns the cleaned text."""
    errors = _Errors()
    text = (text or "").strip()
    if not text:
        errors.add("text", _("Vul de aanbeveling in."))
    if made_on is None:
        errors.add("made_on", _("Vul de datum van de aanbeveling in."))
    else:
        _not_in_future(errors, "made_on", made_on, today)
        if made_on < case.received_on:
            errors.add(
                "made_on",
                _("Een aanbeveling kan niet van vóór de zaak zijn (%(day)s).")
                % {"day": _day(case.received_on)},
            )
    if respond_by is None:
        errors.add("respond_by", _("Vul in tot wanneer de gemeente kan reageren."))
    elif made_on is not None and respond_by < made_on:
        errors.add("respond_by", _("De termijn kan niet eindigen vóór de aanbeveling is gedaan."))
    errors.raise_if_any()
    return text


@transaction.atomic
def add_recommendation(
    case: OmbudsmanCase,
    *,
    actor,
    text: str,
    made_on: date | None,
    respond_by: date | None,
    today: date | None = None,
) -> Recommendation:
    """A recommendation of the ombudsman and the term it set for the response."""
    _check(actor)
    today = today or deadlines.today()
    text = check_recommendation(
        case, text=text, made_on=made_on, respond_by=respond_by, today=today
    )
    recommendation = Recommendation.objects.create(
        case=case, text=text, made_on=made_on, respond_by=respond_by
    )
    if case.complaint_id:
        log(
            complaint=case.complaint,
            actor=actor,
            action=ACTION_RECOMMENDATION,
            summary=RecordText(
                _lazy("Aanbeveling van %(case)s van %(day)s; reageren uiterlijk %(by)s: %(text)s"),
                case=_describe(case),
                day=_day(made_on),
                by=_day(respond_by),
                text=text,
            ),
        )
    return recommendation


def check_response(
    recommendation: Recommendation, *, response: str, responded_on: date | None, today: date
) -> None:
    """The rules for the municipality's response (every error at once)."""
    errors = _Errors()
    if response not in Recommendation.Response.values:
        errors.add("response", _("Kies wat de gemeente met de aanbeveling doet."))
    if responded_on is None:
        errors.add("responded_on", _("Vul de datum van de reactie aan de ombudsman in."))
    else:
        _not_in_future(errors, "responded_on", responded_on, today)
        if responded_on < recommendation.made_on:
            errors.add(
                "responded_on",
                _("De reactie kan niet van vóór de aanbeveling zijn (%(day)s).")
                % {"day": _day(recommendation.made_on)},
            )
    errors.raise_if_any()


@transaction.atomic
def respond(
    recommendation: Recommendation,
    *,
    actor,
    response: str,
    responded_on: date | None,
    response_text: str = "",
    today: date | None = None,
) -> Recommendation:
    """Record (or correct) what the municipality told the ombudsman it does with a
    recommendation, and when. A response after the term is stored and shown as late."""
    _check(actor)
    today = today or deadlines.today()
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    check_response(recommendation, response=response, responded_on=responded_on, today=today)
    before = (recommendation.response, _plain(recommendation.responded_on))
    recommendation.response = response
    recommendation.responded_on = responded_on
    recommendation.response_text = (response_text or "").strip()
    recommendation.save()
    case = recommendation.case
    if case.complaint_id:
        late = responded_on > recommendation.respond_by
        message = (
            _lazy("Reactie op aanbeveling van %(case)s: %(response)s, op %(day)s (te laat).")
            if late
            else _lazy("Reactie op aanbeveling van %(case)s: %(response)s, op %(day)s.")
        )
        log(
            complaint=case.complaint,
            actor=actor,
            action=ACTION_RECOMMENDATION,
            summary=RecordText(
                message,
                case=_describe(case),
                response=Recommendation.Response(response).label,
                day=_day(responded_on),
            ),
            changes={
                "response": (before[0], response),
                "responded_on": (before[1], _plain(responded_on)),
            },
        )
    return recommendation


# --- reads ---------------------------------------------------------------------------


def overdue(today: date) -> Q:
    """Recommendations without a response whose term has passed."""
    return Q(responded_on__isnull=True, respond_by__lt=today)


# --- the cost of the second line: scenarios ----------------------------------------------
# The scenario page and the API compare the ombudsmen's current tariffs (their
# `CostTerms`) for a range of yearly numbers of ombudsman cases, for one number of
# inhabitants. The arithmetic is `organisations.costs`.

SCENARIO_DEFAULTS = {"from": 0, "to": 200, "step": 10}
SCENARIO_MAX_ROWS = 200
SCENARIO_MAX_CASES = 1_000_000
SCENARIO_MAX_INHABITANTS = 100_000_000
_WHOLE = re.compile(r"^(\d{1,3}(\.\d{3})+|\d{1,12})$")


def latest_inhabitants() -> int | None:
    """The municipality's latest inhabitant count (None when it has none)."""
    from vangnet.organisations.models import InhabitantCount, Municipality

    municipality = Municipality.current()
    if not municipality.pk:
        return None
    row = InhabitantCount.objects.filter(municipality=municipality).order_by("-year").first()
    return row.inhabitants if row else None


def read_scenario(params) -> tuple[dict[str, int | None], dict[str, list[str]]]:
    """The scenario's parameters `from`, `to`, `step`, `inhabitants` from a query dict:
    (values, errors per parameter). With any error every value is the default, so the
    page always shows a sensible comparison next to the messages."""
    defaults: dict[str, int | None] = {**SCENARIO_DEFAULTS, "inhabitants": latest_inhabitants()}
    values = dict(defaults)
    errors = _Errors()
    limits = {
        "from": (0, SCENARIO_MAX_CASES),
        "to": (0, SCENARIO_MAX_CASES),
        "step": (1, SCENARIO_MAX_CASES),
        "inhabitants": (1, SCENARIO_MAX_INHABITANTS),
    }
    messages = {
        "from": _("Vul een heel aantal klachten in van 0 tot en met %(max)s."),
        "to": _("Vul een heel aantal klachten in van 0 tot en met %(max)s."),
        "step": _("Vul een stap in van 1 tot en met %(max)s."),
        "inhabitants": _("Vul een heel aantal inwoners in van 1 tot en met %(max)s."),
    }
    for name, (low, high) in limits.items():
        raw = str(params.get(name, "") or "").strip()
        if not raw:
            continue
        # Whole numbers, with Dutch thousands separators allowed (159.709).
        number = int(raw.replace(".", "")) if _WHOLE.match(raw) else None
        if number is None or not low <= number <= high:
            errors.add(name, messages[name] % {"max": f"{high:,}".replace(",", ".")})
        else:
            values[name] = number
    if not errors:
        if values["to"] < values["from"]:
            errors.add("to", _("Het laatste aantal moet minstens het eerste aantal zijn."))
        elif (values["to"] - values["from"]) // values["step"] + 1 > SCENARIO_MAX_ROWS:
            errors.add(
                "step",
                _(
                    "Dat worden te veel rijen. Kies een grotere stap of een kleiner bereik "
                    "(hoogstens %(n)s rijen)."
                )
                % {"n": SCENARIO_MAX_ROWS},
            )
    if errors:
        return defaults, dict(errors)
    return values, {}


def scenario(*, start: int, stop: int, step: int, inhabitants: int | None) -> dict:
    """Every ombudsman's yearly cost at `start`, `start + step`, … `stop` cases (the last
    number always included), and the break-even points between each pair.

    Returns `{"ombudsmen": [...], "rows": [(cases, [cost or None per ombudsman])],
    "break_even": [...], "always_dearer": [...]}`; a break-even is
    `{"dearer": o, "cheaper": o, "cases": n}` (from n cases a year on, `dearer` costs
    more) or, for an ombudsman paid per inhabitant, `{"dearer": o, "cheaper": o,
    "inhabitants": n, "at_cases": c}`."""
    from vangnet.organisations import costs
    from vangnet.organisations.models import CostModel

    ombudsmen = list(Ombudsman.objects.order_by("name"))
    terms = {o.pk: costs.Terms.of(o) for o in ombudsmen}
    numbers = list(range(start, stop + 1, step))
    if numbers[-1] != stop:
        numbers.append(stop)
    rows = [
        (n, [costs.cost(terms[o.pk], cases=n, inhabitants=inhabitants) for o in ombudsmen])
        for n in numbers
    ]
    complete = [o for o in ombudsmen if terms[o.pk].is_complete]
    break_even: list[dict] = []
    always_dearer: list[dict] = []
    for a in complete:
        for b in complete:
            if a.pk == b.pk:
                continue
            n = costs.break_even_cases(terms[a.pk], terms[b.pk], inhabitants=inhabitants)
            if n is not None:
                break_even.append({"dearer": a, "cheaper": b, "cases": n})
            elif costs.break_even_cases(terms[b.pk], terms[a.pk], inhabitants=inhabitants) is None:
                column_a, column_b = ombudsmen.index(a), ombudsmen.index(b)
                pairs = [(row[column_a], row[column_b]) for _n, row in rows]
                if pairs and all(x is not None and y is not None and x > y for x, y in pairs):
                    always_dearer.append({"dearer": a, "cheaper": b})
            if terms[a.pk].cost_model == CostModel.PER_INHABITANT:
                for at_cases in sorted({start, stop}):
                    people = costs.break_even_inhabitants(terms[a.pk], terms[b.pk], cases=at_cases)
                    if people is not None:
                        break_even.append(
                            {"dearer": a, "cheaper": b, "inhabitants": people, "at_cases": at_cases}
                        )
    return {
        "ombudsmen": ombudsmen,
        "complete": complete,
        "rows": rows,
        "break_even": break_even,
        "always_dearer": always_dearer,
    }


def body_costs(year: int) -> list[dict]:
    """Per body: the arrangement in effect at the end of `year` (today in the running
    year, its first day in a later one) and the cost of the whole calendar year, part by
    part when it switched, with its ombudsman cases received that year."""
    from vangnet.organisations import costs

    start, end = date(year, 1, 1), date(year, 12, 31)
    day = min(end, max(start, deadlines.today()))
    result = []
    for body in Body.objects.order_by("-is_default", "name"):
        period = costs.period_cost(body, start, end)
        result.append(
            {
                "body": body,
                "arrangement": body.arrangement_on(day),
                "period": period,
            }
        )
    return result
