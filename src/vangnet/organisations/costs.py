"""What the second line costs: the three cost models of issue 6 and seed 000.

- per inhabitant (the Nationale ombudsman): `amount_per_inhabitant × inhabitants`;
- contribution (a joint regional ombudsman): `yearly_amount` covers
  `included_complaints` ombudsman cases a year; each case more costs
  `price_per_extra_complaint`;
- fixed (an own ombudsman or committee): `yearly_amount`.

Part of a year (a body switches arrangement on a date, or a report covers only some
days): every amount is pro-rated by days in effect / days in that calendar year, and so
is the number of cases the contribution covers, rounded down to whole cases (a case that
does not fit the pro-rated allowance is paid for). A full year is therefore exactly the
yearly figure. The cases counted are the ombudsman cases about the body received on the
days the arrangement was in effect. Money is rounded half up to cents once, per part.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from .models import CostModel

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

    arrangement: object  # SecondLineArrangement
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


def period_cost(body, start: date, end: date, *, case_days: list[date] | None = None) -> PeriodCost:
    """The cost of `body`'s second line from `start` to `end` (inclusive), split by
    arrangement and by calendar year. `case_days`: the received dates of the body's
    ombudsman cases (read from the database when not given)."""
    from vangnet.learning.models import OmbudsmanCase
    from vangnet.organisations.models import Municipality

    if case_days is None:
        case_days = list(
            OmbudsmanCase.objects.filter(
                body=body, received_on__gte=start, received_on__lte=end
            ).values_list("received_on", flat=True)
        )
    municipality = Municipality.current()
    arrangements = list(body.arrangements.order_by("effective_from"))
    result = PeriodCost()
    day = start
    while day <= end:
        year_end = min(end, date(day.year, 12, 31))
        in_year = [a for a in arrangements if a.effective_from <= year_end]
        current = [a for a in in_year if a.effective_from <= day][-1:]
        starts = [a for a in in_year if a.effective_from > day]
        for index, arrangement in enumerate(current + starts):
            part_start = max(day, arrangement.effective_from)
            following = (current + starts)[index + 1 : index + 2]
            part_end = following[0].effective_from - timedelta(days=1) if following else year_end
            cases = sum(1 for d in case_days if part_start <= d <= part_end)
            inhabitants = municipality.inhabitants_in(day.year)
            fraction = Decimal((part_end - part_start).days + 1) / _days_in_year(day.year)
            result.parts.append(
                Part(
                    arrangement=arrangement,
                    start=part_start,
                    end=part_end,
                    cases=cases,
                    inhabitants=inhabitants,
                    cost=cost(
                        Terms.of(arrangement),
                        cases=cases,
                        inhabitants=inhabitants,
                        fraction=fraction,
                    ),
                )
            )
        day = year_end + timedelta(days=1)
    return result


def _slope(terms: Terms) -> Decimal:
    if terms.cost_model == CostModel.CONTRIBUTION:
        return terms.price_per_extra_complaint
    return Decimal(0)


def break_even_cases(a: Terms, b: Terms, *, inhabitants: int | None) -> int | None:
    """The smallest number of cases a year at which `a` costs more than `b`, when `a`
    costs no more than `b` at zero cases; None when that never happens or cannot be
    known. Past both allowances the gap moves by the difference in price per case."""
    zero_a = cost(a, cases=0, inhabitants=inhabitants)
    zero_b = cost(b, cases=0, inhabitants=inhabitants)
    if zero_a is None or zero_b is None or zero_a > zero_b:
        return None
    slope_a, slope_b = _slope(a), _slope(b)
    if slope_a <= slope_b:
        return None
    low = max(a.included_complaints or 0, b.included_complaints or 0)
    gap = cost(b, cases=low, inhabitants=inhabitants) - cost(a, cases=low, inhabitants=inhabitants)
    high = low + max(0, math.ceil(gap / (slope_a - slope_b))) + 1
    for n in range(high + 1):
        if cost(a, cases=n, inhabitants=inhabitants) > cost(b, cases=n, inhabitants=inhabitants):
            return n
    return None


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
