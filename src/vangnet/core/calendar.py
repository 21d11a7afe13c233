"""Deadline arithmetic under the Dutch Algemene termijnenwet (Atw).

The Atw governs how statutory terms ("termijnen") are computed:

* **Art. 1 lid 1** -- a term set by law that ends on a Saturday, a Sunday or a
  recognised holiday ("algemeen erkende feestdag") is extended up to and
  including the next day that is none of these.  Only terms counted *forward*
  are extended; a term counted backwards ("uiterlijk X dagen vóór ...") is not,
  so :meth:`AtwCalendar.roll_forward` must never be applied to those.
* **Art. 2** -- a term of at least three days is, where necessary, extended so
  that it contains at least two days that are not a Saturday, Sunday or
  recognised holiday.  This only matters when many decree days cluster; it is
  applied by :meth:`AtwCalendar.add_weeks`.
* **Art. 3 lid 1** -- the recognised holidays are New Year's Day, Easter Monday,
  Ascension Day, Whit Monday, Christmas Day and Boxing Day, the day on which
  the King's birthday is celebrated (King's Day: 27 April, or 26 April when the
  27th is a Sunday) and 5 May (Liberation Day) -- *every* year, not only in
  lustrum years.
* **Art. 3 lid 2** -- Good Friday is treated as a recognised holiday.
* **Art. 3 lid 3** -- further days may be designated by royal decree
  ("Koninklijk Besluit"), e.g. the Friday after Ascension Day.  Those are
  configured per year in the database; this module does not read the database
  but accepts them as ``extra_days``.

Easter Sunday and Whit Sunday are not listed separately: they are Sundays.

Moveable feasts are derived from Easter Sunday, computed with the anonymous
Gregorian algorithm (Meeus/Jones/Butcher).  Public-holiday libraries are
deliberately not used: their Dutch calendars do not match the Atw list (they
typically omit Good Friday or treat 5 May as a holiday only every five years).

The current rules are applied to every year; historical variants (Queen's Day
on 30 April before 2014, for example) are not modelled.

A *working day* in this module is a day that is not a Saturday, not a Sunday,
not a recognised Atw holiday and not a decree day.  Weeks are calendar weeks:
six weeks after receipt on a Tuesday ends on the Tuesday six weeks later, after
which art. 1 applies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

__all__ = [
    "EXTRA_DAY_NAME",
    "AtwCalendar",
    "atw_holidays",
    "easter_sunday",
]

#: Name returned by :meth:`AtwCalendar.holiday_name` for a decree day (Atw art. 3 lid 3).
EXTRA_DAY_NAME = "Bij Koninklijk Besluit aangewezen dag"

#: Separator used when two recognised holidays fall on the same date
#: (e.g. Liberation Day and Ascension Day on 5 May 2016).
NAME_SEPARATOR = " en "

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5  # date.weekday(): Monday == 0 ... Sunday == 6
_SUNDAY = 6
_FIRST_GREGORIAN_YEAR = 1583


def easter_sunday(year: int) -> date:
    """Return the date of (Western, Gregorian) Easter Sunday in ``year``.

    Uses the anonymous Gregorian algorithm (Meeus/Jones/Butcher), valid for every
    year of the Gregorian calendar (1583 and later).
    """
    if year < _FIRST_GREGORIAN_YEAR:
        raise ValueError(f"Easter is only computed for Gregorian years (>= 1583), got {year}")
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _kings_day(year: int) -> date:
    """27 April, or 26 April when 27 April is a Sunday."""
    day = date(year, 4, 27)
    return day - _ONE_DAY if day.weekday() == _SUNDAY else day


@lru_cache(maxsize=512)
def _holidays(year: int) -> Mapping[date, str]:
    """Cached, read-only version of :func:`atw_holidays`."""
    easter = easter_sunday(year)
    rules: list[tuple[date, str]] = [
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (easter - timedelta(days=2), "Goede Vrijdag"),
        (easter + timedelta(days=1), "Tweede Paasdag"),
        (_kings_day(year), "Koningsdag"),
        (date(year, 5, 5), "Bevrijdingsdag"),
        (easter + timedelta(days=39), "Hemelvaartsdag"),
        (easter + timedelta(days=50), "Tweede Pinksterdag"),
        (date(year, 12, 25), "Eerste Kerstdag"),
        (date(year, 12, 26), "Tweede Kerstdag"),
    ]
    names: dict[date, list[str]] = {}
    for day, name in rules:
        names.setdefault(day, []).append(name)
    return MappingProxyType({day: NAME_SEPARATOR.join(names[day]) for day in sorted(names)})


def atw_holidays(year: int) -> dict[date, str]:
    """Recognised holidays of Atw art. 3 for the year, date -> Dutch name.

    Names are "Nieuwjaarsdag", "Goede Vrijdag", "Tweede Paasdag", "Koningsdag",
    "Bevrijdingsdag", "Hemelvaartsdag", "Tweede Pinksterdag", "Eerste Kerstdag" and
    "Tweede Kerstdag".  When two holidays coincide (Ascension Day can fall on 5 May)
    the date appears once and the names are joined with " en ", so the mapping holds
    eight or nine dates.  The dict is ordered by date and is a fresh copy: callers
    may mutate it without affecting the cache.  Decree days (art. 3 lid 3) are not
    included; pass them to :class:`AtwCalendar`.
    """
    return dict(_holidays(year))


class AtwCalendar:
    """Working-day calendar under the Atw, with optional decree days.

    ``extra_days`` are the days designated by royal decree (Atw art. 3 lid 3) that
    are treated as recognised holidays, e.g. the Friday after Ascension Day.
    """

    def __init__(self, extra_days: Iterable[date] = ()) -> None:
        self._extra_days: frozenset[date] = frozenset(extra_days)

    @property
    def extra_days(self) -> frozenset[date]:
        """The configured decree days."""
        return self._extra_days

    def __repr__(self) -> str:
        return f"AtwCalendar(extra_days={sorted(self._extra_days)!r})"

    def is_holiday(self, day: date) -> bool:
        """Whether ``day`` is a recognised Atw holiday or a decree day.

        Saturdays and Sundays as such are not holidays.
        """
        return day in self._extra_days or day in _holidays(day.year)

    def holiday_name(self, day: date) -> str | None:
        """Dutch name of the holiday on ``day``, or ``None``.

        A decree day that is not also a statutory holiday is named
        :data:`EXTRA_DAY_NAME`.
        """
        name = _holidays(day.year).get(day)
        if name is not None:
            return name
        if day in self._extra_days:
            return EXTRA_DAY_NAME
        return None

    def is_working_day(self, day: date) -> bool:
        """Not a Saturday, Sunday, recognised holiday or decree day."""
        return day.weekday() < _SATURDAY and not self.is_holiday(day)

    def roll_forward(self, day: date) -> date:
        """Apply Atw art. 1 to a term ending on ``day``.

        Returns ``day`` itself if it is a working day, otherwise the next working
        day.  Only for terms counted forward: the result is never earlier than
        ``day``.  Terms counted backwards are not extended by the Atw and must not
        be passed through this method.
        """
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def add_weeks(self, start: date, weeks: int) -> date:
        """End of a term of ``weeks`` calendar weeks starting on ``start``.

        The term ends on the same weekday ``weeks`` weeks later and is then extended
        under Atw art. 1 (to the next working day) and, for terms of at least one
        week, art. 2 (the term must contain at least two working days after
        ``start``).  ``weeks`` must be >= 0; ``weeks == 0`` only rolls ``start``
        forward.
        """
        if weeks < 0:
            raise ValueError("weeks must be >= 0; terms counted backwards are not extended")
        end = self.roll_forward(start + timedelta(weeks=weeks))
        if weeks > 0:
            end = max(end, self.add_working_days(start, 2))
        return end

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start``.

        Counting begins on the day after ``start`` (the day of receipt itself never
        counts, whether or not it is a working day) and only working days are
        counted; the result is the ``days``-th one.  So receipt on Friday
        2026-01-02 + 5 working days is Friday 2026-01-09, and receipt on a Saturday
        or a Friday + 1 working day is the following Monday (if that is not a
        holiday).  ``days == 0`` returns ``start`` rolled forward (Atw art. 1).
        ``days`` must be >= 0.
        """
        if days < 0:
            raise ValueError("days must be >= 0")
        if days == 0:
            return self.roll_forward(start)
        day = start
        remaining = days
        while remaining:
            day += _ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days ``d`` with ``start < d <= end`` (0 if ``end <= start``).

        For ``n >= 1``: ``working_days_between(s, add_working_days(s, n)) == n``.
        """
        if end <= start:
            return 0
        count = 0
        day = start + _ONE_DAY
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += _ONE_DAY
        return count
