"""Dates in words, as letters, the timeline and messages show them ("7 december 2026").

The lazy forms format when the text is rendered, so a line written on the timeline in the
register's language (`complaints.events.RecordText`) gets that language's month names
whatever language the acting user chose."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy

LONG_DATE = "j F Y"
LONG_MOMENT = "j F Y H:i"


def long_date(value: date | datetime | None) -> str:
    """A day in words; a moment is first put in local time. Empty for None."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return date_format(value, LONG_DATE)


def long_moment(value: datetime | None) -> str:
    """A moment in words with its local time ("7 december 2026 14:30")."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, LONG_MOMENT)


#: `long_date`, formatted when the text is rendered.
lazy_long_date = lazy(long_date, str)
#: `long_moment`, formatted when the text is rendered.
lazy_long_moment = lazy(long_moment, str)
