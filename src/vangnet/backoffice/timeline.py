"""The complaint's timeline as the page shows it: each event with its action's label and
its changes (before -> after) as labelled rows, choice values with their Dutch label,
dates as dates, yes/no as words."""

from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from vangnet.complaints import selectors
from vangnet.complaints.events import Action
from vangnet.complaints.models import Complaint
from vangnet.core.dates import long_moment


def _display_value(model_field, value):
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if model_field is not None and model_field.choices:
        return dict(model_field.choices).get(value, value)
    if isinstance(model_field, models.DateField) and isinstance(value, str):
        try:
            return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return value


def _moment_value(value):
    """An ISO timestamp of the record (a hearing's moment) as a local date and time."""
    if not isinstance(value, str):
        return "–" if value is None else value
    try:
        return long_moment(datetime.fromisoformat(value))
    except ValueError:
        return value


_RELATION_LABELS = {
    "forwards": gettext_lazy("doorgestuurd naar"),
    "parts": gettext_lazy("klachtonderdelen"),
    "letters": gettext_lazy("brief"),
    "planned_at": gettext_lazy("hoorzitting"),
}
_MOMENT_CHANGES = {"planned_at"}


def _change_rows(changes: dict) -> list[dict]:
    """`event.changes` ({field: [before, after]}) as labelled rows: choice values with
    their Dutch label, dates as dates."""
    rows = []
    for name, pair in (changes or {}).items():
        before, after = (list(pair) + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        try:
            model_field = Complaint._meta.get_field(name)
        except FieldDoesNotExist:
            model_field = None
        if not isinstance(model_field, models.Field):
            model_field = None
        label = model_field.verbose_name if model_field else _RELATION_LABELS.get(name, name)
        if name in _MOMENT_CHANGES:
            shown = (_moment_value(before), _moment_value(after))
        else:
            shown = (_display_value(model_field, before), _display_value(model_field, after))
        rows.append({"label": label, "before": shown[0], "after": shown[1]})
    return rows


def timeline(complaint: Complaint) -> list[dict]:
    labels = dict(Action.choices)
    return [
        {
            "event": event,
            "action": labels.get(event.action, event.action),
            "changes": _change_rows(event.changes),
        }
        for event in selectors.timeline(complaint)
    ]
