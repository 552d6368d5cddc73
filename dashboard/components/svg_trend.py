"""The /tryghed trend chart drawn on the server (``svg_image``), from
``queries.trends.TrendData``.

The honesty rules of the chart, drawn: each area is its own stretch, so no line crosses an
area break (the enlarged 2021 area continues its series dashed, with hollow squares, behind
a labelled rule); a figure whose note doubts it gets a ring; the plans' baselines and targets
are dotted and dash-dot lines over their plan years; partnership periods are shaded bands;
the working group's events are dotted rules with their names. Meaning is never in colour
alone: marker shapes, dashes and words carry it too; values are written at the points, in
Danish, and the table under the chart has every one.
"""

from __future__ import annotations

from functools import partial

from dashboard.components.svg_image import (
    FONT,
    GREY,
    GRID,
    INK,
    Draw,
    Drawing,
    legend,
    lines_of_text,
    nice_ceiling,
    place_label,
    svg_document,
    text,
    text_width,
    wrapped,
    xml_escape,
)
from dashboard.components.trend_text import short_value
from dashboard.frames import row_tuples
from dashboard.queries.trends import TrendData

# Distinct in hue and lightness (Okabe–Ito), the partnership's own series first.
SERIES_COLOURS = ["#0b4f9c", "#b35c00", "#1b7f5a", "#6d3b8c", "#8a6d00", "#5f6b76"]
SERIES_SYMBOLS = ["circle", "diamond", "triangle", "square", "cross", "triangle-down"]
TARGET = "#1b7f5a"
PERIOD_FILLS = ["#e8eef6", "#f4efe1"]  # alternate, so adjacent periods stay apart
PLOT_HEIGHT = 250
LEFT, RIGHT = 44, 12
SMALL = 11


def trend_chart(data: TrendData) -> tuple[Draw, str]:
    """The chart (for any width) and its text alternative."""
    return partial(_draw, data), _alt(data)


def _alt(data: TrendData) -> str:
    parts = [f"Linjegraf: {data.name}."]
    for series, rows in data.series.items():
        first, last = rows[0], rows[-1]
        parts.append(
            f"{series}: {len(rows)} målinger fra {first.period} til {last.period}, "
            f"senest {short_value(last.value, data.unit)}."
        )
    parts += [f"{b.label}." for b in data.breaks]
    if data.periods:
        periods = ", ".join(p.label for p in data.periods)
        parts.append(f"Baggrunden viser partnerskabsperioderne: {periods}.")
    parts.append("Alle tal står i tabellen under grafen.")
    return " ".join(parts)


class _Frame:
    """Where values and years go at one width."""

    def __init__(self, data: TrendData, width: int, top: float):
        xs = list(data.points["x"])
        self.low, self.high = min(xs) - 0.6, max(xs) + 0.6
        values = list(data.points["value"]) + list(data.baselines.get("value", []))
        for column in ("min_value", "max_value"):
            values += [v for v in data.targets.get(column, []) if v == v and v is not None]
        self.top_value = nice_ceiling(max(values) * 1.12 or 1, ticks=5)
        self.width, self.top = width, top
        self.bottom = top + PLOT_HEIGHT

    def x(self, year: float) -> float:
        return LEFT + (self.width - LEFT - RIGHT) * (year - self.low) / (self.high - self.low)

    def y(self, value: float) -> float:
        return self.top + PLOT_HEIGHT * (1 - value / self.top_value)


def _draw(data: TrendData, width: int) -> Drawing:
    if data.points.empty:
        return svg_document(width, 40, text(0, 24, "Ingen tal at vise.", fill=INK)), 40
    header, top = _breaks_header(data, width)
    frame = _Frame(data, width, top + 2 * (FONT + 4))  # room for two rows of period labels
    parts = [header, _periods(data, frame), _grid(data, frame), _events(data, frame)]
    parts.append(_break_rules(data, frame))
    plan_lines, entries = _plan_lines(data, frame)
    parts.append(plan_lines)
    series_parts, series_entries = _series(data, frame)
    parts.append(series_parts)
    body, height = legend(series_entries + entries, width, frame.bottom + 34)
    parts.append(body)
    return svg_document(width, int(height), "".join(parts)), int(height)


def _breaks_header(data: TrendData, width: int) -> tuple[str, float]:
    """Each area break's words in a box at the top, above the plot (never cut at an edge)."""
    parts, y = [], 4.0
    for area_break in data.breaks:
        lines = wrapped(area_break.label, width - 16)
        height = (FONT + 4) * len(lines) + 8
        box_width = max(text_width(line) for line in lines) + 16
        parts.append(
            f'<g class="area-break-label"><rect x="0.5" y="{y:.1f}" width="{box_width:.1f}" '
            f'height="{height}" fill="#fff" stroke="{INK}"/>'
            + lines_of_text(8, y + FONT + 4, lines, FONT + 4, fill=INK)
            + "</g>"
        )
        y += height + 6
    return "".join(parts), y


