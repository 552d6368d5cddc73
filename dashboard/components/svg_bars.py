"""Stacked horizontal bars drawn on the server (``svg_image``): a row per year or party, its
label above its bar so that long names fit a phone, a segment per series with its value
written inside where it fits, and a line of words below the bar for what no segment can
show (the open '?' amounts, the total). One builder for the /okonomi and /leverancer charts.

An amount that is not decided is not a segment of width 0: it is no segment, and the words
below the bar say it is there. Readable in greyscale: the fills a caller passes alternate
dark and light in the series' order (``FILLS`` does), segments are parted by white, the
unallocated rest is hatched, and values are written, white on a dark fill, ink on a light
one, whichever contrasts more. A tiny value still gets a segment of ``MIN_SEGMENT`` px: the
shared scale shrinks to make room for it, so no bar runs past the frame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dashboard.components import svg_image as svg
from dashboard.components.svg_image import FONT, GREY, HATCH_ID, INK

HATCHED = "hatched"
# Dark and light in turn, so neighbours differ in greyscale too.
FILLS = ["#0b4f9c", "#f2b766", "#1b7f5a", "#c9b6dc", "#5f6b76", "#9fd0e6", "#8a4a00"]
BAR_HEIGHT = 24
MIN_SEGMENT = 2  # px: a small amount is still seen


@dataclass(frozen=True)
class Series:
    name: str
    fill: str  # a colour, or HATCHED


@dataclass(frozen=True)
class BarRow:
    label: str
    values: dict[str, float]  # series name → value; a series without a value has no segment
    note: str = ""  # written below the bar
    total: str = ""  # written at the right end of the label's line


def fill_for(index: int) -> str:
    return FILLS[index % len(FILLS)]


def luminance(colour: str) -> float:
    """WCAG's relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(fill: str) -> str:
    """The colour of a value written inside a segment of ``fill``."""
    return "#fff" if contrast(fill, "#ffffff") >= contrast(fill, INK) else INK


def stacked_rows(
    series: list[Series],
    rows: list[BarRow],
    value_text: Callable[[float], str],
    width: int,
) -> svg.Drawing:
    """The chart at ``width``: legend on top, then each row's label, bar and note. Every
    segment carries ``data-series``, ``data-row`` and ``data-value`` (what it stands for,
    readable without measuring it). Bars share one scale: the largest row total."""
    shown = [s for s in series if any(r.values.get(s.name, 0) > 0 for r in rows)]
    entries = [(_swatch(s.fill), s.name) for s in shown]
    body, y = svg.legend(entries, width, 4)
    per_unit = _px_per_unit(shown, rows, width - 2)
    parts = [body]
    for row in rows:
        # The label wraps short of the total on its first line (a long party name on a phone).
        room = width - (svg.text_width(row.total) + 10 if row.total else 0)  # 8 px gap
        label = svg.wrapped(row.label, room)
        parts.append(svg.lines_of_text(0, y + FONT, label, FONT + 3, fill=INK, font_weight="bold"))
        if row.total:
            parts.append(svg.text(width - 2, y + FONT, row.total, fill=INK, text_anchor="end"))
        y += (FONT + 3) * (len(label) - 1) + FONT + 6
        parts.append(_bar(shown, row, per_unit, width, y, value_text))
        y += BAR_HEIGHT + 4
        if row.note:
            lines = svg.wrapped(row.note, width)
            parts.append(svg.lines_of_text(0, y + FONT, lines, FONT + 3, fill=GREY))
            y += (FONT + 3) * len(lines)
        y += 14
    return svg.svg_document(width, int(y), "".join(parts)), int(y)


def _values(shown, row: BarRow) -> list[float]:
    return [v for s in shown if (v := row.values.get(s.name)) is not None and v > 0]


def _px_per_unit(shown, rows: list[BarRow], room: float) -> float:
    """The one scale of all bars: the largest row fills ``room``, less what the minimum
    width of small segments adds to any row (taken from the scale, so that bars stay
    comparable and none ends past ``room``)."""
    per_unit = room / (max([sum(_values(shown, r)) for r in rows] + [0]) or 1)
    for row in rows:
        values = _values(shown, row)
        while True:
            small = [v for v in values if v * per_unit < MIN_SEGMENT]
            large = sum(values) - sum(small)
            left = room - MIN_SEGMENT * len(small)
            if large * per_unit <= left + 1e-9 or left <= 0:
                break
            per_unit = left / large  # may make more segments small: measure again
    return per_unit


def _bar(shown, row: BarRow, per_unit: float, width: int, y: float, value_text) -> str:
    parts, x = [], 0.0
    for s in shown:
        value = row.values.get(s.name)
        if value is None or value <= 0:
            continue
        # Clamped as well: more tiny segments than the row has room for stop at the frame.
        w = min(max(value * per_unit, MIN_SEGMENT), max(width - 2 - x, 0))
        fill = f"url(#{HATCH_ID})" if s.fill == HATCHED else s.fill
        parts.append(
            f'<rect x="{x + 1:.2f}" y="{y:.1f}" width="{w:.2f}" height="{BAR_HEIGHT}" '
            f'fill="{fill}" stroke="#fff" stroke-width="1.5" '
            f'data-series="{svg.xml_escape(s.name)}" data-row="{svg.xml_escape(row.label)}" '
            f'data-value="{value:g}"/>'
        )
        label = value_text(value)
        if s.fill != HATCHED and svg.text_width(label) + 8 <= w:
            parts.append(
                svg.text(x + 1 + w / 2, y + BAR_HEIGHT / 2 + FONT * 0.36, label,
                     fill=text_on(s.fill), text_anchor="middle")
            )  # fmt: skip
        x += w
    # The frame the bars are measured against: a thin grey line at the scale's end.
    parts.append(
        f'<line x1="{width - 1}" x2="{width - 1}" y1="{y - 2:.1f}" y2="{y + BAR_HEIGHT + 2:.1f}" '
        f'stroke="{GREY}"/>'
    )
    return "".join(parts)


def _swatch(fill: str) -> str:
    colour = f"url(#{HATCH_ID})" if fill == HATCHED else fill
    return f'<rect x="2" y="0" width="22" height="16" fill="{colour}" stroke="{INK}"/>'
