"""The figures of one period before they become cells: the register scoped to the
report's body and period, the plain numbers every section module gathers into it, and
the small tools the sections share (days in SQL, percentiles, shares).

Definitions, where kpis.md leaves a choice:
- Only rows of kind "complaint" count; reports, objections and questions are counted
  apart ("not a complaint", `volume`).
- Percentiles interpolate linearly between the two nearest values (as PostgreSQL's
  `percentile_cont` does): the median of 10 and 15 days is 12.5.
- "The end of the period" (for what stood at the end: recommendations, overdue
  measures) is its last day, or today when that is earlier (the running year).
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, DurationField, ExpressionWrapper, F, QuerySet
from django.db.models.functions import TruncDate

from vangnet.complaints.models import Complaint, Kind
from vangnet.complaints.workflow import Outcome
from vangnet.organisations.models import Body

from ..figures import Period

LOCAL = ZoneInfo("Europe/Amsterdam")

#: Outcomes of a formal decision (kpis.md, "Outcome").
FORMAL_OUTCOMES = (
    Outcome.WELL_FOUNDED,
    Outcome.PARTLY_WELL_FOUNDED,
    Outcome.UNFOUNDED,
    Outcome.NO_JUDGMENT,
)


class Raw:
    """The figures of one period: headline values and breakdown tables of plain numbers,
    filled by the section modules' `gather`. `compute` pairs two of these (this period
    and the one before)."""

    def __init__(self, period: Period, body: Body | None, *, today: date, bodies: list[Body]):
        self.period = period
        self.body = body
        self.today = today
        #: The bodies the report is about (the one body, or all of them).
        self.bodies = bodies
        #: The end of the period as far as it has happened: its last day, or today.
        self.moment = min(period.end, today)
        self.values: dict[str, int | float | None] = {}
        #: table key → row key → column key → value
        self.tables: dict[str, dict[str, dict[str, int | float | str | None]]] = defaultdict(
            lambda: defaultdict(dict)
        )
        #: table key → row key → label
        self.labels: dict[str, dict[str, str]] = defaultdict(dict)
        #: first day of a month → complaints received in it
        self.monthly: dict[date, int] = {}

    # The register, scoped to the body.
    def complaints(self) -> QuerySet:
        qs = Complaint.objects.filter(kind=Kind.COMPLAINT)
        if self.body is not None:
            qs = qs.filter(body=self.body)
        return qs

    def received(self) -> QuerySet:
        return self.complaints().filter(received_on__range=(self.period.start, self.period.end))

    def closed(self) -> QuerySet:
        return self.complaints().filter(closed_on__range=(self.period.start, self.period.end))

    def decided(self) -> QuerySet:
        """The complaints closed in the period with a formal decision."""
        return self.closed().filter(outcome__in=FORMAL_OUTCOMES)

    def group(self, table: str, qs: QuerySet, key: str, column: str = "count") -> None:
        """One breakdown: the rows of `qs` counted per value of `key`."""
        for row in qs.values(key).annotate(n=Count("id")).order_by():
            self.tables[table][row_key(row[key])][column] = row["n"]

    def total(self, table: str, column: str = "count") -> int:
        """The sum of one column of a gathered table."""
        return sum(row.get(column, 0) for row in self.tables[table].values())


def bodies_of(body: Body | None) -> list[Body]:
    """The bodies a report is about: the one body, or every body by name."""
    return [body] if body is not None else list(Body.objects.order_by("name"))


def row_key(value) -> str:
    if value is None or value == "":
        return "none"
    return str(value)


# --- Small tools ------------------------------------------------------------------------


def percentile(histogram: dict[int, int], fraction: float) -> float | None:
    """The `fraction` percentile (0..1) of values given as {value: how often}, with linear
    interpolation between neighbours (PostgreSQL's percentile_cont)."""
    total = sum(histogram.values())
    if not total:
        return None
    position = fraction * (total - 1)
    low_index, high_index = math.floor(position), math.ceil(position)
    low = high = None
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if low is None and seen > low_index:
            low = value
        if seen > high_index:
            high = value
            break
    result = low + (high - low) * (position - low_index)
    return round(float(result), 1)


def share(part: int | None, whole: int | None) -> float | None:
    """part ÷ whole, rounded to four decimals (a percentage with two); None for 0/0."""
    if not whole or part is None:
        return None
    return round(part / whole, 4)


def local_day(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=LOCAL)


def days_between(later: str, earlier: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


def as_days(value) -> int:
    if isinstance(value, timedelta):
        return value.days
    if isinstance(value, int | float):  # microseconds on some backends
        return int(value // 86_400_000_000)
    return int(value)


def add_to_histogram(histogram: dict[int, int], days, n: int) -> None:
    """Count `n` more values of `days` (a duration from the database)."""
    days = as_days(days)
    histogram[days] = histogram.get(days, 0) + n