def _periods(data: TrendData, f: _Frame) -> str:
    """Periods as bands labelled above the plot, every other label a row higher, so that
    neighbours never run into each other on a phone."""
    parts = []
    for number, period in enumerate(data.periods):
        label_y = f.top - 6 - (FONT + 4) * (number % 2)
        if period.end is None:
            if not f.low <= period.start <= f.high:
                continue
            x = f.x(period.start)
            parts.append(_vline(x, f, INK, "2 3"))
            label = f"Partnerskabsperiode: {period.label}"
            parts.append(text(x, label_y, label, fill=INK, font_size=SMALL,
                              text_anchor=_anchor(x, label, f, SMALL)))  # fmt: skip
            continue
        start, end = max(period.start, f.low), min(period.end, f.high)
        if start >= end:
            continue
        x0, x1 = f.x(start), f.x(end)
        parts.append(
            f'<rect x="{x0:.1f}" y="{f.top}" width="{x1 - x0:.1f}" height="{PLOT_HEIGHT}" '
            f'fill="{PERIOD_FILLS[number % 2]}"/>'
        )
        label = f"Periode {round(period.start + 0.5)}–{round(period.end - 0.5)}"
        middle = (x0 + x1) / 2
        parts.append(text(middle, label_y, label, fill=INK, font_size=SMALL,
                          text_anchor=_anchor(middle, label, f, SMALL)))  # fmt: skip
    return "".join(parts)


def _anchor(x: float, label: str, f: _Frame, size: int = FONT) -> str:
    """Centred on ``x``, unless that would cut the label at an edge of the chart."""
    half = text_width(label, size) / 2
    if x - half < 0:
        return "start"
    if x + half > f.width:
        return "end"
    return "middle"


def _grid(data: TrendData, f: _Frame) -> str:
    parts = []
    step = f.top_value / 4 if f.top_value % 4 == 0 else f.top_value / 5
    for i in range(int(round(f.top_value / step)) + 1):
        value = step * i
        y = f.y(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{f.width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GREY if i == 0 else GRID}"/>'
        )
        parts.append(text(LEFT - 5, y + 4, short_value(value, data.unit), fill=GREY,
                          text_anchor="end", font_size=SMALL))  # fmt: skip
    first, last = int(f.low + 0.6), int(f.high - 0.6)
    room = (f.width - LEFT - RIGHT) / max(last - first + 1, 1)  # px per year
    every = next(n for n in (1, 2, 4, 5, 10, 20) if room * n >= 40)
    for year in _labelled_years(first, last, every, room):
        parts.append(text(f.x(year), f.bottom + 18, str(year), fill=GREY,
                          text_anchor="middle"))  # fmt: skip
    return "".join(parts)


def _labelled_years(first: int, last: int, every: int, room: float) -> list[int]:
    """Every ``every``-th year from ``first``, and the last (the newest figure's year):
    when it is closer than 40 px (``room`` px a year) to the step's last label, it takes
    that label's place, unless that is the first (then the axis has only the first)."""
    years = list(range(first, last + 1, every))
    if years[-1] != last:
        if room * (last - years[-1]) >= 40:
            years.append(last)
        elif len(years) > 1:
            years[-1] = last
    return years


def _vline(x: float, f: _Frame, colour: str, dash: str, width: float = 1) -> str:
    return (
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{f.top}" y2="{f.bottom}" stroke="{colour}" '
        f'stroke-width="{width}" stroke-dasharray="{dash}"/>'
    )


def _events(data: TrendData, f: _Frame) -> str:
    """Events as dotted rules, named low inside the plot (away from the values), staggered
    so that close events stay readable; a name is cut to the room right of its rule."""
    parts = []
    visible = [e for e in data.events if f.low <= e.x <= f.high]
    for number, event in enumerate(visible):
        x = f.x(event.x)
        y = f.bottom - 8 - (FONT + 6) * (number % 4)
        label = event.label
        room = f.width - x - 6
        while len(label) > 4 and text_width(label, SMALL) > room:
            label = label[:-2].rstrip() + "…"
        parts.append(_vline(x, f, INK, "1.5 3", 1.5))
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{y - SMALL:.1f}" width="{text_width(label, SMALL) + 4:.1f}" '
            f'height="{SMALL + 4}" fill="#fff" fill-opacity="0.85"/>'
        )
        parts.append(text(x + 4, y, label, fill=INK, font_size=SMALL, class_="event",
                          data_x=f"{event.x:g}"))  # fmt: skip
    return "".join(parts)


def _break_rules(data: TrendData, f: _Frame) -> str:
    return "".join(_vline(f.x((b.before + b.after) / 2), f, INK, "6 4", 2) for b in data.breaks)


