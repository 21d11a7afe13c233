"""Charts as SVG drawn on the server, the pieces every chart shares: the same markup in
the browser, in a PDF (WeasyPrint draws inline SVG) and for a screen reader.

Every chart is an `<svg role="img">` (`svg`) whose `aria-labelledby` points at its own
`<title>` and `<desc>`; the description says every number in words, so a chart never
holds information its text does not. Sizes live in the viewBox only (CSS scales the
chart, `WIDTH` wide); there is no script. The title and description are escaped here;
a chart escapes every other text it draws (`xml.sax.saxutils.escape`), since the markup
is inserted as it is.

Colours: the house colour is darkened until it stands out 3:1 on white
(`chart_colour`, WCAG 2.1 1.4.11); text and axes use fixed dark greys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

DEFAULT_PRIMARY = "#1d4f91"
TEXT_COLOUR = "#1a1a1a"
MUTED_COLOUR = "#595959"  # 7:1 on white: last year's line, axes
GRID_COLOUR = "#d0d0d0"
#: WCAG 2.1 1.4.11: graphical objects need 3:1 against their background (white).
MIN_CONTRAST = 3.0

#: The width of every chart's viewBox.
WIDTH = 640

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
    """The WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
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


# --- the svg element -----------------------------------------------------------------


def number(value: float, decimals: int = 0) -> str:
    """A number as the screen language writes it, with thousands grouped."""
    return number_format(value, decimals, use_l10n=True, force_grouping=True)


def _dom_id(*parts: str) -> str:
    return _ID.sub("-", "-".join(("chart", *parts)))


def svg(key: str, title: str, description: str, height: int, body: list[str]) -> Chart:
    """The chart: `body` (SVG elements, their texts escaped) in an `<svg role="img">`
    of `WIDTH` × `height` labelled by its title and description."""
    title_id, desc_id = _dom_id(key, "title"), _dom_id(key, "desc")
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vangnet-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="12">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )
    return Chart(key=key, title=title, description=description, svg=mark_safe(markup))  # noqa: S308 - every text escaped above


# --- axes and lines ------------------------------------------------------------------


def tick_step(value: float) -> int:
    """A whole, round step (1, 2 or 5 times a power of ten) so that four steps reach
    `value`: the axis then has five whole-number ticks."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if 4 * factor * magnitude >= value:
                return factor * magnitude
        magnitude *= 10


def value_grid(
    *, left: float, right: float, top: float, height: float, maximum: float, label: Callable
) -> list[str]:
    """Five horizontal grid lines from 0 to `maximum` over a plot `height` high whose top
    is at `top`, each with its value (`label(value)`) left of the plot."""
    body = []
    for tick in range(5):
        y = top + height * (1 - tick / 4)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED_COLOUR}" '
            f'font-size="11">{escape(label(maximum * tick / 4))}</text>'
        )
    return body


def polylines(points: Sequence[tuple[float, float] | None], attributes: str) -> list[str]:
    """A line through `points`, broken where a point is None (an unknown or hidden
    value); a piece of a single point draws nothing."""
    runs: list[list[str]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(f"{point[0]:.1f},{point[1]:.1f}")
    return [
        f'<polyline points="{" ".join(run)}" fill="none" {attributes}/>'
        for run in runs
        if len(run) > 1
    ]
