"""Server-drawn SVG charts on the Dash pages: shown as an image from a data URI, so a chart
costs the browser no script at all (plotly.js took 250–280 ms to evaluate and as long again
to draw on every chart page, issue 18), in the visual system of the public page
(``svg_charts``): the same blue, the same hatch for money not yet allocated, values written
as text, Danish numbers.

An image's text cannot reflow, so every chart is drawn twice, for a phone's width and for a
desktop's, and a ``<picture>`` lets the browser take the one that fits: text stays at its
size on both. The image's ``alt`` says what the chart shows; the exact figures are in the
table beside it.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from urllib.parse import quote

from dash import html
from markupsafe import Markup, escape

INK = "#1b2a3a"
BLUE = "#0b4f9c"
GREY = "#5f6b76"  # 5.4:1 on white: small and axis text pass AA
GRID = "#d5dbe1"
HATCH_ID = "skravering"
FONT = 13
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
NARROW, WIDE = 360, 760  # a phone's content width (at scale ~1) and the desktop column's
PHONE = "(max-width: 575.98px)"  # Bootstrap's "sm" breakpoint

Drawing = tuple[str, int]  # the SVG's markup and its height, for a given width
Draw = Callable[[int], Drawing]


def hatch_pattern() -> str:
    """The hatch of money not yet allocated, as a ``<pattern>`` with id ``HATCH_ID``: one
    definition for the public page's bars (``svg_charts``) and these images."""
    return (
        f'<pattern id="{HATCH_ID}" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="#fff"/><rect width="3" height="8" fill="{BLUE}"/>'
        "</pattern>"
    )


def svg_document(width: int, height: int, body: str) -> str:
    """A self-contained SVG (an image sees no definitions of the page): its own hatch."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="{FONT_FAMILY}" font-size="{FONT}">'
        f'<defs>{hatch_pattern()}</defs><rect width="{width}" height="{height}" fill="#fff"/>'
        f"{body}</svg>"
    )


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;charset=utf-8," + quote(svg)


def chart_children(draw: Draw, alt: str) -> list:
    """The ``<picture>``'s content: the phone drawing as a source, the desktop one as the
    image (with the text alternative). What a callback returns to redraw a chart."""
    narrow, _ = draw(NARROW)
    wide, height = draw(WIDE)
    return [
        html.Source(media=PHONE, srcSet=data_uri(narrow)),
        html.Img(src=data_uri(wide), alt=alt, width=WIDE, height=height, className="chart-img"),
    ]


# Axis steps a reader counts in: 1, 2, 5, 10, 20, 25, 50 …
NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000)


def nice_ceiling(value: float, ticks: int, smallest_step: float = 1) -> float:
    """The axis top for ``value``: the first multiple of a nice step (at least
    ``smallest_step``) that reaches it within ``ticks`` steps."""
    for step in NICE_STEPS:
        if step >= smallest_step and value <= step * ticks:
            return step * -(-value // step)
    return value


def text_width(text: str, size: int = FONT) -> float:
    """An estimate on the safe side (no font metrics on the server): wide enough for
    system-ui and Arial at this size."""
    return len(text) * size * 0.57


def wrapped(text: str, width: float, size: int = FONT) -> list[str]:
    """``text`` cut into lines that fit ``width``, never between a number and its unit."""
    kept = text.replace(" kr.", "\u00a0kr.").replace(" %", "\u00a0%")
    return textwrap.wrap(kept, max(8, int(width / (size * 0.57)))) or [""]


# Characters XML 1.0 forbids (C0 controls but tab and newlines; lone surrogates; U+FFFE/F):
# markupsafe passes them through, and one in a label made the whole image unparsable.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_escape(value) -> Markup:
    """``value`` as SVG text or attribute value: escaped, and without what XML forbids."""
    return escape(_NOT_XML.sub("", str(value)))


def text(x: float, y: float, content: str, **attributes) -> str:
    """A ``<text>`` with ``attributes`` (see ``_attributes``)."""
    attrs = _attributes(attributes)
    return f'<text x="{x:.1f}" y="{y:.1f}" {attrs}>{xml_escape(content)}</text>'


def _attributes(attributes: dict) -> str:
    """``font_size=11`` as ``font-size="11"``; ``class_`` as ``class``."""
    return " ".join(
        f'{k.rstrip("_").replace("_", "-")}="{xml_escape(v)}"' for k, v in attributes.items()
    )


def lines_of_text(x: float, y: float, lines: list[str], step: float, **attributes) -> str:
    """Several lines as one ``<text>`` (one label, however it wraps)."""
    attrs = _attributes(attributes)
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{y + i * step:.1f}">{xml_escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"<text {attrs}>{spans}</text>"


def legend(entries: list[tuple[str, str]], width: int, top: float) -> tuple[str, float]:
    """Legend entries ``(symbol markup drawn in a 24×16 box at the origin, label)`` flowed
    into lines across ``width``; a label too long for a line wraps beside its symbol.
    Returns the markup and the y below it."""
    parts, x, y, row_height = [], 0.0, top, FONT + 8
    for symbol, label in entries:
        lines = wrapped(label, width - 32)
        item = 32 + max(text_width(line) for line in lines) + 14
        if x > 0 and (x + item > width or len(lines) > 1):
            x, y = 0.0, y + row_height
        parts.append(f'<g transform="translate({x:.1f},{y:.1f})">{symbol}</g>')
        parts.append(lines_of_text(x + 30, y + 12, lines, FONT + 3, fill=INK))
        row_height = (FONT + 3) * len(lines) + 5
        x += item
        if len(lines) > 1:
            x = width  # the next entry starts a line of its own
    return "".join(parts), y + row_height + 6


Box = tuple[float, float, float]  # left, right, baseline of a placed label


def place_label(candidates, width: float, placed: list[Box], bounds) -> tuple | None:
    """The first of ``candidates`` ``(x, y, anchor)`` where a label ``width`` wide stays
    inside ``bounds`` ``(left, right, top, bottom)`` and clear of the labels already
    ``placed`` (to which it is then added); None when none is."""
    left_bound, right_bound, top, bottom = bounds
    for cx, cy, anchor in candidates:
        left = {"middle": cx - width / 2, "end": cx - width, "start": cx}[anchor]
        box = (left, left + width, cy)
        if left < left_bound or left + width > right_bound or not top <= cy <= bottom:
            continue
        if all(
            box[1] + 4 < other[0] or box[0] > other[1] + 4 or abs(box[2] - other[2]) > FONT + 1
            for other in placed
        ):
            placed.append(box)
            return cx, cy, anchor
    return None
