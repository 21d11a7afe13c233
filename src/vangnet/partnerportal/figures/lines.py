"""The lines of a report and their rules, checked all at once.

A report holds one line per theme (theme empty = other/unknown) with ten counts; in
every line
    handled = resolved informally + decided formally + not handled + withdrawn
    decided formally = well founded + partly well founded + unfounded + no judgment.
Each theme may appear once; a theme no longer in use is only allowed when the current
version already had it (a correction may keep it). Every message names its line and
column: the CSV column for an upload, the field's label otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from vangnet.organisations.models import Theme

from .. import figures_csv
from ..models import PartnerReport, PartnerReportLine, Source

NUMBER_FIELDS: tuple[str, ...] = tuple(figures_csv.NUMBER_COLUMNS)
#: The two sums every line must satisfy: total field -> its parts.
INVARIANTS: dict[str, tuple[str, ...]] = {
    "handled": ("resolved_informally", "decided_formally", "not_handled", "withdrawn"),
    "decided_formally": ("well_founded", "partly_well_founded", "unfounded", "no_judgment"),
}

#: error(field_name, problem): records a problem with the line being checked.
_Report = Callable[[str, str], None]


@dataclass
class LineError:
    index: int | None  # None: about the lines as a whole
    field: str
    message: str


def _column(field_name: str, source: str) -> str:
    """How a message names a column: the CSV column for an upload, else the label."""
    if source == Source.UPLOAD:
        return figures_csv.FIELD_COLUMNS[field_name]
    if field_name == "theme":
        return str(_("thema"))
    return str(PartnerReportLine._meta.get_field(field_name).verbose_name)


def _line_message(line: dict, index: int, field_name: str, source: str, problem: str) -> str:
    row = line.get("row") or _("Regel %(n)s") % {"n": index + 1}
    if source == Source.UPLOAD:
        return _("%(row)s, kolom ‘%(column)s’: %(problem)s") % {
            "row": row,
            "column": _column(field_name, source),
            "problem": problem,
        }
    return _("%(row)s, %(column)s: %(problem)s") % {
        "row": row,
        "column": _column(field_name, source),
        "problem": problem,
    }


def _theme_name(theme: Theme | None) -> str:
    return str(theme) if theme is not None else _("Overig/onbekend")


def check_lines(
    lines: list[dict], *, allowed_theme_ids: set[int], source: str
) -> tuple[list[dict], list[LineError]]:
    """Clean lines (theme and the ten counts) and every error in them, at once."""
    errors: list[LineError] = []
    clean: list[dict] = []
    if not lines:
        errors.append(
            LineError(
                None,
                "lines",
                _(
                    "Vul minstens één regel in. Had u geen klachten? Vul dan een regel "
                    "‘Overig/onbekend’ in met 0."
                ),
            )
        )
        return clean, errors
    seen: dict[int | None, int] = {}
    for index, line in enumerate(lines):

        def error(field_name: str, problem: str, line=line, index=index) -> None:
            errors.append(
                LineError(
                    index, field_name, _line_message(line, index, field_name, source, problem)
                )
            )

        # Fields a parser already found wrong (and said so): not checked again.
        invalid = line.get("invalid") or set()
        theme = _check_theme(line, invalid, allowed_theme_ids, error)
        if "theme" not in invalid:
            _check_once(theme, index, lines, seen, error)
        values = _check_numbers(line, invalid, error)
        _check_sums(values, source, error)
        clean.append({"theme": theme, **values})
    return clean, errors


def _check_theme(line: dict, invalid: set, allowed_theme_ids: set[int], error: _Report):
    """The line's theme (None: other/unknown, or unusable)."""
    theme = line.get("theme")
    if "theme" in invalid:
        return None
    if theme is not None and not isinstance(theme, Theme):
        error("theme", _("kies een thema uit de lijst."))
        return None
    if theme is not None and theme.pk not in allowed_theme_ids:
        error(
            "theme",
            _("het thema ‘%(theme)s’ is niet meer in gebruik. Kies een ander thema.")
            % {"theme": theme},
        )
    return theme


def _check_once(
    theme: Theme | None, index: int, lines: list[dict], seen: dict, error: _Report
) -> None:
    """Each theme (and other/unknown) on one line only; `seen`: theme pk -> first index."""
    key = theme.pk if theme is not None else None
    if key not in seen:
        seen[key] = index
        return
    first = lines[seen[key]].get("row") or _("regel %(n)s") % {"n": seen[key] + 1}
    error(
        "theme",
        _("‘%(theme)s’ staat ook al op %(first)s. Zet elk thema maar één keer in de lijst.")
        % {"theme": _theme_name(theme), "first": str(first).lower()},
    )


def _check_numbers(line: dict, invalid: set, error: _Report) -> dict[str, int]:
    """The counts that are right (missing or empty is 0); the others are reported."""
    values: dict[str, int] = {}
    for name in NUMBER_FIELDS:
        if name in invalid:
            continue
        value = line.get(name, 0)
        if value is None or value == "":
            value = 0
        if isinstance(value, bool) or not isinstance(value, int):
            error(name, _("vul een heel getal in, bijvoorbeeld 0 of 12."))
        elif value < 0:
            error(name, _("%(value)s is negatief. Vul 0 of meer in.") % {"value": value})
        elif value > figures_csv.MAX_INTEGER:
            error(name, _("%(value)s is te groot.") % {"value": value})
        else:
            values[name] = value
    return values


def _check_sums(values: dict[str, int], source: str, error: _Report) -> None:
    for total, parts in INVARIANTS.items():
        # Each sum is checked when its own numbers are right.
        if not all(name in values for name in (total, *parts)):
            continue
        together = sum(values[part] for part in parts)
        if values[total] != together:
            error(
                total,
                _(
                    "%(total_name)s is %(total)s, maar %(parts)s is samen %(sum)s. "
                    "Die twee moeten gelijk zijn."
                )
                % {
                    "total_name": _column(total, source),
                    "total": values[total],
                    "parts": " + ".join(_column(part, source) for part in parts),
                    "sum": together,
                },
            )


def line_errors_dict(errors: list[LineError]) -> dict[str, list[str]]:
    """The errors keyed as a ValidationError: `lines`, `lines.<index>.<field>`."""
    result: dict[str, list[str]] = defaultdict(list)
    for item in errors:
        key = "lines" if item.index is None else f"lines.{item.index}.{item.field}"
        result[key].append(item.message)
    return dict(result)


def allowed_theme_ids(current: PartnerReport | None) -> set[int]:
    """Active themes, and those of the current version (a correction may keep them)."""
    ids = set(Theme.objects.filter(is_active=True).values_list("pk", flat=True))
    if current is not None:
        ids |= {line.theme_id for line in current.lines.all() if line.theme_id}
    return ids
