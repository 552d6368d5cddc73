"""The safety walks' findings on the partnership's map (``area_map``): each finding a marker
whose shape says its status (åben a circle, i gang a triangle, udbedret a square, afvist a
cross) with its number and status written beside it, so that the status never rests on
colour alone; a legend under the map says the same, and the page's table is the text
alternative."""

from __future__ import annotations

import base64

from dash import html
from markupsafe import Markup, escape

from dashboard.components.area_map import AreaMap
from dashboard.model.walks import ACTION_STATUSES

INK = "#1b2a3a"
COLOURS = {"aaben": "#b3261e", "i_gang": "#8a5a00", "udbedret": "#1e6b34", "afvist": "#4a4f55"}
SHAPE_WORDS = {"aaben": "cirkel", "i_gang": "trekant", "udbedret": "firkant", "afvist": "kryds"}


def marker(status: str, x: float, y: float, size: float = 7) -> str:
    """The status's shape centred on (x, y), with a white edge so it shows on the hatching."""
    colour = COLOURS[status]
    edge = f'fill="{colour}" stroke="#fff" stroke-width="2"'
    if status == "aaben":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" {edge}/>'
    if status == "i_gang":
        h = size * 1.2
        return (
            f'<path d="M{x:.1f},{y - h:.1f} L{x + h:.1f},{y + h * 0.8:.1f} '
            f'L{x - h:.1f},{y + h * 0.8:.1f} Z" {edge}/>'
        )
    if status == "udbedret":
        return (
            f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size:.1f}" '
            f'height="{2 * size:.1f}" {edge}/>'
        )
    return (
        f'<path d="M{x - size:.1f},{y - size:.1f} L{x + size:.1f},{y + size:.1f} '
        f'M{x + size:.1f},{y - size:.1f} L{x - size:.1f},{y + size:.1f}" stroke="#fff" '
        f'stroke-width="6"/><path d="M{x - size:.1f},{y - size:.1f} L{x + size:.1f},'
        f'{y + size:.1f} M{x + size:.1f},{y - size:.1f} L{x - size:.1f},{y + size:.1f}" '
        f'stroke="{colour}" stroke-width="3"/>'
    )


def findings_overlay(area: AreaMap, rows, *, with_status: bool = True) -> Markup:
    """The markers and their labels ("3 Udbedret", or only "3" when every marker has one
    status, as on the public map of fixed findings)."""
    parts = []
    for row in rows:
        x, y = area.project(row.lon, row.lat)
        label = f"{row.number} {row.status_label}" if with_status else str(row.number)
        parts.append(
            f'<g class="fund" data-status="{row.status}">{marker(row.status, x, y)}'
            f'<text x="{x + 10:.1f}" y="{y + 4:.1f}" font-size="12" font-weight="bold" '
            f'fill="{INK}" stroke="#fff" stroke-width="3" paint-order="stroke">'
            f"{escape(label)}</text></g>"
        )
    return Markup("".join(parts))


def legend(statuses=tuple(ACTION_STATUSES)) -> html.Ul:
    """The shapes in words, each beside a drawing of itself."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Img(
                        src=_data_uri(
                            Markup(
                                '<svg xmlns="http://www.w3.org/2000/svg" width="20" '
                                f'height="20" viewBox="0 0 20 20">{marker(s, 10, 10)}</svg>'
                            )
                        ),
                        alt="",
                        width=20,
                        height=20,
                        className="me-1",
                    ),
                    f"{ACTION_STATUSES[s]} ({SHAPE_WORDS[s]})",
                ],
                className="list-inline-item",
            )
            for s in statuses
        ],
        className="list-inline small",
        id="tv-signatur",
    )


def map_data_uri(area: AreaMap, rows, *, with_status: bool = True) -> str:
    """The map with the findings as an image's address: a Dash page cannot hold inline SVG,
    and the public page already has the area's map inline (its ids must stay unique)."""
    svg = str(area.with_overlay(findings_overlay(area, rows, with_status=with_status)))
    # An image inherits no font from the page: name one, and the namespace XML needs.
    svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1).replace(
        'font-family="inherit"', 'font-family="system-ui, sans-serif"', 1
    )
    return _data_uri(Markup(svg))


def map_image(area: AreaMap, rows, description: str) -> html.Img:
    """The map with the findings for a Dash page; ``description`` is its text alternative."""
    return html.Img(
        src=map_data_uri(area, rows), alt=description, className="area-map", id="tv-kort-billede"
    )


def _data_uri(svg: Markup) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(str(svg).encode()).decode()
