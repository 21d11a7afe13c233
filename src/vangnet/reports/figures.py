"""The shape of a computed report: plain data, no database.

`kpis.compute` fills a `Report`; the HTML page, the PDF, the open-data files (CSV,
JSON, XLSX), the API and the dashboard only read it. `Report.published()` returns the
variant for the public and the council: breakdown cells of fewer than the threshold
complaints become "< N" (kpis.md, Privacy). Every cell carries the previous period's
value beside its own (kpis.md, Year over year).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta


class Unit:
    COUNT = "count"  # a number of complaints (or of other things, see `suppressible`)
    SHARE = "share"  # 0..1, shown as a percentage
    DAYS = "days"  # calendar days
    RATE = "rate"  # per 1,000 inhabitants
    EUR = "eur"  # an amount in euros: a Decimal with two decimals; never suppressed
    TEXT = "text"  # a name (e.g. a partner that did not report), never personal data


@dataclass(frozen=True)
class Period:
    """A period of days, both ends included (dates in Europe/Amsterdam)."""

    start: date
    end: date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def is_calendar_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            1,
            1,
            12,
            31,
        ) and self.start.year == self.end.year

    def previous(self) -> Period:
        """The same days one year earlier (29 February becomes 28 February)."""
        return Period(_year_earlier(self.start), _year_earlier(self.end))

    @property
    def label(self) -> str:
        if self.is_calendar_year:
            return str(self.start.year)
        if (self.start.month, self.start.day) == (1, 1) and self.end.year == self.start.year:
            from django.utils.translation import gettext

            # The year so far: "2026 t/m 4-12".
            return gettext("%(year)s t/m %(day)s") % {
                "year": self.start.year,
                "day": f"{self.end.day}-{self.end.month}",
            }
        return f"{self.start:%d-%m-%Y} – {self.end:%d-%m-%Y}"

    @property
    def slug(self) -> str:
        if self.is_calendar_year:
            return str(self.start.year)
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    def months(self) -> list[date]:
        """The first day of every month the period touches."""
        months, day = [], self.start.replace(day=1)
        while day <= self.end:
            months.append(day)
            day = (day + timedelta(days=32)).replace(day=1)
        return months


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass
class Cell:
    value: int | float | str | None
    previous: int | float | str | None = None
    unit: str = Unit.COUNT
    #: A breakdown cell that counts complaints (or a share derived from one): shown as
    #: "< N" in the published variant when 0 < count < N.
    suppressible: bool = False
    #: Set by `Report.published()`.
    suppressed: bool = False
    previous_suppressed: bool = False
    #: The number of complaints behind a suppressible share (decides its suppression).
    basis: int | None = None
    previous_basis: int | None = None


@dataclass
class Figure:
    """A headline figure: one number with its previous-period value."""

    key: str
    label: str
    cell: Cell
    help: str = ""


@dataclass
class Row:
    key: str
    label: str
    cells: dict[str, Cell]


@dataclass
class Table:
    key: str
    title: str
    #: (column key, column label); every row has a cell per column.
    columns: list[tuple[str, str]]
    rows: list[Row]
    #: Which column a bar chart shows ("" for none).
    chart_column: str = ""
    description: str = ""
    #: Row labels typed by staff (a neighbourhood): the published variant shows only rows
    #: with at least the threshold of complaints in both periods, the others together
    #: as one row, so a one-off label (a typo, a street) is never published.
    free_labels: bool = False


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    #: Sentences shown under the title (what the section counts), no figures.
    notes: list[str] = field(default_factory=list)

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


@dataclass
class FlatFigure:
    """One figure as a row of the open-data files."""

    section: str
    table: str  # "" for a headline figure
    row: str  # "" for a headline figure
    row_label: str
    column: str
    label: str
    unit: str
    value: int | float | str | None
    previous: int | float | str | None
    suppressed: bool
    previous_suppressed: bool

    @property
    def id(self) -> str:
        return ".".join(part for part in (self.section, self.table, self.row, self.column) if part)


@dataclass
class Report:
    period: Period
    previous_period: Period
    #: The body the report is about (its name), or "" for all bodies.
    body: str
    body_id: int | None
    municipality: str
    sections: list[Section]
    #: Intake per month: (first day of month, count, count a year earlier).
    monthly_intake: list[tuple[date, int, int]]
    published_variant: bool = False
    threshold: int = 0

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def flat(self) -> Iterator[FlatFigure]:
        for section in self.sections:
            for figure in section.figures:
                yield _flat(section.key, "", "", "", figure.key, figure.label, figure.cell)
            for table in section.tables:
                columns = dict(table.columns)
                for row in table.rows:
                    for column, cell in row.cells.items():
                        yield _flat(
                            section.key,
                            table.key,
                            row.key,
                            row.label,
                            column,
                            columns[column],
                            cell,
                        )

    def published(self, threshold: int) -> Report:
        """The variant for the public: small breakdown cells suppressed."""
        report = dataclasses.replace(
            self,
            sections=[dataclasses.replace(s) for s in self.sections],
            published_variant=True,
            threshold=threshold,
        )
        for section in report.sections:
            section.tables = [
                dataclasses.replace(
                    table,
                    rows=[
                        dataclasses.replace(
                            row,
                            cells={k: _suppress(c, threshold) for k, c in row.cells.items()},
                        )
                        for row in (
                            _merge_small_rows(table, threshold) if table.free_labels else table.rows
                        )
                    ],
                )
                for table in section.tables
            ]
        return report


#: The key of the row that holds the small rows of a table with free labels.
OTHER_ROWS = "other"


def _merge_small_rows(table: Table, threshold: int) -> list[Row]:
    """Rows whose count (this period and the previous) reaches the threshold, and one
    row with the sum of the others (its count and share columns added up)."""

    def count(row: Row, which: str):
        cell = row.cells.get("count")
        return (getattr(cell, which) or 0) if cell else 0

    kept, merged = [], []
    for row in table.rows:
        big = count(row, "value") >= threshold and count(row, "previous") >= threshold
        (kept if big else merged).append(row)
    if not merged:
        return kept
    cells = {}
    for key, _label in table.columns:
        parts = [row.cells[key] for row in merged if key in row.cells]
        first = parts[0]
        cells[key] = dataclasses.replace(
            first,
            value=_add(part.value for part in parts),
            previous=_add(part.previous for part in parts),
            basis=_add(part.basis if part.basis is not None else part.value for part in parts),
            previous_basis=_add(
                part.previous_basis if part.previous_basis is not None else part.previous
                for part in parts
            ),
        )
    from django.utils.translation import gettext

    other = Row(OTHER_ROWS, gettext("Overige (kleine aantallen samen)"), cells)
    return [*kept, other]


def _add(values) -> int | float | None:
    values = [v for v in values if isinstance(v, int | float)]
    if not values:
        return None
    total = sum(values)
    return round(total, 4) if isinstance(total, float) else total


def _small(count: int | float | str | None, threshold: int) -> bool:
    return isinstance(count, int) and 0 < count < threshold


def _suppress(cell: Cell, threshold: int) -> Cell:
    if not cell.suppressible:
        return cell
    basis = cell.basis if cell.basis is not None else cell.value
    previous_basis = cell.previous_basis if cell.previous_basis is not None else cell.previous
    now, before = _small(basis, threshold), _small(previous_basis, threshold)
    return dataclasses.replace(
        cell,
        value=None if now else cell.value,
        previous=None if before else cell.previous,
        suppressed=now,
        previous_suppressed=before,
    )


def _flat(section, table, row, row_label, column, label, cell: Cell) -> FlatFigure:
    return FlatFigure(
        section=section,
        table=table,
        row=row,
        row_label=row_label,
        column=column,
        label=label,
        unit=cell.unit,
        value=cell.value,
        previous=cell.previous,
        suppressed=cell.suppressed,
        previous_suppressed=cell.previous_suppressed,
    )
