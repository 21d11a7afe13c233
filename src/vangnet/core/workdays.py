"""The working calendar as configured: the Atw calendar (`calendar.AtwCalendar`, pure
Python) with the decree days the administrator entered (`models.DecreeDay`)."""

from .calendar import AtwCalendar
from .models import DecreeDay


def working_calendar() -> AtwCalendar:
    """The Atw calendar with the decree days configured in the admin (one query)."""
    return AtwCalendar(DecreeDay.objects.values_list("date", flat=True))
