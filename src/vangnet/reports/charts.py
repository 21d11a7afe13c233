"""Charts of the annual report as SVG, drawn on the server: the same markup in the
browser, in the PDF (WeasyPrint draws inline SVG) and for a screen reader.

Every chart is an `<svg role="img">` whose `aria-labelledby` points at its own
`<title>` and `<desc>`; the description says every number in words ("Website 120,
E-mail 80"), so the chart never holds information the text does not. Sizes live in
the viewBox only (CSS scales the chart); there is no script. Every text from the report
(labels, titles) is escaped here, since the markup is inserted as it is.

Which table gets which chart is decided by its key (`BAR_CHARTS`, `SHARE_CHARTS`); the
monthly intake line comes from `Report.monthly_intake`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

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

DEFAULT_PRIMARY = "#1d4f91"
TEXT_COLOUR = "#1a1a1a"
MUTED_COLOUR = "#595959"  # 7:1 on white: last year's line, axes
GRID_COLOUR = "#d0d0d0"
#: WCAG 2.1 1.4.11: graphical objects need 3:1 against their background (white).
MIN_CONTRAST = 3.0

WIDTH = 640
LABEL_WIDTH = 270
VALUE_WIDTH = 70
BAR_HEIGHT = 22
BAR_GAP = 8
MAX_LABEL = 32

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID = re.compile(r"[^a-zA-Z0-9_-]")


@dataclass
class Chart:
    key: str
    title: str
    description: str
    svg: SafeString

    def __str__(self) -> str:
        return self.svg

    def __html__(self) -> str:
        return self.svg


# --- colours -------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: str, background: str = "#ffffff") -> float:
    light, dark = sorted((_luminance(colour), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def chart_colour(primary: str | None) -> str:
    """The municipality's primary colour, darkened until it stands out 3:1 on white
    (a pale house colour would make invisible bars)."""
    colour = primary if primary and _COLOUR.match(primary) else DEFAULT_PRIMARY
    colour = colour.lower()
    while contrast(colour) < MIN_CONTRAST:
        colour = "#" + "".join(f"{int(int(colour[i : i + 2], 16) * 0.9):02x}" for i in (1, 3, 5))
    return colour


# --- numbers in words ------------------------------------------------------------------


def _number(value: float, decimals: int = 0) -> str:
    return number_format(value, decimals, use_l10n=True, force_grouping=True)


def _share(value: float) -> str:
    return f"{_number(value * 100, 1)}%"


def _cell_words(cell: Cell, threshold: int, share: bool) -> str:
    if cell.suppressed:
        return _("minder dan %(n)s") % {"n": threshold}
    if cell.value is None:
        return _("geen gegevens")
    if share:
        return _share(float(cell.value))
    if isinstance(cell.value, float) and not cell.value.is_integer():
        return _number(cell.value, 1)
    return _number(cell.value)


def _short(label: str) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _dom_id(*parts: str) -> str:
    return _ID.sub("-", "-".join(("chart", *parts)))


def _svg(key: str, title: str, description: str, height: int, body: list[str]) -> Chart:
    title_id, desc_id = _dom_id(key, "title"), _dom_id(key, "desc")
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vangnet-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="12">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )
    return Chart(key=key, title=title, description=description, svg=mark_safe(markup))  # noqa: S308 - every text escaped above


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
    scale = _("0% tot 100%") if share else _("0 tot %(top)s") % {"top": _number(top)}
    body.append(
        f'<text x="{LABEL_WIDTH}" y="{height - 4}" fill="{MUTED_COLOUR}" '
        f'font-size="11">{escape(_("Schaal: %(scale)s") % {"scale": scale})}</text>'
    )
    return _svg(key, title, description, height, body)


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

    def words(n: int) -> str:
        return _("minder dan %(n)s") % {"n": threshold} if hidden(n) else _number(n)

    month_names = [date_format(month, "F") for month, _n, _p in monthly]
    now_series = [None if hidden(n) else n for _d, n, _p in monthly]
    last_series = [None if hidden(p) else p for _d, _n, p in monthly]
    description = (
        _("%(label)s: ") % {"label": this_label}
        + ", ".join(f"{m} {words(n)}" for m, (_d, n, _p) in zip(month_names, monthly, strict=True))
        + ". "
        + _("%(label)s: ") % {"label": last_label}
        + ", ".join(f"{m} {words(p)}" for m, (_d, _n, p) in zip(month_names, monthly, strict=True))
        + "."
    )
    left, right, top_margin, bottom = 50, 20, 30, 50
    height = 300
    plot_w, plot_h = WIDTH - left - right, height - top_margin - bottom
    top = 4 * _tick_step(max([v for v in now_series + last_series if v is not None] + [1]))
    steps = max(len(monthly) - 1, 1)

    def point(index: int, value: int) -> tuple[float, float]:
        return left + plot_w * index / steps, top_margin + plot_h * (1 - value / top)

    def lines(series: list[int | None], attributes: str) -> list[str]:
        runs: list[list[str]] = [[]]
        for index, value in enumerate(series):
            if value is None:
                runs.append([])
            else:
                x, y = point(index, value)
                runs[-1].append(f"{x:.1f},{y:.1f}")
        return [
            f'<polyline points="{" ".join(run)}" fill="none" {attributes}/>'
            for run in runs
            if len(run) > 1
        ]

    body = []
    for tick in range(5):
        y = top_margin + plot_h * (1 - tick / 4)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED_COLOUR}" '
            f'font-size="11">{escape(_number(top * tick / 4))}</text>'
        )
    for index, name in enumerate(month_names):
        x = left + plot_w * index / steps
        body.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'fill="{MUTED_COLOUR}" font-size="11">{escape(name[:3])}</text>'
        )
    body += lines(last_series, f'stroke="{MUTED_COLOUR}" stroke-width="2" stroke-dasharray="6 4"')
    body += lines(now_series, f'stroke="{colour}" stroke-width="3"')
    for index, value in enumerate(now_series):
        if value is not None:
            x, y = point(index, value)
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
    legend_y = height - 12
    body.append(
        f'<line x1="{left}" y1="{legend_y - 4}" x2="{left + 30}" y2="{legend_y - 4}" '
        f'stroke="{colour}" stroke-width="3"/>'
        f'<text x="{left + 36}" y="{legend_y}" fill="{TEXT_COLOUR}">{escape(this_label)}</text>'
        f'<line x1="{left + 200}" y1="{legend_y - 4}" x2="{left + 230}" y2="{legend_y - 4}" '
        f'stroke="{MUTED_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{left + 236}" y="{legend_y}" fill="{TEXT_COLOUR}">{escape(last_label)}</text>'
    )
    return _svg(key, title, description, height, body)


def _tick_step(value: float) -> int:
    """A whole, round step (1, 2 or 5 times a power of ten) so that four steps reach
    `value`: the axis then has five whole-number ticks."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if 4 * factor * magnitude >= value:
                return factor * magnitude
        magnitude *= 10


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
