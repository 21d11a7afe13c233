"""Trends: themes, departments, partners and neighbourhoods whose number of complaints
rose or fell markedly (the page calls them "signalen").

What is compared. The current period is the last `period_days(months)` days up to and
including `end` (3 months = 91 days). Its count is compared with

* the same days a year earlier ("last year"), and
* the running average of the 4 periods of the same length just before it ("average").

The test. Complaints are taken to arrive independently at some rate (a Poisson
process). If the rate did not change, then given the total n = current + baseline, the
current count follows a Binomial(n, 1 / (1 + exposure)) distribution, where exposure is
how many periods of the current length the baseline covers (1 for last year, 4 for the
average; less when the baseline starts before the register's first complaint, whose
days before it are not counted: a young register is no rise against empty years).
`poisson_rate_test` gives the exact two-sided p-value of that conditional test: the
chance, under "no change", of a split at least as unlikely as the one seen.

A trend is a comparison with p < ALPHA whose difference from the expected number
(baseline / exposure) is at least MIN_CHANGE complaints: a jump from 1 to 3 is never a
trend, however the test comes out.

Counting. Only complaints (kind "complaint") in the user's scope
(`selectors.visible_complaints`) count; a complaint on a sub-theme counts for its main
theme; complaints without theme, department, partner or neighbourhood are left out of
that dimension. One GROUP BY query per dimension (4 in all) counts every window at
once. Each trend (except neighbourhoods, which the complaint list cannot filter on)
carries the address of the back-office list with exactly the complaints of the current
period behind it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Count, F, Min, Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from vangnet.complaints import selectors
from vangnet.complaints.models import Complaint, Kind

#: A comparison shows a trend when its p-value is below this (1 in 100).
ALPHA = 0.01
#: ... and the count differs from the expected number by at least this many complaints.
MIN_CHANGE = 3
#: How many earlier periods the running average covers.
AVERAGE_PERIODS = 4
#: Probabilities within this relative margin of the observed one count as "as likely"
#: (floating-point ties in a symmetric distribution).
TOLERANCE = 1e-7

MIN_MONTHS, MAX_MONTHS, DEFAULT_MONTHS = 1, 12, 3

RISING, FALLING = "rising", "falling"
LAST_YEAR, AVERAGE = "last_year", "average"
THEME, DEPARTMENT, PARTNER, NEIGHBOURHOOD = "theme", "department", "partner", "neighbourhood"
DIMENSIONS = (THEME, DEPARTMENT, PARTNER, NEIGHBOURHOOD)


# --- the test (no database) ----------------------------------------------------------


def poisson_rate_test(current: int, baseline_count: int, baseline_exposure: float) -> float:
    """Two-sided p-value that `current` (one period) and `baseline_count` (spread over
    `baseline_exposure` periods of the same length) come from the same Poisson rate.

    Exact conditional test: under H0, current ~ Binomial(n, 1 / (1 + exposure)) with
    n = current + baseline_count. The p-value is the sum of the probabilities of all
    outcomes no more likely than the observed one (computed in log space)."""
    if current < 0 or baseline_count < 0:
        raise ValueError("counts cannot be negative")
    if not baseline_exposure > 0 or math.isinf(baseline_exposure):
        raise ValueError("baseline_exposure must be a positive number")
    n = current + baseline_count
    if n == 0:
        return 1.0
    p = 1.0 / (1.0 + baseline_exposure)
    log_p, log_q = math.log(p), math.log1p(-p)
    log_n = math.lgamma(n + 1)

    def log_pmf(k: int) -> float:
        return log_n - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * log_p + (n - k) * log_q

    observed = log_pmf(current)
    limit = observed + math.log1p(TOLERANCE)
    total = math.fsum(math.exp(lp) for k in range(n + 1) if (lp := log_pmf(k)) <= limit)
    return min(1.0, total)


def expected(baseline_count: int, baseline_exposure: float) -> float:
    """The number of complaints one period would have at the baseline's rate."""
    return baseline_count / baseline_exposure


