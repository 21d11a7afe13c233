"""The report's figures as open data: CSV, JSON and XLSX, all made from
`Report.flat()`, one row per figure (docs/open-data.md documents the columns).

- CSV: UTF-8 without a byte-order mark, comma-separated, a header row, `\\r\\n` line
  ends (RFC 4180). Numbers in plain notation with a decimal point (`0.4167`); a share
  is a fraction from 0 to 1; an amount in euros (unit `eur`) has two decimals
  (`43297.29`); an empty field has no value; a suppressed value is the text `< 5` (the
  threshold).
- JSON: `{"period", "previous_period", "body", "municipality", "variant", "threshold",
  "generated_at", "columns", "figures": [...]}`; a suppressed value is `null` with
  `"suppressed": true` (`"previous_suppressed"` for the previous value); an amount in
  euros is a number (`43297.29`).
- XLSX: one sheet, a bold header row, numbers as numbers (euros with two decimals),
  suppressed values as the text `< 5`.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from .figures import FlatFigure, Report, Unit

#: The columns of the CSV and XLSX files and of every object in the JSON's "figures",
#: with what they hold (English; docs/open-data.md has the same list).
COLUMNS: list[tuple[str, str]] = [
    ("id", "Stable identifier: section.table.row.column (section.figure for a headline)"),
    ("section", "Section key: volume, route, outcome, timeliness, partners, second_line, "
     "learning, satisfaction"),
    ("table", "Table key; empty for a headline figure"),
    ("row", "Row key within the table (a code or a database id); empty for a headline"),
    ("row_label", "Row name as shown in the report; empty for a headline"),
    ("column", "Column key (or the headline figure's key)"),
    ("label", "Column name (or the headline figure's name) as shown in the report"),
    ("unit", "count, share (fraction 0–1), days, rate (per 1,000 inhabitants), eur (euros, "
     "two decimals), text"),
    ("value", "The value for the period; empty when unknown; '< N' when suppressed"),
    ("previous", "The value for the same days one year earlier; same rules"),
]  # fmt: skip
#: Extra keys of the JSON objects.
JSON_EXTRA: list[tuple[str, str]] = [
    ("suppressed", "true when value is hidden because fewer than the threshold complaints"),
    ("previous_suppressed", "the same for previous"),
]
COLUMN_NAMES = [name for name, _d in COLUMNS]

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
JSON_CONTENT_TYPE = "application/json"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": CSV_CONTENT_TYPE, "json": JSON_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}


def file_name(report: Report, extension: str) -> str:
    """`klachten-2025.csv`; `klachten-2025-orgaan-3.csv` for one body."""
    body = f"-orgaan-{report.body_id}" if report.body_id else ""
    return f"klachten-{report.period.slug}{body}.{extension}"


def _suppressed_text(report: Report) -> str:
    return f"< {report.threshold}"


def _plain(value, suppressed: bool, report: Report):
    """A value for CSV/XLSX: the number itself, '' for none, '< N' when suppressed."""
    if suppressed:
        return _suppressed_text(report)
    if value is None:
        return ""
    return value


def _row(figure: FlatFigure, report: Report) -> list:
    return [
        figure.id,
        figure.section,
        figure.table,
        figure.row,
        figure.row_label,
        figure.column,
        figure.label,
        figure.unit,
        _plain(figure.value, figure.suppressed, report),
        _plain(figure.previous, figure.previous_suppressed, report),
    ]


def to_csv(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    for figure in report.flat():
        writer.writerow([_csv_value(v) for v in _row(figure, report)])
    return out.getvalue().encode("utf-8")


def _csv_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # plain notation with a point, the shortest exact form
    if isinstance(value, Decimal):
        return format(value, "f")  # an amount: plain notation, never an exponent
    return str(value)


def _json_number(value):
    """An amount (Decimal) as a JSON number; anything else as it is."""
    return float(value) if isinstance(value, Decimal) else value


def _period(period) -> dict:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label}


def to_data(report: Report, *, generated_at: datetime | None = None) -> dict:
    """The JSON document as Python data (also the API's response)."""
    moment = generated_at or timezone.now()
    return {
        "period": _period(report.period),
        "previous_period": _period(report.previous_period),
        "municipality": report.municipality,
        "body": {"id": report.body_id, "name": report.body} if report.body_id else None,
        "variant": "published" if report.published_variant else "internal",
        "threshold": report.threshold if report.published_variant else None,
        "generated_at": moment.isoformat(timespec="seconds"),
        "columns": [
            {"name": name, "description": description}
            for name, description in [*COLUMNS, *JSON_EXTRA]
        ],
        "figures": [
            {
                "id": figure.id,
                "section": figure.section,
                "table": figure.table,
                "row": figure.row,
                "row_label": figure.row_label,
                "column": figure.column,
                "label": figure.label,
                "unit": figure.unit,
                "value": None if figure.suppressed else _json_number(figure.value),
                "previous": None if figure.previous_suppressed else _json_number(figure.previous),
                "suppressed": figure.suppressed,
                "previous_suppressed": figure.previous_suppressed,
            }
            for figure in report.flat()
        ],
    }


def to_json(report: Report, *, generated_at: datetime | None = None) -> bytes:
    import json

    data = to_data(report, generated_at=generated_at)
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def to_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = f"Klachten {report.period.slug}"[:31]
    sheet.append(COLUMN_NAMES)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for figure in report.flat():
        sheet.append([None if v == "" else v for v in _row(figure, report)])
        for cell in sheet[sheet.max_row]:
            # A text that starts with "=" is text, never a formula.
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"
            if figure.unit == Unit.EUR and isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJ", (40, 12, 24, 20, 30, 20, 34, 8, 10, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(report: Report, extension: str) -> bytes:
    if extension == "csv":
        return to_csv(report)
    if extension == "json":
        return to_json(report)
    if extension == "xlsx":
        return to_xlsx(report)
    raise ValueError(extension)
