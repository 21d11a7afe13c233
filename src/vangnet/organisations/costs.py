"""What the second line costs: the three cost models of issue 6 and seed 000.

- per inhabitant (the Nationale ombudsman): `amount_per_inhabitant × inhabitants`;
- contribution (a joint regional ombudsman): `yearly_amount` covers
  `included_complaints` ombudsman cases a year; each case more costs
  `price_per_extra_complaint`;
- fixed (an own ombudsman or committee): `yearly_amount`;
- none: the body has no cost of its own (it is covered by another body's
  arrangement): 0. A blank cost model is unknown: no cost can be worked out (None).

Part of a year (a body switches arrangement on a date, or a report covers only some
days): every amount is pro-rated by days in effect / days in that calendar year, and so
is the number of cases the contribution covers, rounded down to whole cases (a case that
does not fit the pro-rated allowance is paid for). A full year is therefore exactly the
yearly figure. The cases counted are the ombudsman cases about the body received on the
days the arrangement was in effect. Money is rounded half up to cents once, per part.
Days before a body's first arrangement are a part without one: its cost, and so the
period's total, is unknown (None), never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from .models import CostModel, Municipality

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Terms:
    """A cost model and its amounts (the fields of `models.CostTerms`)."""

    cost_model: str
    amount_per_inhabitant: Decimal | None = None
    yearly_amount: Decimal | None = None
    included_complaints: int | None = None
    price_per_extra_complaint: Decimal | None = None

    @classmethod
    def of(cls, obj) -> Terms:
        return cls(
            cost_model=obj.cost_model,
            amount_per_inhabitant=obj.amount_per_inhabitant,
            yearly_amount=obj.yearly_amount,
            included_complaints=obj.included_complaints,
            price_per_extra_complaint=obj.price_per_extra_complaint,
        )

    @property
    def is_complete(self) -> bool:
        needed = {
            CostModel.PER_INHABITANT: [self.amount_per_inhabitant],
            CostModel.CONTRIBUTION: [
                self.yearly_amount,
                self.included_complaints,
                self.price_per_extra_complaint,
            ],
            CostModel.FIXED: [self.yearly_amount],
            CostModel.NONE: [],
        }.get(self.cost_model)
        return needed is not None and all(value is not None for value in needed)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def cost(
    terms: Terms,
    *,
    cases: int,
    inhabitants: int | None,
    fraction: Decimal = Decimal(1),
) -> Decimal | None:
    """The cost of `fraction` of a year with `cases` ombudsman cases in it. None when it
    cannot be known: incomplete terms, or per inhabitant without an inhabitant count."""
    if not terms.is_complete or cases < 0:
        return None
    if terms.cost_model == CostModel.PER_INHABITANT:
        if inhabitants is None:
            return None
        return _cents(terms.amount_per_inhabitant * inhabitants * fraction)
    if terms.cost_model == CostModel.FIXED:
        return _cents(terms.yearly_amount * fraction)
    if terms.cost_model == CostModel.NONE:
        return Decimal("0.00")
    included = (Decimal(terms.included_complaints) * fraction).to_integral_value(ROUND_FLOOR)
    extra = max(0, cases - int(included))
    return _cents(terms.yearly_amount * fraction + terms.price_per_extra_complaint * extra)


def yearly_cost(terms: Terms, *, cases: int, inhabitants: int | None) -> Decimal | None:
    return cost(terms, cases=cases, inhabitants=inhabitants)


def _days_in_year(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


@dataclass
class Part:
    """One arrangement over consecutive days of one calendar year."""

    arrangement: object | None  # SecondLineArrangement; None: days without one
    start: date
    end: date
    cases: int
    inhabitants: int | None
    cost: Decimal | None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass
class PeriodCost:
    """What a body's second line cost over a period, part by part."""

    parts: list[Part] = field(default_factory=list)

    @property
    def cases(self) -> int:
        return sum(part.cases for part in self.parts)

    @property
    def total(self) -> Decimal | None:
        """None when any part's cost is unknown (or there is no arrangement at all)."""
        if not self.parts or any(part.cost is None for part in self.parts):
            return None
        return sum((part.cost for part in self.parts), Decimal("0.00"))

    @property
    def per_case(self) -> Decimal | None:
        total = self.total
        if total is None or not self.cases:
            return None
        return _cents(total / self.cases)


def inhabitant_counts(start: date, end: date) -> dict[int, int]:
    """The municipality's inhabitant count per year from `start`'s year to `end`'s (a
    year without one is missing)."""
    municipality = Municipality.current()
    if not municipality.pk:
        return {}
    return dict(
        municipality.inhabitant_counts.filter(year__gte=start.year, year__lte=end.year).values_list(
            "year", "inhabitants"
        )
    )


def period_cost(
    body,
    start: date,
    end: date,
    *,
    case_days: list[date],
    arrangements: list | None = None,
    inhabitants: dict[int, int] | None = None,
) -> PeriodCost:
    """The cost of `body`'s second line from `start` to `end` (inclusive), split by
    arrangement and by calendar year. `case_days`: the received dates of the body's
    ombudsman cases in the period (the caller reads them: the cases are
    `learning.OmbudsmanCase`, a layer above this one). Read from the database unless
    given (a report over many bodies loads them once): `arrangements`, the body's
    arrangements; `inhabitants`, the inhabitant count per year (a year missing from it
    is unknown)."""
    if arrangements is None:
        arrangements = list(body.arrangements.order_by("effective_from"))
    arrangements = sorted(arrangements, key=lambda a: a.effective_from)
    if inhabitants is None:
        inhabitants = inhabitant_counts(start, end)
    result = PeriodCost()
    day = start
    while day <= end:
        year_end = min(end, date(day.year, 12, 31))
        result.parts.extend(
            _year_parts(day, year_end, arrangements, case_days, inhabitants.get(day.year))
        )
        day = year_end + timedelta(days=1)
    return result


