"""The map of a partnership's area: the municipality's GeoJSON outlines projected to an
inline SVG on the server. No tile server and no JavaScript, so it works with no internet
connection.

The shapes come from ``dashboard.queries.map_shapes`` (the bundled copies of Københavns
Kommune's layers of udsatte byområder and bydele). The partnership's own outlines
(``Partnership.map_outline``) are hatched with a blue edge, the city's other udsatte byområder
grey, the districts around them outlined; a partnership without an outline gets the whole city
and a sentence saying its area is not drawn. At this scale (a few km) a flat projection with
the longitude shrunk by cos(latitude) is accurate to well under a pixel.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from markupsafe import Markup, escape

from dashboard.components.format import number
from dashboard.geometry import Ring, inside_rings, rings_lonlat
from dashboard.queries.map_shapes import partnership_map_features

WIDTH = 400  # viewBox width; the height follows the shape of what is shown
PADDING_M = 650  # metres of surroundings shown around the area
CITY_PADDING_M = 1000  # around all udsatte byområder, when no own area is drawn
MIN_LABEL_SAMPLES = 12
SCALE_BARS_M = (250, 500, 1000, 2000, 5000)
METRES_PER_DEGREE_LAT = 110_574
METRES_PER_DEGREE_LON_EQUATOR = 111_320
NOT_DRAWN = "Partnerskabets eget område er ikke tegnet ind på kortet."


@dataclass(frozen=True)
class MapShape:
    name: str
    role: str  # "area" (the partnership's own), "other" (udsat byområde) or "district"
    rings: list[Ring]  # projected, in viewBox units
    properties: dict


@dataclass(frozen=True)
class AreaMap:
    svg: Markup
    description: str
    area_name: str  # the partnership's outline(s) by name; "" when none is drawn
    district: str | None  # the district the (first) outline lies in
    drawn: bool  # False: the city map without the partnership's area
    # (lon, lat) → viewBox (x, y): where a point of the area is drawn (walk_map's markers).
    project: Callable[[float, float], tuple[float, float]] = field(compare=False)

    def with_overlay(self, overlay: Markup) -> Markup:
        """The map with ``overlay`` (SVG elements in viewBox units) drawn on top."""
        return Markup(str(self.svg).removesuffix("</svg>") + str(overlay) + "</svg>")


@cache
def area_map(map_outline: str = "") -> AreaMap:
    """The map and its text description for a partnership whose outline is ``map_outline``
    (``Partnership.map_outline``); made once per outline, as the shapes never change while
    the app runs."""
    features = partnership_map_features(map_outline)
    own = [f for f in features if f["properties"]["role"] == "area"]
    # Without an own outline: the city's udsatte byområder, not the districts (Indre By reaches
    # far out to sea, to the forts of Middelgrunden).
    framed = own or [f for f in features if f["properties"]["role"] == "other"]
    padding = PADDING_M if own else CITY_PADDING_M
    lon0, lat0, lon1, lat1 = _bbox([r for f in framed for r in rings_lonlat(f["geometry"])])
    cos_lat = math.cos(math.radians((lat0 + lat1) / 2))

    def metres(lon: float, lat: float) -> tuple[float, float]:
        return (
            (lon - lon0) * METRES_PER_DEGREE_LON_EQUATOR * cos_lat,
            (lat1 - lat) * METRES_PER_DEGREE_LAT,
        )

    area_w, area_h = metres(lon1, lat0)
    view_w, view_h = area_w + 2 * padding, area_h + 2 * padding
    scale = WIDTH / view_w
    height = round(view_h * scale)

    def project(lon: float, lat: float) -> tuple[float, float]:
        x, y = metres(lon, lat)
        return ((x + padding) * scale, (y + padding) * scale)

    shapes = []
    for f in features:
        rings = [
            _simplify([project(lon, lat) for lon, lat in ring], tolerance=0.6)
            for ring in rings_lonlat(f["geometry"])
        ]
        # Rings off the frame only cost bytes (a district reaches far beyond the view).
        rings = [r for r in rings if _ring_touches(r, WIDTH, height)]
        if rings:
            props = f["properties"]
            shapes.append(MapShape(props["name"], props["role"], rings, props))
    targets = [s for s in shapes if s.role == "area"]
    others = [s for s in shapes if s.role == "other"]
    districts = [s for s in shapes if s.role == "district"]
    home = None
    if targets:
        centre = _label_point(targets[0], [], WIDTH, height)
        home = next((d for d in districts if _inside_shape(centre, d)), None)
    metres_bar = max(m for m in SCALE_BARS_M if m <= max(view_w * 0.3, SCALE_BARS_M[0]))
    svg = _svg(targets, others, districts, WIDTH, height, scale, metres_bar)
    if targets:
        description = _description(targets, home, districts, others, area_w, area_h)
    else:
        description = _city_description(others)
    description += (
        f" Bydelsgrænser er stiplede; målestokken nederst til venstre er {_distance(metres_bar)}."
    )
    return AreaMap(
        svg,
        description,
        _names([t.name for t in targets]),
        home.name if home else None,
        bool(targets),
        project,
    )


def _svg(targets, others, districts, width: int, height: int, scale: float, bar_m: int):
    title = f"Kort over {_names([t.name for t in targets])}" if targets else "Kort over København"
    out = [
        f'<svg class="area-map" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="kort-titel" aria-describedby="kort-beskrivelse" '
        f'font-family="inherit" font-size="{14 if targets else 11}">',
        f'<title id="kort-titel">{escape(title)}</title>',
        '<defs><pattern id="kort-skravering" width="7" height="7" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">'
        '<rect width="7" height="7" fill="#c9dcf2"/><rect width="2.5" height="7" '
        'fill="#0b4f9c"/></pattern></defs>',
        f'<rect width="{width}" height="{height}" fill="#e6ecf1"/>',
    ]
    for district in districts:
        out.append(
            f'<path d="{_path(district.rings)}" fill="#fbfaf6" stroke="#5f6b76" '
            'stroke-width="1.5" stroke-dasharray="6 3" fill-rule="evenodd"/>'
        )
    for other in others:
        out.append(
            f'<path d="{_path(other.rings)}" fill="#d3d8dd" stroke="#8a949d" '
            'stroke-width="1" fill-rule="evenodd"/>'
        )
    for target in targets:
        out.append(
            f'<path d="{_path(target.rings)}" fill="url(#kort-skravering)" stroke="#0b4f9c" '
            'stroke-width="3" fill-rule="evenodd"/>'
        )
    prefix = "Bydel " if targets else ""
    for district in districts:
        if len(_label_samples(district, targets, width, height)) < MIN_LABEL_SAMPLES:
            continue  # only a sliver is visible: the outline is enough
        x, y = _label_point(district, targets, width, height)
        out.append(_label(x, y, prefix + district.name, "#3d4750", italic=True))
    for target in targets:
        x, y = _label_point(target, [], width, height)
        out.append(_label(x, y, target.name, "#10253f", bold=True))
    out.append(_scale_bar(scale, height, bar_m))
    out.append(
        f'<g transform="translate({width - 26},30)"><path d="M0,-18 L8,4 L0,-2 L-8,4 Z" '
        'fill="#1b2a3a"/><text y="20" text-anchor="middle" fill="#1b2a3a" '
        'font-weight="bold">N</text></g>'
    )
    out.append("</svg>")
    return Markup("".join(out))


def _label(x: float, y: float, text: str, colour: str, bold=False, italic=False) -> str:
    # A white outline under the letters keeps them readable on the hatching (paint-order).
    style = (' font-weight="bold"' if bold else "") + (' font-style="italic"' if italic else "")
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" fill="{colour}" stroke="#fff" '
        f'stroke-width="4" paint-order="stroke" stroke-linejoin="round"{style}>'
        f"{escape(text)}</text>"
    )


def _scale_bar(scale: float, height: int, metres: int) -> str:
    length = metres * scale
    x, y = 14, height - 16
    return (
        f'<g fill="#1b2a3a"><rect x="{x}" y="{y}" width="{length:.1f}" height="5"/>'
        f'<text x="{x}" y="{y - 6}" stroke="#fff" stroke-width="4" paint-order="stroke">'
        f"{_short_distance(metres)}</text></g>"
    )


def _short_distance(metres: int) -> str:
    return f"{number(metres / 1000)} km" if metres >= 1000 else f"{number(metres)} m"


def _distance(metres: int) -> str:
    return f"{number(metres / 1000)} km" if metres >= 1000 else f"{number(metres)} meter"


def _names(names: list[str]) -> str:
    """ "A", "A og B", "A, B og C" (each name once)."""
    names = list(dict.fromkeys(names))
    return " og ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _description(targets, home, districts, others, area_w: float, area_h: float) -> str:
    names = list(dict.fromkeys(t.name for t in targets))
    size_km2 = sum(t.properties.get("areal_m2", 0) for t in targets) / 1_000_000
    many = len(names) > 1
    text = (
        f"Kortet viser {'områderne' if many else 'området'} {_names(names)} (skraveret, med "
        "blå kant), som Københavns Kommune regner blandt byens udsatte byområder. "
        f"{'De dækker tilsammen' if many else 'Det dækker'} {number(size_km2, 2)} km² og "
        f"strækker sig ca. {number(area_h / 1000, 1)} km fra nord til syd og "
        f"{number(area_w / 1000, 1)} km fra øst til vest"
    )
    if home is not None:
        text += f" i bydelen {home.name}"
    rest = [d.name for d in districts if d is not home]
    if rest:
        text += f". Kortet viser også en del af {_names(rest)}"
    text += "."
    if others:
        text += (
            f" Byens andre udsatte byområder på kortet er grå: {_names([o.name for o in others])}."
        )
    return text


def _city_description(others) -> str:
    return (
        f"{NOT_DRAWN} Kortet viser hele København med byens udsatte byområder i gråt "
        f"({_names([o.name for o in others])})."
    )


# --- geometry helpers --------------------------------------------------------------------


def _bbox(rings: list[Ring]) -> tuple[float, float, float, float]:
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _ring_touches(ring: Ring, width: float, height: float) -> bool:
    x0, y0, x1, y1 = _bbox([ring])
    return x1 >= 0 and y1 >= 0 and x0 <= width and y0 <= height


def _path(rings: list[Ring]) -> str:
    return " ".join(
        "M" + " ".join(f"{x:.1f},{y:.1f}" for x, y in ring) + "Z" for ring in rings if ring
    )


def _simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas–Peucker: drop points closer than ``tolerance`` viewBox units to the line."""
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = ring[first], ring[last]
        length = math.hypot(bx - ax, by - ay)
        best, index = 0.0, None
        for i in range(first + 1, last):
            px, py = ring[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [pt for pt, kept in zip(ring, keep, strict=True) if kept]


def _inside_shape(point: tuple[float, float], shape: MapShape) -> bool:
    return inside_rings(point, shape.rings)


def _label_point(shape: MapShape, avoid: list[MapShape], width: int, height: int):
    """A point well inside ``shape``'s visible part and clear of ``avoid`` (with room for a
    label): the sample point nearest the centre of all sample points that qualify."""
    samples = _label_samples(shape, avoid, width, height)
    if not samples:
        xs, ys, xe, ye = _bbox(shape.rings)
        return ((max(xs, 0) + min(xe, width)) / 2, (max(ys, 0) + min(ye, height)) / 2)
    cx = sum(x for x, _ in samples) / len(samples)
    cy = sum(y for _, y in samples) / len(samples)
    return min(samples, key=lambda p: (p[0] - cx) ** 2 + (p[1] - cy) ** 2)


def _label_samples(shape: MapShape, avoid: list[MapShape], width: int, height: int, step=12):
    """Grid points inside ``shape`` and at least a label's half-width away from ``avoid``."""
    boxes = [_bbox(a.rings) for a in avoid]
    return [
        (x, y)
        for x in range(step * 6, width - step * 6 + 1, step)
        for y in range(step * 3, height - step * 2 + 1, step)
        if _inside_shape((x, y), shape)
        and not any(x0 - 80 < x < x1 + 80 and y0 - 20 < y < y1 + 20 for x0, y0, x1, y1 in boxes)
    ]
