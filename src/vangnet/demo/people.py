"""The invented residents of the demo: names, e-mail addresses and phone numbers, and
the placeholders of the fictional texts in `data.py` (street, neighbourhood, a date
before receipt, amounts, ...) filled in. Every function draws from the planner's one
random stream, in the order the planner calls it."""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta

from . import data
from .plans import weighted

NEIGHBOURHOODS = dict(data.NEIGHBOURHOODS)


def _ascii(text: str) -> str:
    normalised = unicodedata.normalize("NFKD", text)
    return "".join(c for c in normalised if c.isascii() and (c.isalnum() or c in ".-"))


def dutch_date(day: date) -> str:
    return f"{day.day} {data.MONTHS[day.month - 1]}"


def fill(rng: random.Random, text: str, received_on: date, **extra: str) -> str:
    """`text` with its placeholders filled in ({straat}, {wijk}, {datum}, ...)."""
    values = {
        "straat": rng.choice(data.STREETS),
        "wijk": weighted(rng, NEIGHBOURHOODS),
        "datum": dutch_date(received_on - timedelta(days=rng.randint(2, 30))),
        "weken": str(rng.randint(3, 12)),
        "keer": rng.choice(data.NUMBER_WORDS),
        "bedrag": f"{rng.randint(4, 60) * 50:,}".replace(",", "."),
        "partner": "",
        "partner1": "",
        "partner2": "",
    }
    values.update(extra)
    return text.format(**values)


def person(rng: random.Random) -> tuple[str, str]:
    """A first and a last name (now and then a rare one)."""
    first = rng.choice(data.FIRST_NAMES)
    last = rng.choice(data.RARE_LAST_NAMES) if rng.random() < 0.003 else rng.choice(data.LAST_NAMES)
    return first, last


def email(rng: random.Random, first: str, last: str) -> str:
    last_part = _ascii(last.replace(" ", "")).lower()
    first_part = _ascii(first).lower()
    style = rng.randrange(3)
    if style == 0:
        local = f"{first_part}.{last_part}"
    elif style == 1:
        local = f"{first_part[0]}{last_part}"
    else:
        local = f"{first_part}{rng.randint(50, 99)}"
    return f"{local}@example.org"


def phone(rng: random.Random) -> str:
    return f"06-0{rng.randint(0, 9_999_999):07d}"
