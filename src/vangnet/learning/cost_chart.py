"""The scenario chart of the second-line costs: one line per ombudsman, the yearly cost
against the number of ombudsman cases a year. SVG drawn on the server with the helpers
of `reports.charts` (the `<svg role="img">` with its own `<title>` and `<desc>`, the
house colour at 3:1 contrast, round axis steps).

Lines differ in colour and in dash pattern and marker, so they can be told apart
without colour (WCAG 1.4.1); the description gives every number of the table in words.
An unknown cost (incomplete tariff, no inhabitant count) is not drawn.
"""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.reports.charts import (
    GRID_COLOUR,
    MUTED_COLOUR,
    TEXT_COLOUR,
    WIDTH,
    Chart,
    _svg,
    _tick_step,
    chart_colour,
)

#: After the house colour: dark grey and a dark orange, both above 4.5:1 on white.
OTHER_COLOURS = [MUTED_COLOUR, "#a14a00", "#1a1a1a", "#6b2c91"]
DASHES = ["", "8 5", "2 4", "12 4 2 4", "4 4"]
MARKERS = ["circle", "square", "diamond", "triangle", "circle"]


def money(value: Decimal | None) -> str:
    if value is None:
        return _("onbekend")
    return "€ " + number_format(value, 2, use_l10n=True, force_grouping=True)


def _whole_money(value: float) -> str:
    return "€ " + number_format(round(value), 0, use_l10n=True, force_grouping=True)


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
    return ngettext("%(n)s klacht", "%(n)s klachten", n) % {
        "n": number_format(n, 0, use_l10n=True, force_grouping=True)
    }


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
            "low": number_format(rows[0][0], 0, use_l10n=True, force_grouping=True),
            "high": number_format(rows[-1][0], 0, use_l10n=True, force_grouping=True),
        }
    parts = []
    if inhabitants:
        parts.append(
            _("Bij %(n)s inwoners.")
            % {"n": number_format(inhabitants, 0, use_l10n=True, force_grouping=True)}
        )
    for index, name in enumerate(names):
        values = "; ".join(f"{cases_words(n)} {money(costs[index])}" for n, costs in rows)
        parts.append(f"{name}: {values}.")
    description = " ".join(parts) if names and rows else _("Geen gegevens.")

    colours = [chart_colour(primary_colour), *OTHER_COLOURS]
    left, right, top_margin = 90, 20, 20
    legend_rows = max(len(names), 1)
    bottom = 50 + 20 * legend_rows
    height = 320 + 20 * legend_rows
    plot_w, plot_h = WIDTH - left - right, height - top_margin - bottom
    known = [float(v) for _n, values in rows for v in values if v is not None]
    top = 4 * _tick_step(max(known + [1.0]))
    low_x = rows[0][0] if rows else 0
    high_x = rows[-1][0] if rows else 1
    span = max(high_x - low_x, 1)

    def point(cases: int, value: Decimal) -> tuple[float, float]:
        return (
            left + plot_w * (cases - low_x) / span,
            top_margin + plot_h * (1 - float(value) / top),
        )

    body = []
    for tick in range(5):
        y = top_margin + plot_h * (1 - tick / 4)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED_COLOUR}" '
            f'font-size="11">{escape(_whole_money(top * tick / 4))}</text>'
        )
    x_step = _tick_step(span)
    first_tick = -(-low_x // x_step) * x_step
    for tick in range(first_tick, high_x + 1, x_step):
        x = left + plot_w * (tick - low_x) / span
        body.append(
            f'<text x="{x:.1f}" y="{top_margin + plot_h + 16:.1f}" text-anchor="middle" '
            f'fill="{MUTED_COLOUR}" font-size="11">{tick}</text>'
        )
    body.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{top_margin + plot_h + 34:.1f}" '
        f'text-anchor="middle" fill="{TEXT_COLOUR}">'
        f"{escape(_('Aantal ombudsmanzaken per jaar'))}</text>"
    )
    for index, name in enumerate(names):
        colour = colours[index % len(colours)]
        dash = DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        runs: list[list[str]] = [[]]
        points = []
        for cases, values in rows:
            value = values[index]
            if value is None:
                runs.append([])
                continue
            x, y = point(cases, value)
            runs[-1].append(f"{x:.1f},{y:.1f}")
            points.append((x, y))
        for run in runs:
            if len(run) > 1:
                body.append(
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5"{dash_attr}/>'
                )
        # Markers on at most about 25 points, so a long range stays readable.
        every = max(1, len(points) // 25)
        for x, y in points[::every]:
            body.append(_marker(MARKERS[index % len(MARKERS)], x, y, colour))
        legend_y = height - bottom + 50 + 20 * index
        body.append(
            f'<line x1="{left}" y1="{legend_y - 4}" x2="{left + 36}" y2="{legend_y - 4}" '
            f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            + _marker(MARKERS[index % len(MARKERS)], left + 18, legend_y - 4, colour)
            + f'<text x="{left + 44}" y="{legend_y}" fill="{TEXT_COLOUR}">{escape(name)}</text>'
        )
    return _svg(key, title, description, height, body)
