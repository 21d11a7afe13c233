"""When the conduct complained about happened, and Awb 9:8 lid 1 b: the body need not
handle a complaint about conduct that took place more than a year before the complaint
was filed. The conduct is a day (`conduct_on`) or a period (`conduct_on` up to and
including `conduct_until`); for a period its end counts."""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from vangnet.core.errors import Errors

from .models import Complaint


def year_before(day: date) -> date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def conduct_end(conduct_on: date | None, conduct_until: date | None) -> date | None:
    """The last day of the conduct: the end of the period, else its day; None: unknown."""
    return conduct_until or conduct_on


def older_than_a_year(complaint: Complaint) -> bool | None:
    """Whether the conduct ended more than a year before the complaint was received
    (Awb 9:8 lid 1 b). None when the date of the conduct is not known."""
    end = conduct_end(complaint.conduct_on, complaint.conduct_until)
    if end is None or complaint.received_on is None:
        return None
    return end < year_before(complaint.received_on)


def check_dates(data: dict[str, Any], errors: Errors, today: date) -> None:
    """The conduct's dates in registration `data`: not in the future, not after receipt,
    a period's end not before its start, and no end without a start."""
    conduct_on, conduct_until = data.get("conduct_on"), data.get("conduct_until")
    received_on = data.get("received_on")
    if conduct_until is not None and conduct_on is None:
        errors.add("conduct_on", _("Vul ook in wanneer de gedraging begon."))
    for key, value in (("conduct_on", conduct_on), ("conduct_until", conduct_until)):
        if value is None:
            continue
        if value > today:
            errors.add(key, _("De datum van de gedraging kan niet in de toekomst liggen."))
        elif received_on is not None and value > received_on:
            errors.add(key, _("De gedraging kan niet na de ontvangst van de klacht liggen."))
    if (
        conduct_on is not None
        and conduct_until is not None
        and conduct_until < conduct_on
        and "conduct_until" not in errors
    ):
        errors.add("conduct_until", _("Het einde van de gedraging kan niet vóór het begin liggen."))
