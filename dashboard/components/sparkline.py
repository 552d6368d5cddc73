"""The small trend chart on each indicator card: an SVG drawn on the server (a few hundred
bytes, no plotly per card), shown as an image whose alt text says the first and the newest
figure in Danish.

Readable in greyscale: comparable figures are a solid line with filled dots, figures for a
changed area a dashed line with hollow squares, never joined across the break; the plan's
target, only where the plan sets one, is a dash-dot rule. The scale starts at zero (a grey
base line), as the main chart's does; the first and last values are written beside their
points.
"""

from __future__ import annotations

from urllib.parse import quote

from dash import html
from markupsafe import escape

from dashboard.components.trend_text import indicator_value, short_value
from dashboard.queries.indicator_cards import CardFigure, IndicatorCard

WIDTH, HEIGHT = 240, 64
LEFT, RIGHT, TOP, BOTTOM = 40, 40, 16, 16
INK = "#0b4f9c"
TARGET = "#1b2a3a"
GRID = "#8a96a3"  # the zero line: visible, but lighter than the figures
FONT = 11


def sparkline_text(card: IndicatorCard) -> str:
    """The chart in words: "Lille graf over 3 målinger: 34 % i 2014, seneste 27 % i 2021
    (ændret område, ikke sammenligneligt). Planens mål: mindst 40." """
    figures = card.figures
    first, last = figures[0], figures[-1]
    if len(figures) == 1:
        text = f"Lille graf med én måling: {indicator_value(first.value, card.unit)}"
        text += f" i {first.period}"
    else:
        text = (
            f"Lille graf over {len(figures)} målinger: "
            f"{indicator_value(first.value, card.unit)} i {first.period}, "
            f"seneste {indicator_value(last.value, card.unit)} i {last.period}"
        )
    if not last.comparable:
        text += " (ændret område, ikke sammenligneligt)"
    text += "."
    if card.target_bounds:
        bounds = " og ".join(indicator_value(b, card.unit) for b in card.target_bounds)
        text += f" Linjen med streg og prik er planens mål: {bounds}."
    return text


def sparkline(card: IndicatorCard) -> html.Img | None:
    """The card's small chart as an image with its text alternative; None without figures."""
    if not card.figures:
        return None
    return html.Img(
        src="data:image/svg+xml;charset=utf-8," + quote(sparkline_svg(card)),
        alt=sparkline_text(card),
        className="sparkline",
        width=WIDTH,
        height=HEIGHT,
    )


def sparkline_svg(card: IndicatorCard) -> str:
    figures = card.figures
    values = [f.value for f in figures] + list(card.target_bounds)
    # From zero, as the main chart: a change from 21 to 22 must not look like a leap.
    low, high = min(0.0, *values), max(values)
    if high == low:
        high = low + 1
    xs = [f.x for f in figures]
    x_low, x_high = min(xs), max(xs)

    def at(x: float, y: float) -> tuple[float, float]:
        across = 0.5 if x_high == x_low else (x - x_low) / (x_high - x_low)
        px = LEFT + across * (WIDTH - LEFT - RIGHT)
        py = TOP + (high - y) / (high - low) * (HEIGHT - TOP - BOTTOM)
        return round(px, 1), round(py, 1)

    _, zero = at(x_low, low)
    parts = [
        f'<line x1="{LEFT - 8}" x2="{WIDTH - RIGHT + 8}" y1="{zero}" y2="{zero}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    ]
    for bound in card.target_bounds:
        _, y = at(x_low, bound)
        parts.append(
            f'<line x1="{LEFT - 8}" x2="{WIDTH - RIGHT + 8}" y1="{y}" y2="{y}" stroke="{TARGET}" '
            'stroke-width="1.5" stroke-dasharray="6 3 1.5 3"/>'
        )
    for stretch in _stretches(figures):
        comparable = stretch[0].comparable
        points = [at(f.x, f.value) for f in stretch]
        if len(points) > 1:
            dash = "" if comparable else ' stroke-dasharray="4 3"'
            path = " ".join(f"{x},{y}" for x, y in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="2"{dash}/>'
            )
        for x, y in points:
            parts.append(
                f'<circle cx="{x}" cy="{y}" r="3" fill="{INK}"/>'
                if comparable
                else f'<rect x="{x - 3}" y="{y - 3}" width="6" height="6" fill="#fff" '
                f'stroke="{INK}" stroke-width="1.5"/>'
            )
    parts += _end_labels(card, at)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">{"".join(parts)}</svg>'
    )


def _stretches(figures: tuple[CardFigure, ...]) -> list[list[CardFigure]]:
    """The figures cut where comparability changes: no line joins them across a break."""
    stretches: list[list[CardFigure]] = []
    for figure in figures:
        if stretches and stretches[-1][-1].comparable == figure.comparable:
            stretches[-1].append(figure)
        else:
            stretches.append([figure])
    return stretches


def _end_labels(card: IndicatorCard, at) -> list[str]:
    """The first and the last value (one label for a single figure), with its year below."""
    shown = [card.figures[0]] if len(card.figures) == 1 else [card.figures[0], card.figures[-1]]
    labels = []
    for number, figure in enumerate(shown):
        x, y = at(figure.x, figure.value)
        anchor = "middle" if len(shown) == 1 else ("end" if number == 0 else "start")
        dx = 0 if len(shown) == 1 else (-6 if number == 0 else 6)
        labels.append(
            f'<text x="{x + dx}" y="{max(y - 5, FONT)}" font-size="{FONT}" '
            f'font-family="sans-serif" fill="#1b2a3a" text-anchor="{anchor}">'
            f"{escape(short_value(figure.value, card.unit))}</text>"
            f'<text x="{x + dx}" y="{min(y + 14, HEIGHT - 2)}" font-size="{FONT - 1}" '
            f'font-family="sans-serif" fill="#5f6b76" text-anchor="{anchor}">'
            f"{escape(figure.period)}</text>"
        )
    return labels