def direction(current: int, baseline_count: int, baseline_exposure: float) -> str | None:
    """RISING or FALLING when the comparison shows a trend, else None."""
    mean = expected(baseline_count, baseline_exposure)
    if abs(current - mean) < MIN_CHANGE:
        return None
    if poisson_rate_test(current, baseline_count, baseline_exposure) >= ALPHA:
        return None
    return RISING if current > mean else FALLING


# --- the periods -----------------------------------------------------------------------


def period_days(months: int) -> int:
    """A period of `months` months in days: 1 → 30, 3 → 91, 6 → 183, 12 → 365."""
    return round(months * 365.25 / 12)


def same_day_last_year(day: date) -> date:
    """The same date a year earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Window:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def condition(self) -> Q:
        return Q(received_on__gte=self.start, received_on__lte=self.end)


def windows(end: date, months: int) -> tuple[Window, Window, Window]:
    """(current, same days last year, the AVERAGE_PERIODS periods before current)."""
    days = period_days(months)
    current = Window(end - timedelta(days=days - 1), end)
    last_year = Window(same_day_last_year(current.start), same_day_last_year(current.end))
    previous = Window(
        current.start - timedelta(days=AVERAGE_PERIODS * days), current.start - timedelta(days=1)
    )
    return current, last_year, previous


# --- the data ------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """The current count against one baseline."""

    baseline: str  # LAST_YEAR or AVERAGE
    baseline_count: int
    exposure: float
    expected: float
    p_value: float
    direction: str | None  # RISING, FALLING or None (no trend)


@dataclass(frozen=True)
class Row:
    """One theme, department, partner or neighbourhood with its comparisons."""

    dimension: str
    key: int | str
    label: str
    current: int
    last_year: Comparison
    average: Comparison
    list_url: str | None

    @property
    def comparisons(self) -> tuple[Comparison, Comparison]:
        return (self.last_year, self.average)

    @property
    def has_trend(self) -> bool:
        return any(c.direction for c in self.comparisons)


@dataclass(frozen=True)
class Trend:
    """A row's comparison that shows a marked rise or fall."""

    dimension: str
    key: int | str
    label: str
    current: int
    expected: float
    baseline: str  # LAST_YEAR or AVERAGE
    baseline_count: int
    exposure: float
    p_value: float
    direction: str  # RISING or FALLING
    list_url: str | None


@dataclass(frozen=True)
class TrendAnalysis:
    """Every row of the period, and the trends among them."""

    months: int
    current: Window
    last_year: Window
    previous: Window
    rows: dict[str, list[Row]]  # per dimension, in DIMENSIONS order
    trends: list[Trend]  # sorted by p-value


#: Per dimension: (group key, label) expressions and the list filter's parameter.
_GROUPS = {
    THEME: (
        Coalesce("theme__parent_id", "theme_id"),
        Coalesce("theme__parent__name", "theme__name"),
        "theme",
    ),
    DEPARTMENT: (F("department_id"), F("department__name"), "department"),
    PARTNER: (F("partner_id"), F("partner__name"), "partner"),
    # The complaint list has no neighbourhood filter (and `q` is a word search, not an
    # exact match), so neighbourhood trends have no link.
    NEIGHBOURHOOD: (F("neighbourhood"), F("neighbourhood"), None),
}


def list_url(parameter: str | None, key, window: Window) -> str | None:
    """The back-office list showing exactly the complaints counted in `window`."""
    if parameter is None:
        return None
    query = {
        "kind": Kind.COMPLAINT,
        "received_from": window.start.isoformat(),
        "received_to": window.end.isoformat(),
        parameter: key,
    }
    return f"{reverse('backoffice:complaint_list')}?{urlencode(query)}"


def _compare(baseline: str, current: int, baseline_count: int, exposure: float) -> Comparison:
    return Comparison(
        baseline=baseline,
        baseline_count=baseline_count,
        exposure=exposure,
        expected=expected(baseline_count, exposure),
        p_value=poisson_rate_test(current, baseline_count, exposure),
        direction=direction(current, baseline_count, exposure),
    )


