"""The scenario chart of the second-line costs: one line per ombudsman, the yearly cost
against the number of ombudsman cases a year. SVG drawn on the server with the pieces
of `core.charts` (the `<svg role="img">` with its own `<title>` and `<desc>`, the
house colour at 3:1 contrast, round axis steps).

Lines differ in colour and in dash pattern and marker, so they can be told apart
without colour (WCAG 1.4.1); the description gives every number of the table in words.
An unknown cost (incomplete tariff, no inhabitant count) is not drawn.
"""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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

#: After the house colour: dark grey and a dark orange, both above 4.5:1 on white.
OTHER_COLOURS = [MUTED_COLOUR, "#a14a00", "#1a1a1a", "#6b2c91"]
DASHES = ["", "8 5", "2 4", "12 4 2 4", "4 4"]
MARKERS = ["circle", "square", "diamond", "triangle", "circle"]


def money(value: Decimal | None) -> str:
    if value is None:
        return _("onbekend")
    return "€ " + number(value, 2)


def _whole_money(value: float) -> str:
    return "€ " + number(round(value))


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if kind == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="{colour}"/>'
        )
    if kind == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} '
            f'{x - 5:.1f},{y + 4:.1f}" fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'


def cases_words(n: int) -> str:
    return ngettext("%(n)s klacht", "%(n)s klachten", n) % {"n": number(n)}


def scenario_chart(
    names: list[str],
    rows: list[tuple[int, list[Decimal | None]]],
    *,
    primary_colour: str | None = None,
    inhabitants: int | None = None,
    key: str = "second-line-scenario",
) -> Chart:
    """`names`: one per line; `rows`: (cases a year, the cost per line)."""
    title = _("Kosten per jaar van de tweede lijn bij 0 tot veel klachten")
    if rows:
        title = _("Kosten per jaar van de tweede lijn bij %(low)s tot %(high)s klachten") % {
            "low": number(rows[0][0]),
            "high": number(rows[-1][0]),
        }
    colours = [chart_colour(primary_colour), *OTHER_COLOURS]
    left, right, top_margin = 90, 20, 20
    legend_rows = max(len(names), 1)
    bottom = 50 + 20 * legend_rows
    height = 320 + 20 * legend_rows
    plot_w, plot_h = WIDTH - left - right, height - top_margin - bottom
    known = [float(v) for _n, values in rows for v in values if v is not None]
    top = 4 * tick_step(max(known + [1.0]))
    low_x = rows[0][0] if rows else 0
    high_x = rows[-1][0] if rows else 1
    span = max(high_x - low_x, 1)

    def point(cases: int, value: Decimal | None) -> tuple[float, float] | None:
        if value is None:
            return None
        return (
            left + plot_w * (cases - low_x) / span,
            top_margin + plot_h * (1 - float(value) / top),
        )

    body = value_grid(
        left=left, right=right, top=top_margin, height=plot_h, maximum=top, label=_whole_money
    )
    body += _cases_axis(left, top_margin + plot_h, plot_w, low_x, high_x, span)
    for index, name in enumerate(names):
        colour = colours[index % len(colours)]
        body += _line([point(cases, values[index]) for cases, values in rows], index, colour)
        body.append(_legend(name, index, left, height - bottom + 50 + 20 * index, colour))
    return svg(key, title, _description(names, rows, inhabitants), height, body)


def _description(
    names: list[str], rows: list[tuple[int, list[Decimal | None]]], inhabitants: int | None
) -> str:
    """Every cost of the table in words, line by line."""
    parts = []
    if inhabitants:
        parts.append(_("Bij %(n)s inwoners.") % {"n": number(inhabitants)})
    for index, name in enumerate(names):
        values = "; ".join(f"{cases_words(n)} {money(costs[index])}" for n, costs in rows)
        parts.append(f"{name}: {values}.")
    return " ".join(parts) if names and rows else _("Geen gegevens.")


def _cases_axis(left: int, bottom_y: float, plot_w: int, low_x: int, high_x: int, span: int):
    """The ticks of the number of cases a year under the plot, and the axis title."""
    body = []
    x_step = tick_step(span)
    first_tick = -(-low_x // x_step) * x_step
    for tick in range(first_tick, high_x + 1, x_step):
        x = left + plot_w * (tick - low_x) / span
        body.append(
            f'<text x="{x:.1f}" y="{bottom_y + 16:.1f}" text-anchor="middle" '
            f'fill="{MUTED_COLOUR}" font-size="11">{tick}</text>'
        )
    body.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{bottom_y + 34:.1f}" '
        f'text-anchor="middle" fill="{TEXT_COLOUR}">'
        f"{escape(_('Aantal ombudsmanzaken per jaar'))}</text>"
    )
    return body


def _dash(index: int) -> str:
    dash = DASHES[index % len(DASHES)]
    return f' stroke-dasharray="{dash}"' if dash else ""


def _line(points: list[tuple[float, float] | None], index: int, colour: str) -> list[str]:
    """One ombudsman's line (broken where the cost is unknown) with its markers."""
    body = polylines(points, f'stroke="{colour}" stroke-width="2.5"{_dash(index)}')
    known = [p for p in points if p is not None]
    # Markers on at most about 25 points, so a long range stays readable.
    every = max(1, len(known) // 25)
    for x, y in known[::every]:
        body.append(_marker(MARKERS[index % len(MARKERS)], x, y, colour))
    return body


def _legend(name: str, index: int, left: int, y: float, colour: str) -> str:
    return (
        f'<line x1="{left}" y1="{y - 4}" x2="{left + 36}" y2="{y - 4}" '
        f'stroke="{colour}" stroke-width="2.5"{_dash(index)}/>'
        + _marker(MARKERS[index % len(MARKERS)], left + 18, y - 4, colour)
        + f'<text x="{left + 44}" y="{y}" fill="{TEXT_COLOUR}">{escape(name)}</text>'
    )
