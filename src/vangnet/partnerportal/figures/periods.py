"""The periods partners report over, and whether one may be reported now.

The municipality decides how often partners report (`Municipality.partner_report_frequency`:
per year, half year or quarter); a period is (year, code, first day, last day) with code
"Y", "H1"/"H2" or "Q1".."Q4", both days included. A report may be given for a period of
the current frequency that started in 2000 or later and whose last day is not after
today. A period counts as *missing* for a partner from the day after its last day on.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.utils.translation import gettext as _

from vangnet.organisations.models import Municipality

from .. import figures_csv
from ..models import Period

YEAR, HALF_YEAR, QUARTER = "year", "half_year", "quarter"
PERIODS: dict[str, tuple[str, ...]] = {
    YEAR: ("Y",),
    HALF_YEAR: ("H1", "H2"),
    QUARTER: ("Q1", "Q2", "Q3", "Q4"),
}
#: code -> (first month, last month)
_MONTHS = {
    "Y": (1, 12),
    "H1": (1, 6),
    "H2": (7, 12),
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
}
FIRST_YEAR = 2000

PeriodTuple = tuple[int, str, date, date]


def period_bounds(year: int, period: str) -> tuple[date, date]:
    first, last = _MONTHS[period]
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def periods_of_year(year: int, *, frequency: str) -> list[PeriodTuple]:
    return [(year, code, *period_bounds(year, code)) for code in PERIODS[frequency]]


def periods_between(start: date, end: date, *, frequency: str) -> list[PeriodTuple]:
    """The periods of `frequency` lying wholly within [start, end], in order."""
    return [
        period
        for year in range(start.year, end.year + 1)
        for period in periods_of_year(year, frequency=frequency)
        if period[2] >= start and period[3] <= end
    ]


def report_frequency() -> str:
    return Municipality.current().partner_report_frequency or QUARTER


def frequency_label(frequency: str) -> str:
    return {
        YEAR: _("per jaar"),
        HALF_YEAR: _("per halfjaar"),
        QUARTER: _("per kwartaal"),
    }[frequency]


def period_label(year: int, period: str) -> str:
    """2026-Q1, 2026-H2, 2026."""
    return figures_csv.period_label(year, period)


def period_name(year: int, period: str) -> str:
    """In words: '1e kwartaal 2026', '2e halfjaar 2026', '2026'."""
    if period == "Y":
        return str(year)
    if period.startswith("Q"):
        return _("%(n)se kwartaal %(year)s") % {"n": period[1], "year": year}
    return _("%(n)se halfjaar %(year)s") % {"n": period[1], "year": year}


def period_problems(year, period, *, frequency: str, today: date) -> list[str]:
    """Why (year, period) cannot be reported now; empty when it can."""
    if not isinstance(year, int) or isinstance(year, bool) or period not in Period.values:
        return [_("Kies een periode, zoals 2026-Q1, 2026-H2 of 2026.")]
    if year < FIRST_YEAR:
        return [_("Cijfers kunnen alleen over %(year)s en later.") % {"year": FIRST_YEAR}]
    if year > 9999:
        return [_("Kies een periode, zoals 2026-Q1, 2026-H2 of 2026.")]
    if period not in PERIODS[frequency]:
        example = period_label(today.year - 1, PERIODS[frequency][-1])
        return [
            _(
                "De gemeente vraagt de cijfers %(frequency)s. %(label)s past daar niet bij; "
                "kies bijvoorbeeld %(example)s."
            )
            % {
                "frequency": frequency_label(frequency),
                "label": period_label(year, period),
                "example": example,
            }
        ]
    _start, end = period_bounds(year, period)
    if end > today:
        return [
            _(
                "%(label)s is nog niet voorbij. U kunt de cijfers doorgeven vanaf de laatste "
                "dag van de periode (%(end)s)."
            )
            % {"label": period_label(year, period), "end": end.strftime("%d-%m-%Y")}
        ]
    return []
