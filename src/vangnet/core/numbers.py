"""Whole numbers and years as typed in an address or a form, read without surprises.

`str.isdigit()` is true for "²" and "２０２６", which `int()` then refuses or reads as
another number; an unbounded number of digits overflows the database's integers. Every
number read from a query string, a posted management form or an id given as text goes
through `whole_number`; every year through `year`."""

#: The years Vangnet handles anywhere (a register, a report, a filter).
FIRST_YEAR, LAST_YEAR = 2000, 2200


def whole_number(raw, *, digits: int = 9) -> int | None:
    """`raw` (a str or an int) as a non-negative int of at most `digits` ASCII digits,
    else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if 0 <= raw < 10**digits else None
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= digits):
        return None
    return int(raw)


def year(raw) -> int | None:
    """`raw` as a year from FIRST_YEAR to LAST_YEAR, else None."""
    value = whole_number(raw, digits=4)
    return value if value is not None and FIRST_YEAR <= value <= LAST_YEAR else None