def _year_parts(
    day: date, year_end: date, arrangements: list, case_days: list[date], count: int | None
) -> list[Part]:
    """The parts from `day` to `year_end`, both in one calendar year: a part without an
    arrangement for days before the first one, then one per arrangement in effect."""
    in_year = [a for a in arrangements if a.effective_from <= year_end]
    current = [a for a in in_year if a.effective_from <= day][-1:]
    starts = [a for a in in_year if a.effective_from > day]
    parts = []
    if not current:
        # Days before the body's first arrangement: no known second line, so the
        # cost of those days (and of the period) is unknown, not nothing.
        gap_end = starts[0].effective_from - timedelta(days=1) if starts else year_end
        parts.append(
            Part(
                arrangement=None,
                start=day,
                end=gap_end,
                cases=sum(1 for d in case_days if day <= d <= gap_end),
                inhabitants=count,
                cost=None,
            )
        )
    in_effect = current + starts
    for index, arrangement in enumerate(in_effect):
        part_start = max(day, arrangement.effective_from)
        following = in_effect[index + 1 : index + 2]
        part_end = following[0].effective_from - timedelta(days=1) if following else year_end
        cases = sum(1 for d in case_days if part_start <= d <= part_end)
        fraction = Decimal((part_end - part_start).days + 1) / _days_in_year(day.year)
        parts.append(
            Part(
                arrangement=arrangement,
                start=part_start,
                end=part_end,
                cases=cases,
                inhabitants=count,
                cost=cost(Terms.of(arrangement), cases=cases, inhabitants=count, fraction=fraction),
            )
        )
    return parts


def _allowance(terms: Terms) -> int | None:
    """From how many cases on each case more costs money (contribution only)."""
    if terms.cost_model == CostModel.CONTRIBUTION and terms.price_per_extra_complaint:
        return terms.included_complaints
    return None


def _slope(terms: Terms, cases: int) -> Decimal:
    """What one case more costs, from `cases` on (a whole year)."""
    allowance = _allowance(terms)
    if allowance is not None and cases >= allowance:
        return terms.price_per_extra_complaint
    return Decimal(0)


def break_even_cases(a: Terms, b: Terms, *, inhabitants: int | None) -> int | None:
    """The smallest number of cases a year from which `a` costs more than `b` and stays
    more expensive for every number above it; None when that never happens, when `a`
    is dearer at any number of cases, zero included (no break-even), or when it cannot
    be known (incomplete terms, per inhabitant without an inhabitant count).

    A year's cost is piecewise linear in the number of cases (flat up to a contribution's
    allowance, then its price per case), so the difference is solved segment by segment
    between the allowances, from the last (open-ended) one back: exact, and as fast for
    a price of one cent as for a large one."""

    def gap(n: int) -> Decimal | None:
        cost_a = cost(a, cases=n, inhabitants=inhabitants)
        cost_b = cost(b, cases=n, inhabitants=inhabitants)
        if cost_a is None or cost_b is None:
            return None
        return cost_a - cost_b

    if gap(0) is None:
        return None
    points = sorted({0, *(x for x in (_allowance(a), _allowance(b)) if x is not None)})
    result: int | None = None
    for index in reversed(range(len(points))):
        start = points[index]
        end = points[index + 1] - 1 if index + 1 < len(points) else None
        slope = _slope(a, start) - _slope(b, start)
        at_start = gap(start)
        if end is not None and gap(end) <= 0:
            # Not dearer at this segment's last number: it stays dearer only from the
            # next segment on (or never).
            return result
        if at_start > 0:
            result = start
            if end is None and slope < 0:
                return None
            continue
        if slope <= 0:
            return None  # open-ended segment that never becomes dearer
        first = start + int((-at_start / slope).to_integral_value(ROUND_FLOOR)) + 1
        while first > start and gap(first - 1) > 0:  # guard against rounding
            first -= 1
        while gap(first) <= 0:
            first += 1
        return first
    return None  # dearer from zero cases on: no break-even


def break_even_inhabitants(per_inhabitant: Terms, other: Terms, *, cases: int) -> int | None:
    """The smallest number of inhabitants from which the per-inhabitant model costs more
    than `other` at `cases` cases a year; None when it cannot be said."""
    if per_inhabitant.cost_model != CostModel.PER_INHABITANT or not per_inhabitant.is_complete:
        return None
    rate = per_inhabitant.amount_per_inhabitant
    target = cost(other, cases=cases, inhabitants=None)
    if target is None or not rate:
        return None
    # rate × n rounded to cents > target: first n beyond target / rate.
    n = int((target / rate).to_integral_value(ROUND_FLOOR))
    while cost(per_inhabitant, cases=cases, inhabitants=n, fraction=Decimal(1)) <= target:
        n += 1
    while n > 0 and cost(per_inhabitant, cases=cases, inhabitants=n - 1) > target:
        n -= 1
    return n
