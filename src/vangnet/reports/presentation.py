"""What is shown of a figure: the report as the page and the PDF show it, every value
formatted in the screen language's number format ("< 5" when suppressed, "–" when
unknown), each with its open-data id, and the charts beside their tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

from vangnet.core.charts import Chart

from . import charts
from .figures import Cell, Report, Table, Unit


def format_value(value, unit: str, *, suppressed: bool = False, limit: int = 0) -> str:
    """One value as the report shows it, in the screen language's number format."""
    if suppressed:
        return f"< {limit}"
    if value is None or value == "":
        return "–"
    if unit == Unit.TEXT or isinstance(value, str):
        return str(value)
    if unit == Unit.SHARE:
        return f"{_number(float(value) * 100, 1)}%"
    if unit == Unit.DAYS:
        return _number(value, 0 if float(value).is_integer() else 1)
    if unit == Unit.RATE:
        return _number(value, 2)
    if unit == Unit.EUR:
        return f"€ {_number(value, 2)}"
    if isinstance(value, float) and not value.is_integer():
        return _number(value, 1)
    return _number(int(value), 0)


def _number(value, decimals: int) -> str:
    """Rounded half up to `decimals` (Django's number_format cuts digits off)."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimals, use_l10n=True, force_grouping=True)


@dataclass
class ShownCell:
    now: str
    before: str
    numeric: bool
    suppressed: bool = False
    #: The figure's id in the open-data files (`FlatFigure.id`), on the page as
    #: `data-figure` so each number can be traced to its row in the CSV.
    id: str = ""


def shown(cell: Cell, limit: int, *, id: str = "") -> ShownCell:
    return ShownCell(
        id=id,
        now=format_value(cell.value, cell.unit, suppressed=cell.suppressed, limit=limit),
        before=format_value(
            cell.previous, cell.unit, suppressed=cell.previous_suppressed, limit=limit
        ),
        numeric=cell.unit != Unit.TEXT,
        suppressed=cell.suppressed or cell.previous_suppressed,
    )


@dataclass
class ShownTable:
    key: str
    title: str
    description: str
    columns: list[tuple[str, str]]
    rows: list[tuple[str, list[tuple[str, ShownCell]]]]
    chart: Chart | None = None

    @property
    def wide(self) -> bool:
        """Too many columns for a page: the print shows it a row at a time."""
        return len(self.columns) > 4


@dataclass
class ShownSection:
    key: str
    title: str
    notes: list[str]
    figures: list[tuple[str, str, ShownCell]] = field(default_factory=list)
    tables: list[ShownTable] = field(default_factory=list)


def present(report: Report, *, primary_colour: str | None = None) -> list[ShownSection]:
    """The report as the templates show it: every section, headline figure and table
    in order, with formatted values and the charts beside their tables."""
    limit = report.threshold if report.published_variant else 0
    drawn = charts.report_charts(report, primary_colour=primary_colour)
    return [
        ShownSection(
            key=section.key,
            title=section.title,
            notes=list(section.notes),
            figures=[
                (f.label, f.help, shown(f.cell, limit, id=f"{section.key}.{f.key}"))
                for f in section.figures
            ],
            tables=[
                _shown_table(section.key, table, limit, drawn.get(table.key))
                for table in section.tables
            ],
        )
        for section in report.sections
    ]


def _shown_table(section: str, table: Table, limit: int, chart: Chart | None) -> ShownTable:
    return ShownTable(
        key=table.key,
        title=table.title,
        description=table.description,
        columns=list(table.columns),
        rows=[
            (
                row.label,
                [
                    (
                        label,
                        shown(
                            row.cells.get(key) or Cell(None),
                            limit,
                            id=f"{section}.{table.key}.{row.key}.{key}",
                        ),
                    )
                    for key, label in table.columns
                ],
            )
            for row in table.rows
        ],
        chart=chart,
    )
