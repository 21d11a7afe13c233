"""Charts of the annual report as SVG, drawn on the server with the pieces of
`core.charts` (the `<svg role="img">` with its own `<title>` and `<desc>`, the house
colour at 3:1 contrast, round axis steps): the same markup in the browser, in the PDF
and for a screen reader. The description says every number in words ("Website 120,
E-mail 80"); every text from the report (labels, titles) is escaped here.

Which table gets which chart is decided by its key (`BAR_CHARTS`, `SHARE_CHARTS`); the
monthly intake line comes from `Report.monthly_intake`.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vangnet.core.charts import (
    MUTED_COLOUR,
    TEXT_COLOUR,
    WIDTH,
    Chart,
    chart_colour,
    number,
    polylines,
    svg,
    tick_step,
    value_grid,
)

from .figures import Cell, Report, Table

#: Tables drawn as horizontal bars of a count column: table key → column key.
BAR_CHARTS = {
    "received_by_channel": "count",
    "received_by_theme": "count",
    "received_by_partner": "count",
}
#: Tables drawn as horizontal bars of a share (0..1, axis 0–100 %): table key → column.
SHARE_CHARTS = {"timeliness_by_route": "share_on_time"}
#: The table next to which the monthly intake line is shown.
MONTHLY_TABLE = "received_by_month"

LABEL_WIDTH = 270
VALUE_WIDTH = 70
BAR_HEIGHT = 22
BAR_GAP = 8
MAX_LABEL = 32


# --- numbers in words ------------------------------------------------------------------


def _share(value: float) -> str:
    return f"{number(value * 100, 1)}%"


def _cell_words(cell: Cell, threshold: int, share: bool) -> str:
    if cell.suppressed:
        return _("minder dan %(n)s") % {"n": threshold}
    if cell.value is None:
        return _("geen gegevens")
    if share:
        return _share(float(cell.value))
    if isinstance(cell.value, float) and not cell.value.is_integer():
        return number(cell.value, 1)
    return number(cell.value)


def _short(label: str) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


# --- bars ----------------------------------------------------------------------------


def bar_chart(
    table: Table,
    column: str,
    *,
    colour: str,
    threshold: int = 0,
    share: bool = False,
    key: str = "",
) -> Chart:
    """Horizontal bars of one column of `table`, a bar per row (suppressed and empty
    cells get no bar, only their words)."""
    key = key or table.key
    label = dict(table.columns).get(column, column)
    title = f"{table.title}: {label}" if share or len(table.columns) > 1 else table.title
    cells = [(row.label, row.cells.get(column) or Cell(None)) for row in table.rows]
    words = [f"{name} {_cell_words(cell, threshold, share)}" for name, cell in cells]
    description = ", ".join(words) + "." if words else _("Geen gegevens.")
    values = [
        float(cell.value)
        for _n, cell in cells
        if not cell.suppressed and isinstance(cell.value, int | float)
    ]
    top = 1.0 if share else max(values, default=0) or 1
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 10
    height = max(len(cells), 1) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP + 20
    body = [
        f'<line x1="{LABEL_WIDTH}" y1="4" x2="{LABEL_WIDTH}" y2="{height - 20}" '
        f'stroke="{MUTED_COLOUR}" stroke-width="1"/>'
    ]
    for index, (name, cell) in enumerate(cells):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        middle = y + BAR_HEIGHT / 2 + 4
        body.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end" '
            f'fill="{TEXT_COLOUR}">{escape(_short(name))}</text>'
        )
        width = 0.0
        if not cell.suppressed and isinstance(cell.value, int | float):
            width = max(float(cell.value), 0) / top * plot
            if width:
                body.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" '
                    f'height="{BAR_HEIGHT}" fill="{colour}"/>'
                )
        shown = (
            f"< {threshold}"
            if cell.suppressed
            else "–"
            if cell.value is None
            else _cell_words(cell, threshold, share)
        )
        body.append(
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{middle:.1f}" '
            f'fill="{TEXT_COLOUR}">{escape(shown)}</text>'
        )
    scale = _("0% tot 100%") if share else _("0 tot %(top)s") % {"top": number(top)}
    body.append(
        f'<text x="{LABEL_WIDTH}" y="{height - 4}" fill="{MUTED_COLOUR}" '
        f'font-size="11">{escape(_("Schaal: %(scale)s") % {"scale": scale})}</text>'
    )
    return svg(key, title, description, height, body)


# --- the monthly line ----------------------------------------------------------------


def monthly_line_chart(
    monthly: list[tuple[date, int, int]],
    *,
    colour: str,
    this_label: str,
    last_label: str,
    threshold: int = 0,
    key: str = "monthly-intake",
) -> Chart:
    """Complaints received per month: this period as a solid line in the house colour,
    the same months a year earlier as a dashed grey line. With a `threshold` (the
    published variant), a month of 1 to threshold − 1 complaints is not drawn (the line
    breaks there) and is described as "fewer than N", as in the table."""
    title = _("Ontvangen klachten per maand, %(now)s en %(before)s") % {
        "now": this_label,
        "before": last_label,
    }

    def hidden(n: int) -> bool:
        return bool(threshold) and 0 < n < threshold

    month_names = [date_format(month, "F") for month, _n, _p in monthly]
    now_series = [None if hidden(n) else n for _d, n, _p in monthly]
    last_series = [None if hidden(p) else p for _d, _n, p in monthly]
    description = _monthly_description(monthly, month_names, this_label, last_label, threshold)
    left, right, top_margin, bottom = 50, 20, 30, 50
    height = 300
    plot_w, plot_h = WIDTH - left - right, height - top_margin - bottom
    top = 4 * tick_step(max([v for v in now_series + last_series if v is not None] + [1]))
    steps = max(len(monthly) - 1, 1)

    def points(series: list[int | None]) -> list[tuple[float, float] | None]:
        return [
            None
            if value is None
            else (left + plot_w * index / steps, top_margin + plot_h * (1 - value / top))
            for index, value in enumerate(series)
        ]

    body = value_grid(
        left=left, right=right, top=top_margin, height=plot_h, maximum=top, label=number
    )
    for index, name in enumerate(month_names):
        x = left + plot_w * index / steps
        body.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'fill="{MUTED_COLOUR}" font-size="11">{escape(name[:3])}</text>'
        )
    body += polylines(
        points(last_series), f'stroke="{MUTED_COLOUR}" stroke-width="2" stroke-dasharray="6 4"'
    )
    body += polylines(points(now_series), f'stroke="{colour}" stroke-width="3"')
    for point in points(now_series):
        if point is not None:
            body.append(
                f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="3.5" fill="{colour}"/>'
            )
    body.append(_monthly_legend(left, height - 12, colour, this_label, last_label))
    return svg(key, title, description, height, body)


def _monthly_description(
    monthly: list[tuple[date, int, int]],
    month_names: list[str],
    this_label: str,
    last_label: str,
    threshold: int,
) -> str:
    """Every month's number of both periods in words; a hidden one as "fewer than N"."""

    def words(n: int) -> str:
        if threshold and 0 < n < threshold:
            return _("minder dan %(n)s") % {"n": threshold}
        return number(n)

    return (
        _("%(label)s: ") % {"label": this_label}
        + ", ".join(f"{m} {words(n)}" for m, (_d, n, _p) in zip(month_names, monthly, strict=True))
        + ". "
        + _("%(label)s: ") % {"label": last_label}
        + ", ".join(f"{m} {words(p)}" for m, (_d, _n, p) in zip(month_names, monthly, strict=True))
        + "."
    )