def _covered(window, first: date | None) -> int:
    """The days of `window` on or after `first` (the register's first day); at least
    one, so a comparison with no history is never significant rather than undefined."""
    if first is None or first <= window.start:
        return window.days
    return max(1, (window.end - first).days + 1)


def _counts(base, dimension: str, current: Window, last_year: Window, previous: Window):
    """One GROUP BY query: per group of `dimension`, its key, label and the count in
    each window (groups without a key are left out)."""
    key_expr, label_expr, _parameter = _GROUPS[dimension]
    grouped = base.annotate(group_key=key_expr, group_label=label_expr).exclude(
        group_key__isnull=True
    )
    if dimension == NEIGHBOURHOOD:
        grouped = grouped.exclude(group_key="")
    return (
        grouped.values("group_key", "group_label")
        .annotate(
            n_current=Count("id", filter=current.condition()),
            n_last_year=Count("id", filter=last_year.condition()),
            n_previous=Count("id", filter=previous.condition()),
        )
        .order_by()
    )


def _trends_of(row: Row) -> list[Trend]:
    """A trend for each of the row's comparisons that shows one."""
    return [
        Trend(
            dimension=row.dimension,
            key=row.key,
            label=row.label,
            current=row.current,
            expected=c.expected,
            baseline=c.baseline,
            baseline_count=c.baseline_count,
            exposure=c.exposure,
            p_value=c.p_value,
            direction=c.direction,
            list_url=row.list_url,
        )
        for c in row.comparisons
        if c.direction
    ]


def analyse(user, *, end: date, months: int = DEFAULT_MONTHS) -> TrendAnalysis:
    """All rows and trends for the `months` months up to and including `end`, over the
    complaints `user` may see."""
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        raise ValueError(f"months must be {MIN_MONTHS}..{MAX_MONTHS}")
    current, last_year, previous = windows(end, months)
    # Exposure: how many periods' worth of days each baseline covers. The last-year
    # window can be a day longer or shorter (29 February); days before the register's
    # first complaint are not counted, or a young register would show every group as
    # rising against years in which nothing was registered yet.
    first = Complaint.objects.filter(kind=Kind.COMPLAINT).aggregate(first=Min("received_on"))[
        "first"
    ]
    last_year_exposure = _covered(last_year, first) / current.days
    average_exposure = _covered(previous, first) / current.days
    base = selectors.visible_complaints(user).filter(
        kind=Kind.COMPLAINT,
        received_on__gte=min(last_year.start, previous.start),
        received_on__lte=current.end,
    )
    rows: dict[str, list[Row]] = {}
    trends: list[Trend] = []
    for dimension in DIMENSIONS:
        parameter = _GROUPS[dimension][2]
        found = []
        for values in _counts(base, dimension, current, last_year, previous):
            n_current, n_last_year, n_previous = (
                values["n_current"],
                values["n_last_year"],
                values["n_previous"],
            )
            if not (n_current or n_last_year or n_previous):
                continue
            row = Row(
                dimension=dimension,
                key=values["group_key"],
                label=values["group_label"],
                current=n_current,
                last_year=_compare(LAST_YEAR, n_current, n_last_year, last_year_exposure),
                average=_compare(AVERAGE, n_current, n_previous, average_exposure),
                list_url=list_url(parameter, values["group_key"], current),
            )
            found.append(row)
            trends.extend(_trends_of(row))
        rows[dimension] = sorted(found, key=lambda r: (-r.current, str(r.label).lower()))
    trends.sort(
        key=lambda s: (s.p_value, DIMENSIONS.index(s.dimension), str(s.label).lower(), s.baseline)
    )
    return TrendAnalysis(
        months=months,
        current=current,
        last_year=last_year,
        previous=previous,
        rows=rows,
        trends=trends,
    )


def trends_for(user, *, end: date, months: int = DEFAULT_MONTHS) -> list[Trend]:
    """The trends only, sorted by p-value (most certain first)."""
    return analyse(user, end=end, months=months).trends
