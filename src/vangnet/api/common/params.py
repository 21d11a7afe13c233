"""Query parameters read the same way on every endpoint: a year, an id. A value that is
not one is a 400 on the parameter with a Dutch message (`core.numbers` reads it)."""

from rest_framework.exceptions import ValidationError

from vangnet.core import numbers

YEAR_MESSAGE = (
    f"Geef een jaar van {numbers.FIRST_YEAR} tot en met {numbers.LAST_YEAR}, bijvoorbeeld 2026."
)
ID_MESSAGE = "Geef een nummer."


def year_param(params, name: str = "year") -> int | None:
    """The year in `params[name]`; None when absent or empty."""
    raw = params.get(name, "").strip()
    if not raw:
        return None
    value = numbers.year(raw)
    if value is None:
        raise ValidationError({name: [YEAR_MESSAGE]})
    return value


def id_param(params, name: str) -> int | None:
    """The id in `params[name]`; None when absent or empty."""
    raw = params.get(name, "").strip()
    if not raw:
        return None
    value = numbers.whole_number(raw)
    if value is None:
        raise ValidationError({name: [ID_MESSAGE]})
    return value
