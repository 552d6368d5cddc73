"""Static SVG charts rendered on the server, for the public pages: no JavaScript, a few KB each.

Every chart is paired on the page with a sentence and a table that say the same, so the SVG
itself is hidden from screen readers. Meaning never rests on colour alone: the unallocated
rest is hatched, a figure for a different area is a hollow square with a dashed rule, and
every bar has its value written beside it.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from dashboard.components.svg_image import (
    BLUE,
    FONT,
    GREY,
    GRID,
    HATCH_ID,
    INK,
    hatch_pattern,
    nice_ceiling,
    place_label,
)
from dashboard.components.trend_text import short_value
from dashboard.queries.public_figures import Trend


def hatch_definitions() -> Markup:
    """The hatch pattern the bars refer to, defined once per page (ids must be unique)."""
    return Markup(
        '<svg class="svg-defs" width="0" height="0" aria-hidden="true" focusable="false">'
        f"<defs>{hatch_pattern()}</defs></svg>"
    )


def stacked_bar(segments: list[tuple[float, str]], scale: float, height: int = 22) -> Markup:
    """One horizontal bar of ``(value, style)`` segments, ``style`` "solid", "hatched" or
    "empty", ``scale`` the value that fills the width. Widths are percentages, so the bar
    fits any screen while the labels around it stay ordinary text."""
    parts, x = [], 0.0
    for value, style in segments:
        if value <= 0 or scale <= 0:
            continue
        width = 100 * value / scale
        fill = {"solid": BLUE, "hatched": f"url(#{HATCH_ID})", "empty": "#fff"}[style]
        parts.append(
            f'<rect x="{x:.2f}%" y="1" width="{width:.2f}%" height="{height - 2}" '
            f'fill="{fill}" stroke="{BLUE}" stroke-width="1"/>'
        )
        x += width
    return Markup(
        f'<svg class="bar" width="100%" height="{height}" aria-hidden="true" '
        f'focusable="false">{"".join(parts)}</svg>'
    )


def swatch(style: str) -> Markup:
    """A small legend square in the same style as a bar segment."""
    fill = {"solid": BLUE, "hatched": f"url(#{HATCH_ID})", "empty": "#fff"}[style]
    return Markup(
        '<svg class="swatch" width="18" height="18" aria-hidden="true" focusable="false">'
        f'<rect x="1" y="1" width="16" height="16" fill="{fill}" stroke="{BLUE}"/></svg>'
    )


# --- line charts for trends --------------------------------------------------------------

WIDTH, HEIGHT = 360, 210
LEFT, RIGHT, TOP, BOTTOM = 40, 22, 26, 34


def trend_chart(trend: Trend) -> Markup:
    """A line per comparable stretch of a trend, x placed by year so gaps look like gaps.
    Values are written at the first and last point and around an area break; the table
    beside the chart has them all."""
    points = [(p, _year(p.period)) for p in trend.points if p.value is not None]
    years = [y for _, y in points]
    low, high = min(years), max(years)
    top_value = nice_ceiling(max(p.value for p, _ in points) * 1.15, ticks=4, smallest_step=5)

    def x(year: float) -> float:
        span = (high - low) or 1
        return LEFT + (WIDTH - LEFT - RIGHT) * (year - low) / span

    def y(value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top_value)

    out = [
        f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" aria-hidden="true" '
        f'focusable="false" font-size="{FONT}" font-family="inherit">'
    ]
    for tick in _ticks(top_value):
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{GREY}">'
            f"{escape(short_value(tick, trend.unit))}</text>"
        )
    comparable = [(p, yr) for p, yr in points if p.comparable]
    if len(comparable) > 1:
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{x(yr):.1f},{y(p.value):.1f}"
            for i, (p, yr) in enumerate(comparable)
        )
        out.append(f'<path d="{path}" fill="none" stroke="{BLUE}" stroke-width="2.5"/>')
    for p, yr in comparable:
        out.append(f'<circle cx="{x(yr):.1f}" cy="{y(p.value):.1f}" r="4.5" fill="{BLUE}"/>')
    broken = [(p, yr) for p, yr in points if not p.comparable]
    if broken:
        rule = x(broken[0][1]) - 8
        out.append(
            f'<line x1="{rule:.1f}" x2="{rule:.1f}" y1="{TOP - 14}" y2="{HEIGHT - BOTTOM}" '
            f'stroke="{INK}" stroke-dasharray="4 3"/>'
            f'<text x="{rule - 4:.1f}" y="{TOP - 6}" text-anchor="end" fill="{INK}">'
            "nyt område</text>"
        )
        for p, yr in broken:
            out.append(
                f'<rect x="{x(yr) - 5:.1f}" y="{y(p.value) - 5:.1f}" width="10" height="10" '
                f'fill="#fff" stroke="{INK}" stroke-width="2"/>'
            )
    labelled = {0, len(points) - 1} | {i for i, (p, _) in enumerate(points) if not p.comparable}
    if broken:
        labelled |= {i for i, (p, _) in enumerate(points) if p is comparable[-1][0]}
    # The "nyt område" note sits at the top right of the rule; values must not cover it.
    placed: list[tuple[float, float, float]] = (
        [(rule - 4 - _text_width("nyt område"), rule, TOP - 6)] if broken else []
    )
    for i in sorted(labelled):
        p, yr = points[i]
        text = short_value(p.value, trend.unit)
        spot = _free_spot(x(yr), y(p.value) - 10, _text_width(text), placed)
        if spot is not None:
            out.append(
                f'<text x="{spot[0]:.1f}" y="{spot[1]:.1f}" text-anchor="{spot[2]}" '
                f'fill="{INK}" font-weight="bold">{escape(text)}</text>'
            )
    placed = []
    # The first and the last year are placed first, so that a crowded middle gives way.
    order = [0, len(points) - 1] + list(range(1, len(points) - 1))
    for p, yr in [points[i] for i in dict.fromkeys(order)]:
        text = p.period
        spot = _free_spot(x(yr), HEIGHT - BOTTOM + 20, _text_width(text), placed, vertical=False)
        if spot is not None:
            out.append(
                f'<text x="{spot[0]:.1f}" y="{spot[1]:.1f}" text-anchor="{spot[2]}" '
                f'fill="{GREY}">{escape(text)}</text>'
            )
    out.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" '
        f'y2="{HEIGHT - BOTTOM}" stroke="{GREY}"/></svg>'
    )
    return Markup("".join(out))


def _year(period: str) -> float:
    """``2019`` -> 2019; ``2019Q3`` -> 2019.5; ``2014/15`` -> 2014.5 (where on the x axis)."""
    if "Q" in period:
        year, quarter = period.split("Q")
        return int(year) + (int(quarter) - 1) / 4
    if "/" in period:
        return int(period.split("/")[0]) + 0.5
    return float(period[:4])


def _ticks(top: float) -> list[float]:
    step = top / 4 if top % 4 == 0 else top / 2
    return [step * i for i in range(int(round(top / step)) + 1)]


def _text_width(text: str) -> float:
    return len(text) * FONT * 0.62


def _free_spot(x, y, width, placed, vertical=True):
    """Where a label at (x, y) fits inside the chart without touching labels already placed:
    centred, else to the left, else to the right (else a bit higher, for values). Returns
    (x, y, anchor), or None when there is no room; the table has every value anyway."""
    candidates = [(x, y, "middle"), (x - 4, y, "end"), (x + 4, y, "start")]
    if vertical:
        candidates += [(cx, cy - FONT - 2, anchor) for cx, cy, anchor in candidates]
    return place_label(candidates, width, placed, (2, WIDTH - 2, FONT, float("inf")))
