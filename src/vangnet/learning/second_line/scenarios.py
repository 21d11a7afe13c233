"""The scenario comparison of the second line's cost (issue 6, part 6): the ombudsmen's
current tariffs (their `CostTerms`) for a range of yearly numbers of ombudsman cases, at
one number of inhabitants, and the break-even points between them. The scenario page and
the API read their parameters here; the arithmetic is `organisations.costs`.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from vangnet.core.errors import Errors
from vangnet.organisations import costs
from vangnet.organisations.models import CostModel, InhabitantCount, Municipality, Ombudsman

SCENARIO_DEFAULTS = {"from": 0, "to": 200, "step": 10}
SCENARIO_MAX_ROWS = 200
SCENARIO_MAX_CASES = 1_000_000
SCENARIO_MAX_INHABITANTS = 100_000_000
_WHOLE = re.compile(r"^(\d{1,3}(\.\d{3})+|\d{1,12})$")


def latest_inhabitants() -> int | None:
    """The municipality's latest inhabitant count (None when it has none)."""
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
    errors = Errors()
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
