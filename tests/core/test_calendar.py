"""Tests for the Algemene termijnenwet calendar (vangnet.core.calendar).

Expected holiday dates are written out literally (verified by hand against the
calendar); they are deliberately not derived from the module's own algorithm.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vangnet.core.calendar import (
    EXTRA_DAY_NAME,
    AtwCalendar,
    atw_holidays,
    easter_sunday,
)

D = date.fromisoformat

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# --------------------------------------------------------------------------------------
# Literal holiday table 2024-2030 (Atw art. 3 lid 1 and 2)
# --------------------------------------------------------------------------------------

# year -> [(date, name, weekday)]
HOLIDAYS: dict[int, list[tuple[str, str, int]]] = {
    2024: [
        ("2024-01-01", "Nieuwjaarsdag", MON),
        ("2024-03-29", "Goede Vrijdag", FRI),
        ("2024-04-01", "Tweede Paasdag", MON),
        ("2024-04-27", "Koningsdag", SAT),
        ("2024-05-05", "Bevrijdingsdag", SUN),
        ("2024-05-09", "Hemelvaartsdag", THU),
        ("2024-05-20", "Tweede Pinksterdag", MON),
        ("2024-12-25", "Eerste Kerstdag", WED),
        ("2024-12-26", "Tweede Kerstdag", THU),
    ],
    2025: [
        ("2025-01-01", "Nieuwjaarsdag", WED),
        ("2025-04-18", "Goede Vrijdag", FRI),
        ("2025-04-21", "Tweede Paasdag", MON),
        ("2025-04-26", "Koningsdag", SAT),  # 27 April 2025 is a Sunday
        ("2025-05-05", "Bevrijdingsdag", MON),
        ("2025-05-29", "Hemelvaartsdag", THU),
        ("2025-06-09", "Tweede Pinksterdag", MON),
        ("2025-12-25", "Eerste Kerstdag", THU),
        ("2025-12-26", "Tweede Kerstdag", FRI),
    ],
    2026: [
        ("2026-01-01", "Nieuwjaarsdag", THU),
        ("2026-04-03", "Goede Vrijdag", FRI),
        ("2026-04-06", "Tweede Paasdag", MON),
        ("2026-04-27", "Koningsdag", MON),
        ("2026-05-05", "Bevrijdingsdag", TUE),
        ("2026-05-14", "Hemelvaartsdag", THU),
        ("2026-05-25", "Tweede Pinksterdag", MON),
        ("2026-12-25", "Eerste Kerstdag", FRI),
        ("2026-12-26", "Tweede Kerstdag", SAT),
    ],
    2027: [
        ("2027-01-01", "Nieuwjaarsdag", FRI),
        ("2027-03-26", "Goede Vrijdag", FRI),
        ("2027-03-29", "Tweede Paasdag", MON),
        ("2027-04-27", "Koningsdag", TUE),
        ("2027-05-05", "Bevrijdingsdag", WED),
        ("2027-05-06", "Hemelvaartsdag", THU),
        ("2027-05-17", "Tweede Pinksterdag", MON),
        ("2027-12-25", "Eerste Kerstdag", SAT),
        ("2027-12-26", "Tweede Kerstdag", SUN),
    ],
    2028: [
        ("2028-01-01", "Nieuwjaarsdag", SAT),
        ("2028-04-14", "Goede Vrijdag", FRI),
        ("2028-04-17", "Tweede Paasdag", MON),
        ("2028-04-27", "Koningsdag", THU),
        ("2028-05-05", "Bevrijdingsdag", FRI),
        ("2028-05-25", "Hemelvaartsdag", THU),
        ("2028-06-05", "Tweede Pinksterdag", MON),
        ("2028-12-25", "Eerste Kerstdag", MON),
        ("2028-12-26", "Tweede Kerstdag", TUE),
    ],
    2029: [
        ("2029-01-01", "Nieuwjaarsdag", MON),
        ("2029-03-30", "Goede Vrijdag", FRI),
        ("2029-04-02", "Tweede Paasdag", MON),
        ("2029-04-27", "Koningsdag", FRI),
        ("2029-05-05", "Bevrijdingsdag", SAT),
        ("2029-05-10", "Hemelvaartsdag", THU),
        ("2029-05-21", "Tweede Pinksterdag", MON),
        ("2029-12-25", "Eerste Kerstdag", TUE),
        ("2029-12-26", "Tweede Kerstdag", WED),
    ],
    2030: [
        ("2030-01-01", "Nieuwjaarsdag", TUE),
        ("2030-04-19", "Goede Vrijdag", FRI),
        ("2030-04-22", "Tweede Paasdag", MON),
        ("2030-04-27", "Koningsdag", SAT),
        ("2030-05-05", "Bevrijdingsdag", SUN),
        ("2030-05-30", "Hemelvaartsdag", THU),
        ("2030-06-10", "Tweede Pinksterdag", MON),
        ("2030-12-25", "Eerste Kerstdag", WED),
        ("2030-12-26", "Tweede Kerstdag", THU),
    ],
}

EASTER_SUNDAYS = {
    2024: "2024-03-31",
    2025: "2025-04-20",
    2026: "2026-04-05",
    2027: "2027-03-28",
    2028: "2028-04-16",
    2029: "2029-04-01",
    2030: "2030-04-21",
    # extremes and other well-known dates
    1818: "1818-03-22",  # earliest possible
    1943: "1943-04-25",  # latest possible
    2000: "2000-04-23",
    2005: "2005-03-27",
    2008: "2008-03-23",
    2011: "2011-04-24",
    2016: "2016-03-27",
    2038: "2038-04-25",  # latest possible
    2285: "2285-03-22",  # earliest possible
}


@pytest.mark.parametrize(("year", "expected"), sorted(EASTER_SUNDAYS.items()))
def test_easter_sunday_known_dates(year: int, expected: str) -> None:
    assert easter_sunday(year) == D(expected)
    assert easter_sunday(year).weekday() == SUN


def test_easter_sunday_rejects_pre_gregorian_years() -> None:
    with pytest.raises(ValueError):
        easter_sunday(1582)


@pytest.mark.parametrize("year", sorted(HOLIDAYS))
def test_atw_holidays_match_literal_table(year: int) -> None:
    table = HOLIDAYS[year]
    # Self-check of the hand-written table: weekdays as written down.
    for iso, name, weekday in table:
        assert D(iso).weekday() == weekday, (iso, name)
    expected = {D(iso): name for iso, name, _ in table}
    assert atw_holidays(year) == expected


@pytest.mark.parametrize("year", sorted(HOLIDAYS))
def test_calendar_recognises_each_table_holiday(year: int) -> None:
    calendar = AtwCalendar()
    for iso, name, _ in HOLIDAYS[year]:
        day = D(iso)
        assert calendar.is_holiday(day)
        assert not calendar.is_working_day(day)
        assert calendar.holiday_name(day) == name


def test_atw_holidays_returns_a_fresh_dict() -> None:
    first = atw_holidays(2026)
    first.clear()
    first[D("2026-07-01")] = "Geen feestdag"
    assert D("2026-07-01") not in atw_holidays(2026)
    assert len(atw_holidays(2026)) == 9
    assert not AtwCalendar().is_holiday(D("2026-07-01"))


def test_atw_holidays_sorted_by_date() -> None:
    days = list(atw_holidays(2027))
    assert days == sorted(days)


def test_liberation_day_every_year_not_only_lustrum() -> None:
    calendar = AtwCalendar()
    for year in (2026, 2027, 2028, 2029, 2031):
        assert calendar.holiday_name(date(year, 5, 5)) == "Bevrijdingsdag"
        assert not calendar.is_working_day(date(year, 5, 5))


def test_easter_and_whit_sunday_are_not_listed_but_are_not_working_days() -> None:
    calendar = AtwCalendar()
    for day in (D("2026-04-05"), D("2026-05-24")):
        assert day not in atw_holidays(2026)
        assert calendar.holiday_name(day) is None
        assert not calendar.is_working_day(day)


def test_ascension_on_liberation_day_keeps_both_names() -> None:
    for year in (2005, 2016):
        holidays = atw_holidays(year)
        assert holidays[date(year, 5, 5)] == "Bevrijdingsdag en Hemelvaartsdag"
        assert len(holidays) == 8


def test_plain_days_and_weekends() -> None:
    calendar = AtwCalendar()
    assert calendar.is_working_day(D("2026-01-06"))  # Tuesday
    assert calendar.holiday_name(D("2026-01-06")) is None
    for weekend_day in (D("2026-01-03"), D("2026-01-04")):
        assert not calendar.is_working_day(weekend_day)
        assert not calendar.is_holiday(weekend_day)
        assert calendar.holiday_name(weekend_day) is None


def test_decree_days() -> None:
    friday_after_ascension = D("2026-05-15")
    assert AtwCalendar().is_working_day(friday_after_ascension)
    calendar = AtwCalendar(extra_days=[friday_after_ascension])
    assert calendar.is_holiday(friday_after_ascension)
    assert not calendar.is_working_day(friday_after_ascension)
    assert calendar.holiday_name(friday_after_ascension) == EXTRA_DAY_NAME
    # A decree day on a statutory holiday keeps the statutory name.
    both = AtwCalendar(extra_days=[D("2026-05-14")])
    assert both.holiday_name(D("2026-05-14")) == "Hemelvaartsdag"
    # Any iterable is accepted, including a generator.
    from_generator = AtwCalendar(extra_days=(d for d in [friday_after_ascension]))
    assert from_generator.is_holiday(friday_after_ascension)
    assert calendar.extra_days == frozenset({friday_after_ascension})


# --------------------------------------------------------------------------------------
# add_weeks: a term ending on each kind of non-working day rolls forward (Atw art. 1)
# --------------------------------------------------------------------------------------

FRIDAY_AFTER_ASCENSION_2026 = D("2026-05-15")

ROLL_CASES = [
    # (case, start, weeks, unrolled end, expected deadline, extra days)
    ("new year", "2025-11-20", 6, "2026-01-01", "2026-01-02", ()),
    ("good friday over easter", "2026-02-20", 6, "2026-04-03", "2026-04-07", ()),
    ("easter monday", "2026-02-23", 6, "2026-04-06", "2026-04-07", ()),
    ("kings day 27 april", "2026-03-16", 6, "2026-04-27", "2026-04-28", ()),
    ("kings day 26 april", "2025-03-15", 6, "2025-04-26", "2025-04-28", ()),
    ("liberation day weekday", "2026-03-24", 6, "2026-05-05", "2026-05-06", ()),
    ("ascension", "2026-04-02", 6, "2026-05-14", "2026-05-15", ()),
    (
        "ascension and decree day",
        "2026-04-02",
        6,
        "2026-05-14",
        "2026-05-18",
        (FRIDAY_AFTER_ASCENSION_2026,),
    ),
    ("decree day", "2026-05-01", 2, "2026-05-15", "2026-05-18", (FRIDAY_AFTER_ASCENSION_2026,)),
    ("whit monday", "2026-04-13", 6, "2026-05-25", "2026-05-26", ()),
    ("christmas over boxing day", "2025-11-13", 6, "2025-12-25", "2025-12-29", ()),
    ("boxing day", "2028-11-14", 6, "2028-12-26", "2028-12-27", ()),
    ("saturday", "2026-01-24", 6, "2026-03-07", "2026-03-09", ()),
    ("sunday", "2026-01-25", 6, "2026-03-08", "2026-03-09", ()),
    ("tuesday, no extension", "2026-01-06", 6, "2026-02-17", "2026-02-17", ()),
]


@pytest.mark.parametrize(
    ("start", "weeks", "unrolled", "expected", "extra"),
    [case[1:] for case in ROLL_CASES],
    ids=[case[0] for case in ROLL_CASES],
)
def test_add_weeks_rolls_forward(
    start: str, weeks: int, unrolled: str, expected: str, extra: tuple[date, ...]
) -> None:
    # Self-check: calendar weeks end on the same weekday.
    assert D(start) + timedelta(weeks=weeks) == D(unrolled)
    calendar = AtwCalendar(extra_days=extra)
    assert calendar.add_weeks(D(start), weeks) == D(expected)
    assert calendar.roll_forward(D(unrolled)) == D(expected)


def test_add_weeks_zero_only_rolls_forward() -> None:
    calendar = AtwCalendar()
    assert calendar.add_weeks(D("2026-01-06"), 0) == D("2026-01-06")
    assert calendar.add_weeks(D("2026-01-03"), 0) == D("2026-01-05")


def test_add_weeks_art_2_two_working_days() -> None:
    # Decree days Mon 21 - Thu 24 Dec 2026: the week from Fri 18 Dec ends on Christmas,
    # art. 1 rolls it to Mon 28 Dec, but then the term holds only one working day, so
    # art. 2 extends it to Tue 29 Dec.
    extra = [D("2026-12-21"), D("2026-12-22"), D("2026-12-23"), D("2026-12-24")]
    calendar = AtwCalendar(extra_days=extra)
    assert calendar.add_weeks(D("2026-12-18"), 1) == D("2026-12-29")
    assert AtwCalendar().add_weeks(D("2026-12-18"), 1) == D("2026-12-28")


def test_backward_terms_are_rejected() -> None:
    calendar = AtwCalendar()
    with pytest.raises(ValueError):
        calendar.add_weeks(D("2026-01-06"), -1)
    with pytest.raises(ValueError):
        calendar.add_working_days(D("2026-01-06"), -1)


def test_roll_forward_never_returns_an_earlier_date() -> None:
    # roll_forward is for forward terms only: a backwards term ending on a Sunday
    # is not moved to the preceding Friday (nor anywhere before the given day).
    calendar = AtwCalendar()
    sunday = D("2026-04-05")  # Easter Sunday; the Friday before is Good Friday anyway
    assert calendar.roll_forward(sunday) == D("2026-04-07")
    for offset in range(400):
        day = D("2025-12-01") + timedelta(days=offset)
        assert calendar.roll_forward(day) >= day


# --------------------------------------------------------------------------------------
# add_working_days / working_days_between
# --------------------------------------------------------------------------------------

WORKING_DAY_CASES = [
    # (case, start, days, expected, extra days)
    ("friday + 5", "2026-01-02", 5, "2026-01-09", ()),
    ("friday + 1 is monday", "2026-01-02", 1, "2026-01-05", ()),
    ("saturday + 1 is monday", "2026-01-03", 1, "2026-01-05", ()),
    ("sunday + 1 is monday", "2026-01-04", 1, "2026-01-05", ()),
    ("tuesday + 3", "2026-01-06", 3, "2026-01-09", ()),
    ("over christmas and new year", "2025-12-23", 5, "2026-01-02", ()),
    ("christmas eve + 3", "2025-12-24", 3, "2025-12-31", ()),
    ("received on christmas + 1", "2025-12-25", 1, "2025-12-29", ()),
    ("over easter 2026", "2026-04-02", 3, "2026-04-09", ()),
    ("over easter and kings day 2025", "2025-04-17", 5, "2025-04-28", ()),
    ("ascension", "2026-05-13", 1, "2026-05-15", ()),
    ("ascension and decree day", "2026-05-13", 1, "2026-05-18", (FRIDAY_AFTER_ASCENSION_2026,)),
    ("zero on working day", "2026-01-06", 0, "2026-01-06", ()),
    ("zero on saturday", "2026-01-03", 0, "2026-01-05", ()),
]


@pytest.mark.parametrize(
    ("start", "days", "expected", "extra"),
    [case[1:] for case in WORKING_DAY_CASES],
    ids=[case[0] for case in WORKING_DAY_CASES],
)
def test_add_working_days(start: str, days: int, expected: str, extra: tuple[date, ...]) -> None:
    assert AtwCalendar(extra_days=extra).add_working_days(D(start), days) == D(expected)


BETWEEN_CASES = [
    # (case, start, end, expected, extra days)
    ("friday to next friday", "2026-01-02", "2026-01-09", 5, ()),
    ("same day", "2026-01-06", "2026-01-06", 0, ()),
    ("end before start", "2026-01-09", "2026-01-02", 0, ()),
    ("saturday to sunday", "2026-01-03", "2026-01-04", 0, ()),
    ("friday to monday", "2026-01-02", "2026-01-05", 1, ()),
    ("start is excluded, end included", "2026-01-05", "2026-01-06", 1, ()),
    ("over christmas and new year", "2025-12-23", "2026-01-02", 5, ()),
    ("easter week 2026", "2026-04-02", "2026-04-09", 3, ()),
    ("whole of 2026", "2025-12-31", "2026-12-31", 253, ()),
    ("whole of 2026 with decree day", "2025-12-31", "2026-12-31", 252, (D("2026-05-15"),)),
    ("decree day on a sunday", "2026-01-02", "2026-01-09", 5, (D("2026-01-04"),)),
]


@pytest.mark.parametrize(
    ("start", "end", "expected", "extra"),
    [case[1:] for case in BETWEEN_CASES],
    ids=[case[0] for case in BETWEEN_CASES],
)
def test_working_days_between(start: str, end: str, expected: int, extra: tuple[date, ...]) -> None:
    assert AtwCalendar(extra_days=extra).working_days_between(D(start), D(end)) == expected


def test_whole_year_count_by_brute_force() -> None:
    # 2026 has 261 weekdays; 8 of the table holidays fall on a weekday.
    table = {D(iso) for iso, _, _ in HOLIDAYS[2026]}
    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(365)]
    expected = sum(1 for d in days if d.weekday() < SAT and d not in table)
    assert expected == 253
    calendar = AtwCalendar()
    assert [d for d in days if calendar.is_working_day(d)] == [
        d for d in days if d.weekday() < SAT and d not in table
    ]


# --------------------------------------------------------------------------------------
# Property tests
# --------------------------------------------------------------------------------------


def _knuth_easter(year: int) -> date:
    """Independent Gregorian computus (Knuth, TAOCP vol. 1, 1.3.2 ex. 14)."""
    golden = year % 19 + 1
    century = year // 100 + 1
    skipped_leap = 3 * century // 4 - 12
    moon_correction = (8 * century + 5) // 25 - 5
    sunday = 5 * year // 4 - skipped_leap - 10
    epact = (11 * golden + 20 + moon_correction - skipped_leap) % 30
    if (epact == 25 and golden > 11) or epact == 24:
        epact += 1
    full_moon = 44 - epact
    if full_moon < 21:
        full_moon += 30
    full_moon = full_moon + 7 - ((sunday + full_moon) % 7)
    if full_moon > 31:
        return date(year, 4, full_moon - 31)
    return date(year, 3, full_moon)


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def calendars_and_dates(draw: st.DrawFn) -> tuple[AtwCalendar, date]:
    """A date plus a calendar with random decree days, many of them near that date."""
    day = draw(dates)
    offsets = draw(st.sets(st.integers(min_value=-10, max_value=90), max_size=25))
    scattered = draw(st.sets(dates, max_size=10))
    extra = {day + timedelta(days=o) for o in offsets} | scattered
    return AtwCalendar(extra_days=extra), day


@given(st.integers(min_value=1900, max_value=2200))
def test_easter_matches_independent_algorithm(year: int) -> None:
    easter = easter_sunday(year)
    assert easter == _knuth_easter(year)
    assert easter.weekday() == SUN
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)


@given(st.integers(min_value=1900, max_value=2200))
def test_holiday_rules_hold_every_year(year: int) -> None:
    holidays = atw_holidays(year)
    easter = easter_sunday(year)
    kings_day = date(year, 4, 26) if date(year, 4, 27).weekday() == SUN else date(year, 4, 27)
    rules = {
        "Nieuwjaarsdag": (date(year, 1, 1), None),
        "Goede Vrijdag": (easter - timedelta(days=2), FRI),
        "Tweede Paasdag": (easter + timedelta(days=1), MON),
        "Koningsdag": (kings_day, None),
        "Bevrijdingsdag": (date(year, 5, 5), None),
        "Hemelvaartsdag": (easter + timedelta(days=39), THU),
        "Tweede Pinksterdag": (easter + timedelta(days=50), MON),
        "Eerste Kerstdag": (date(year, 12, 25), None),
        "Tweede Kerstdag": (date(year, 12, 26), None),
    }
    for name, (day, weekday) in rules.items():
        assert name in holidays[day].split(" en ")
        if weekday is not None:
            assert day.weekday() == weekday
    assert kings_day.weekday() != SUN
    # Only Ascension Day and Liberation Day can coincide (Easter on 27 March).
    coincide = rules["Hemelvaartsdag"][0] == date(year, 5, 5)
    assert len(holidays) == (8 if coincide else 9)
    assert len(holidays) >= 8
    all_names = [n for names in holidays.values() for n in names.split(" en ")]
    assert sorted(all_names) == sorted(rules)
    assert all(day.year == year for day in holidays)


@settings(max_examples=300)
@given(calendars_and_dates())
def test_roll_forward_properties(case: tuple[AtwCalendar, date]) -> None:
    calendar, day = case
    rolled = calendar.roll_forward(day)
    assert calendar.is_working_day(rolled)
    assert rolled >= day
    assert (rolled == day) == calendar.is_working_day(day)
    between = day
    while between < rolled:
        assert not calendar.is_working_day(between)
        between += timedelta(days=1)


@settings(max_examples=300)
@given(calendars_and_dates(), st.integers(min_value=0, max_value=60))
def test_add_weeks_properties(case: tuple[AtwCalendar, date], weeks: int) -> None:
    calendar, day = case
    deadline = calendar.add_weeks(day, weeks)
    assert calendar.is_working_day(deadline)
    assert deadline >= day + timedelta(weeks=weeks)
    if weeks >= 1:
        assert calendar.working_days_between(day, deadline) >= 2  # Atw art. 2


@settings(max_examples=300)
@given(calendars_and_dates(), st.integers(min_value=0, max_value=400))
def test_add_working_days_properties(case: tuple[AtwCalendar, date], n: int) -> None:
    calendar, day = case
    result = calendar.add_working_days(day, n)
    assert calendar.is_working_day(result)
    if n >= 1:
        assert result > day
        assert calendar.working_days_between(day, result) == n
        # ... and it is the first such day.
        assert calendar.working_days_between(day, result - timedelta(days=1)) == n - 1
    else:
        assert result == calendar.roll_forward(day)


@given(calendars_and_dates(), dates)
def test_working_days_between_is_additive(case: tuple[AtwCalendar, date], other: date) -> None:
    calendar, day = case
    start, end = min(day, other), max(day, other)
    if (end - start).days > 800:
        end = start + timedelta(days=800)
    middle = start + timedelta(days=(end - start).days // 2)
    assert calendar.working_days_between(start, end) == calendar.working_days_between(
        start, middle
    ) + calendar.working_days_between(middle, end)
    assert calendar.working_days_between(end, start) == 0
