"""What each body's second line cost over a period (issue 6, part 6), with the ombudsman
cases about it: `organisations.costs` does the arithmetic, this module reads the cases
(`OmbudsmanCase` belongs to learning, a layer above organisations) and passes their days.
"""

from __future__ import annotations

from datetime import date

from vangnet.complaints import deadlines
from vangnet.organisations import costs
from vangnet.organisations.models import Body

from ..models import OmbudsmanCase


def case_days(body: Body, start: date, end: date) -> list[date]:
    """The received dates of the ombudsman cases about `body` from `start` to `end`."""
    return list(
        OmbudsmanCase.objects.filter(
            body=body, received_on__gte=start, received_on__lte=end
        ).values_list("received_on", flat=True)
    )


def period_cost(body: Body, start: date, end: date) -> costs.PeriodCost:
    """`organisations.costs.period_cost` with the body's ombudsman cases in the period,
    its arrangements and the inhabitant counts read from the database."""
    return costs.period_cost(body, start, end, case_days=case_days(body, start, end))


def body_costs(year: int) -> list[dict]:
    """Per body: the arrangement in effect at the end of `year` (today in the running
    year, its first day in a later one) and the cost of the whole calendar year, part by
    part when it switched, with its ombudsman cases received that year."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    day = min(end, max(start, deadlines.today()))
    result = []
    for body in Body.objects.order_by("-is_default", "name"):
        period = period_cost(body, start, end)
        result.append(
            {
                "body": body,
                "arrangement": body.arrangement_on(day),
                "period": period,
            }
        )
    return result