def _plan_lines(data: TrendData, f: _Frame) -> tuple[str, list]:
    """Baselines (dotted) and targets (dash-dot) over their plan years, named in the legend."""
    parts, entries = [], []

    def line(row, value, colour, dash, label):
        x0, x1 = f.x(max(row.from_x, f.low)), f.x(min(row.to_x, f.high))
        if x0 >= x1:
            return
        y = f.y(value)
        parts.append(
            f'<line x1="{x0:.1f}" x2="{x1:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{dash}" data-label="{xml_escape(label)}"/>'
        )
        entries.append((_line_symbol(colour, dash), label))

    for row in row_tuples(data.baselines):
        label = f"Udgangspunkt, Tryghedsplan {row.plan_year}: {short_value(row.value, data.unit)}"
        line(row, row.value, INK, "2 3", label)
    for row in row_tuples(data.targets):
        for bound, word in ((row.min_value, "mindst"), (row.max_value, "højst")):
            if bound is None or bound != bound:  # NaN: the plan sets no such bound
                continue
            label = f"Mål, Tryghedsplan {row.plan_year}: {word} {short_value(bound, data.unit)}"
            line(row, bound, TARGET, "8 3 2 3", label)
    return "".join(parts), entries


def _series(data: TrendData, f: _Frame) -> tuple[str, list]:
    """A group per stretch of a series in one area (``data-name``), its markers carrying
    ``data-x`` and ``data-y``; values written above the points where they find room."""
    parts, entries, placed = [], [], []
    for index, rows in enumerate(data.series.values()):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        symbol = SERIES_SYMBOLS[index % len(SERIES_SYMBOLS)]
        stretches: dict[str, list[tuple]] = {}  # by area, in the order they come
        for row in rows:
            stretches.setdefault(row.area_code, []).append(row)
        for stretch in stretches.values():
            after_break = bool(stretch[0].after_break)
            name = stretch[0].area + (" (nyt område)" if after_break else "")
            dash = ' stroke-dasharray="6 4"' if after_break else ""
            points = [(f.x(r.x), f.y(r.value), r) for r in stretch]
            group = [f'<g class="series" data-name="{xml_escape(name)}">']
            if len(points) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
                group.append(
                    f'<polyline points="{path}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5"{dash}/>'
                )
            for x, y, r in points:
                marker = _marker("hollow-square" if after_break else symbol, colour, x, y)
                group.append(marker.replace("/>", f' data-x="{r.x:g}" data-y="{r.value:g}"/>', 1))
                if r.doubt:
                    group.append(
                        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="11" fill="none" stroke="{INK}" '
                        'stroke-width="2" class="doubt"/>'
                    )
            group.append("</g>")
            parts += group
            entries.append((_line_symbol(colour, dash and "6 4", after_break and "hollow-square"
                                         or symbol), name))  # fmt: skip
    if data.points["doubt"].any():
        ring = f'<circle cx="13" cy="8" r="7" fill="none" stroke="{INK}" stroke-width="2"/>'
        entries.append((ring, "Tal med forbehold (se note)"))
    for x, y, label in _value_labels(data, f):
        spot = _free_spot(x, y, text_width(label), placed, f)
        if spot is not None:
            parts.append(text(spot[0], spot[1], label, fill=INK, font_weight="bold",
                              text_anchor=spot[2], class_="value"))  # fmt: skip
    return "".join(parts), entries


def _value_labels(data: TrendData, f: _Frame) -> list[tuple[float, float, str]]:
    # The own series first: when labels compete for room, its values are the ones shown.
    return [(f.x(r.x), f.y(r.value) - 10, short_value(r.value, data.unit)) for r in data.point_rows]


def _free_spot(x, y, width, placed, f: _Frame):
    """Where a label at (x, y) fits: centred, left, right, or a line higher or lower. None
    when there is no room (the table has it)."""
    candidates = [
        (cx, y + dy, anchor)
        for dy in (0, -(FONT + 2), FONT + 26)
        for cx, anchor in ((x, "middle"), (x - 4, "end"), (x + 4, "start"))
    ]
    return place_label(candidates, width, placed, (LEFT, f.width - 2, f.top + FONT, f.bottom))


def _marker(symbol: str, colour: str, x: float, y: float) -> str:
    if symbol == "hollow-square":
        return (
            f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="#fff" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
    if symbol == "square":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}"/>'
    if symbol == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} '
            f'{x - 7:.1f},{y:.1f}" fill="{colour}"/>'
        )
    if symbol == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 7:.1f} {x + 6:.1f},{y + 5:.1f} '
            f'{x - 6:.1f},{y + 5:.1f}" fill="{colour}"/>'
        )
    if symbol == "triangle-down":
        return (
            f'<polygon points="{x:.1f},{y + 7:.1f} {x + 6:.1f},{y - 5:.1f} '
            f'{x - 6:.1f},{y - 5:.1f}" fill="{colour}"/>'
        )
    if symbol == "cross":
        return (
            f'<path d="M{x - 5:.1f},{y - 5:.1f}L{x + 5:.1f},{y + 5:.1f}M{x - 5:.1f},'
            f'{y + 5:.1f}L{x + 5:.1f},{y - 5:.1f}" stroke="{colour}" stroke-width="3"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'


def _line_symbol(colour: str, dash: str, symbol: str | None = None) -> str:
    """A legend's sample: a short line in the stroke, with the marker on it."""
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    sample = f'<line x1="0" x2="26" y1="8" y2="8" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
    return sample + (_marker(symbol, colour, 13, 8) if symbol else "")
