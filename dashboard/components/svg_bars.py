"""Stacked horizontal bars drawn on the server (``svg_image``): a row per year or party, its
label above its bar so that long names fit a phone, a segment per series with its value
written inside where it fits, and a line of words below the bar for what no segment can
show (the open '?' amounts, the total). One builder for the /okonomi and /leverancer charts.

An amount that is not decided is not a segment of width 0: it is no segment, and the words
below the bar say it is there. Readable in greyscale: the fills alternate dark and light,
segments are parted by white, the unallocated rest is hatched, and values are written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import escape

from dashboard.components import svg_image as svg
from dashboard.components.svg_image import FONT, GREY, HATCH_ID, INK

HATCHED = "hatched"
# Dark and light in turn, so neighbours differ in greyscale too; text colour to match.
FILLS = ["#0b4f9c", "#f2b766", "#1b7f5a", "#c9b6dc", "#5f6b76", "#9fd0e6", "#8a4a00"]
DARK_FILLS = {"#0b4f9c", "#1b7f5a", "#5f6b76", "#8a4a00", "#6c757d", "#0d6efd", "#b35c00",
              "#198754", "#343a40"}  # fmt: skip
BAR_HEIGHT = 24


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
    scale = max([sum(v for v in r.values.values() if v > 0) for r in rows] + [0]) or 1
    parts = [body]
    for row in rows:
        parts.append(svg.text(0, y + FONT, row.label, fill=INK, font_weight="bold"))
        if row.total:
            parts.append(svg.text(width - 2, y + FONT, row.total, fill=INK, text_anchor="end"))
        y += FONT + 6
        parts.append(_bar(shown, row, scale, width, y, value_text))
        y += BAR_HEIGHT + 4
        if row.note:
            lines = svg.wrapped(row.note, width)
            parts.append(svg.lines_of_text(0, y + FONT, lines, FONT + 3, fill=GREY))
            y += (FONT + 3) * len(lines)
        y += 14
    return svg.svg_document(width, int(y), "".join(parts)), int(y)


def _bar(shown, row: BarRow, scale: float, width: int, y: float, value_text) -> str:
    parts, x = [], 0.0
    for s in shown:
        value = row.values.get(s.name)
        if value is None or value <= 0:
            continue
        w = max((width - 2) * value / scale, 2)  # a small amount is still seen
        fill = f"url(#{HATCH_ID})" if s.fill == HATCHED else s.fill
        parts.append(
            f'<rect x="{x + 1:.2f}" y="{y:.1f}" width="{w:.2f}" height="{BAR_HEIGHT}" '
            f'fill="{fill}" stroke="#fff" stroke-width="1.5" data-series="{escape(s.name)}" '
            f'data-row="{escape(row.label)}" data-value="{value:g}"/>'
        )
        label = value_text(value)
        if s.fill != HATCHED and svg.text_width(label) + 8 <= w:
            colour = "#fff" if s.fill in DARK_FILLS else INK
            parts.append(
                svg.text(x + 1 + w / 2, y + BAR_HEIGHT / 2 + FONT * 0.36, label,
                     fill=colour, text_anchor="middle")
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