def _monthly_legend(left: int, y: int, colour: str, this_label: str, last_label: str) -> str:
    """This period's solid line and last year's dashed one, with their labels."""
    return (
        f'<line x1="{left}" y1="{y - 4}" x2="{left + 30}" y2="{y - 4}" '
        f'stroke="{colour}" stroke-width="3"/>'
        f'<text x="{left + 36}" y="{y}" fill="{TEXT_COLOUR}">{escape(this_label)}</text>'
        f'<line x1="{left + 200}" y1="{y - 4}" x2="{left + 230}" y2="{y - 4}" '
        f'stroke="{MUTED_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{left + 236}" y="{y}" fill="{TEXT_COLOUR}">{escape(last_label)}</text>'
    )


# --- a whole report ------------------------------------------------------------------


def report_charts(report: Report, *, primary_colour: str | None = None) -> dict[str, Chart]:
    """The charts of a report, keyed by the table they go with."""
    colour = chart_colour(primary_colour)
    threshold = report.threshold if report.published_variant else 0
    charts: dict[str, Chart] = {}
    for section in report.sections:
        for table in section.tables:
            if table.key in BAR_CHARTS and table.rows:
                charts[table.key] = bar_chart(
                    table, BAR_CHARTS[table.key], colour=colour, threshold=threshold
                )
            elif table.key in SHARE_CHARTS and table.rows:
                charts[table.key] = bar_chart(
                    table, SHARE_CHARTS[table.key], colour=colour, threshold=threshold, share=True
                )
            elif table.key == MONTHLY_TABLE and report.monthly_intake:
                charts[table.key] = monthly_line_chart(
                    report.monthly_intake,
                    colour=colour,
                    this_label=report.period.label,
                    last_label=report.previous_period.label,
                    threshold=threshold,
                )
    return charts
