"""The input rules the actions share: required and optional texts with a length limit,
dates that already happened, moments still to come, a choice from a list. Each adds
its message to the context's `Errors` (plain Dutch, next to the field) and returns the
value, so an action reports every mistake at once."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.complaints import deadlines
from vangnet.core.dates import lazy_long_date
from vangnet.core.errors import Errors

#: Longest free text in an action (a hearing record, findings, ...).
TEXT_MAX = 20_000


def text(data: dict, key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _too_long(errors: Errors, key: str, value: str, maximum: int) -> None:
    if len(value) > maximum:
        errors.add(
            key,
            _("Deze tekst is te lang: hoogstens %(max)s tekens.") % {"max": f"{maximum:,}"},
        )


def required_text(data: dict, errors: Errors, key: str, message, *, maximum=TEXT_MAX) -> str:
    value = text(data, key)
    if not value:
        errors.add(key, message)
    else:
        _too_long(errors, key, value, maximum)
    return value


def optional_text(data: dict, errors: Errors, key: str, *, maximum=TEXT_MAX) -> str:
    value = text(data, key)
    _too_long(errors, key, value, maximum)
    return value


def past_date(
    data: dict, errors: Errors, key: str, *, not_before: date, required: bool = True
) -> date | None:
    """A date that already happened, not before `not_before` (usually receipt)."""
    value = data.get(key)
    if value is None:
        if required:
            errors.add(key, _("Vul de datum in."))
        return None
    if not isinstance(value, date) or isinstance(value, datetime):
        errors.add(key, _("Vul een geldige datum in."))
        return None
    if value > deadlines.today():
        errors.add(key, _("Deze datum ligt in de toekomst."))
    elif value < not_before:
        errors.add(
            key,
            _("Deze datum ligt vóór %(day)s; dat kan niet.") % {"day": lazy_long_date(not_before)},
        )
    return value


def future_moment(data: dict, errors: Errors, key: str, *, required: bool) -> datetime | None:
    value = data.get(key)
    if value is None:
        if required:
            errors.add(key, _("Vul de datum en het tijdstip in."))
        return None
    if not isinstance(value, datetime):
        errors.add(key, _("Vul een geldige datum en tijd in."))
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value < deadlines.now():
        errors.add(key, _("Dit moment ligt in het verleden."))
    return value


def choice(data: dict, errors: Errors, key: str, choices, message) -> str:
    value = data.get(key) or ""
    if value not in choices.values:
        errors.add(key, message)
        return ""
    return value
