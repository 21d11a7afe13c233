"""From raw figures to the report's cells: `Builder` pairs this period's plain numbers
with the previous period's into `Figure`s and breakdown `Table`s (shares computed here,
rows labelled and ordered), the one way every section turns numbers into cells."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from ..figures import Cell, Figure, Row, Table, Unit
from .raw import Raw, share

#: A table column: (key, label, unit).
Column = tuple[str, str, str]


class Builder:
    """Pairs this period's raw figures with the previous period's into cells."""

    def __init__(self, now: Raw, before: Raw):
        self.now, self.before = now, before

    def figure(self, key: str, label: str, unit: str = Unit.COUNT, help: str = "") -> Figure:
        return Figure(
            key,
            label,
            Cell(value=self.now.values.get(key), previous=self.before.values.get(key), unit=unit),
            help=help,
        )

    def table(
        self,
        key: str,
        title: str,
        columns: list[Column],
        *,
        rows: list[tuple[str, str]] | None = None,
        labels: Callable[[list[str]], dict[str, str]] | None = None,
        shares: dict[str, tuple[str, str | None]] | None = None,
        chart_column: str = "",
        description: str = "",
        order_by: str | None = None,
        suppressible: bool = True,
        default: int | None = 0,
        free_labels: bool = False,
    ) -> Table:
        """A breakdown table. `columns`: (key, label, unit). `rows`: fixed (key, label) rows
        in order; otherwise the rows with a value in either period, labelled by `labels`
        and sorted on `order_by` (descending). `shares`: column → (count column, total
        value key or None for the column total) computed here, suppressed with their count."""
        if rows is None:
            rows = self._found_rows(key, labels, order_by)
        cells = _TableCells(self, key, columns, rows, shares or {}, suppressible, default)
        return Table(
            key=key,
            title=title,
            columns=[(c, label) for c, label, _u in columns],
            rows=[Row(row_key, str(label), cells.row(row_key)) for row_key, label in rows],
            chart_column=chart_column,
            description=description,
            free_labels=free_labels,
        )

    def _found_rows(
        self,
        key: str,
        labels: Callable[[list[str]], dict[str, str]] | None,
        order_by: str | None,
    ) -> list[tuple[str, str]]:
        """The rows with a value in either period, labelled, sorted on `order_by`
        (descending: this period, then the previous one, then the label)."""
        now, before = self.now.tables.get(key, {}), self.before.tables.get(key, {})
        keys = sorted(set(now) | set(before))
        names = {**self.before.labels.get(key, {}), **self.now.labels.get(key, {})}
        if labels is not None:
            names.update(labels(keys))
        rows = [(k, names.get(k, k)) for k in keys]
        if order_by:
            rows.sort(
                key=lambda r: (
                    -(now.get(r[0], {}).get(order_by) or 0),
                    -(before.get(r[0], {}).get(order_by) or 0),
                    str(r[1]),
                )
            )
        return rows


class _TableCells:
    """The cells of one breakdown table, row by row (see `Builder.table`)."""

    def __init__(
        self,
        builder: Builder,
        key: str,
        columns: list[Column],
        rows: list[tuple[str, str]],
        shares: dict[str, tuple[str, str | None]],
        suppressible: bool,
        default: int | None,
    ):
        self.builder, self.key, self.columns = builder, key, columns
        self.shares, self.suppressible, self.default = shares, suppressible, default
        self.now = builder.now.tables.get(key, {})
        self.before = builder.before.tables.get(key, {})
        counted = [c for c, _l, unit in columns if unit == Unit.COUNT]
        self.totals_now = {
            c: sum(self.now.get(k, {}).get(c) or 0 for k, _l in rows) for c in counted
        }
        self.totals_before = {
            c: sum(self.before.get(k, {}).get(c) or 0 for k, _l in rows) for c in counted
        }

    def row(self, row_key: str) -> dict[str, Cell]:
        return {
            column: self.share(row_key, column)
            if column in self.shares
            else self.value(row_key, column, unit)
            for column, _label, unit in self.columns
        }

    def share(self, row_key: str, column: str) -> Cell:
        count_column, total_key = self.shares[column]
        count_now = self.now.get(row_key, {}).get(count_column) or 0
        count_before = self.before.get(row_key, {}).get(count_column) or 0
        if total_key is None:
            whole_now = self.totals_now[count_column]
            whole_before = self.totals_before[count_column]
        else:
            whole_now = _whole(self.builder.now, row_key, self.key, total_key)
            whole_before = _whole(self.builder.before, row_key, self.key, total_key)
        return Cell(
            value=share(count_now, whole_now),
            previous=share(count_before, whole_before),
            unit=Unit.SHARE,
            suppressible=self.suppressible,
            basis=count_now,
            previous_basis=count_before,
        )

    def value(self, row_key: str, column: str, unit: str) -> Cell:
        now, before = self.now.get(row_key, {}), self.before.get(row_key, {})
        value_now, value_before = now.get(column), before.get(column)
        if unit == Unit.COUNT:
            value_now = self.default if value_now is None else value_now
            value_before = self.default if value_before is None else value_before
        return Cell(
            value=value_now,
            previous=value_before,
            unit=unit,
            suppressible=self.suppressible and unit in (Unit.COUNT, Unit.DAYS),
            basis=_basis(now, unit),
            previous_basis=_basis(before, unit),
        )


def _whole(raw: Raw, row_key: str, table: str, total_key: str):
    if total_key.startswith("column:"):
        return raw.tables.get(table, {}).get(row_key, {}).get(total_key.removeprefix("column:"))
    return raw.values.get(total_key)


def _basis(cells: dict, unit: str) -> int | None:
    """The complaint count behind a lead time (its route's number of closings)."""
    if unit == Unit.DAYS:
        return cells.get("closed", cells.get("replied"))
    return None


def names(model, field: str = "name") -> Callable[[list[str]], dict[str, str]]:
    """Row labels for row keys that are ids of `model`; "none" is "Onbekend"."""

    def lookup(keys: list[str]) -> dict[str, str]:
        ids = [int(k) for k in keys if k.isdigit()]
        found = {
            str(pk): name for pk, name in model.objects.filter(pk__in=ids).values_list("pk", field)
        }
        found["none"] = _("Onbekend")
        return found

    return lookup


def choices(values) -> list[tuple[str, str]]:
    """Fixed rows from a Django `choices`."""
    return [(str(value), str(label)) for value, label in values]
