"""The bundled outlines of Københavns Kommune's map layers and the plane geometry on them,
shared by the map (``components.area_map``, through ``queries.map_shapes``) and by the
services that must know whether a point lies in a partnership's area (a safety walk's
finding), so that the map and the check cannot disagree about where the area is.

A partnership's outline is ``Partnership.map_outline``: feature names (property
``delomraade`` of the layer of udsatte byområder) with "|" between two. A name can cover more
than one feature (the layer has "Ved Jagtvej" in two pieces)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

AREAS_FILE = "udsatte_byomraader.geojson"
DISTRICTS_FILE = "bydele.geojson"
OUTLINE_SEPARATOR = "|"

Ring = list[tuple[float, float]]


def outline_names(map_outline: str | None) -> tuple[str, ...]:
    """The feature names a ``Partnership.map_outline`` string names, in its order."""
    names = (part.strip() for part in (map_outline or "").split(OUTLINE_SEPARATOR))
    return tuple(dict.fromkeys(name for name in names if name))


@cache
def layer(name: str) -> tuple[dict, ...]:
    """A bundled map file's features. Read once: the files ship with the app."""
    text = resources.files("data_loaders").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(json.loads(text)["features"])


def rings_lonlat(geometry: dict) -> list[Ring]:
    """Every ring (outer edges and holes) of a GeoJSON Polygon or MultiPolygon."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [[(pt[0], pt[1]) for pt in ring] for polygon in polygons for ring in polygon]


def inside_ring(point: tuple[float, float], ring: Ring) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[-1:] + ring[:-1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def inside_rings(point: tuple[float, float], rings: list[Ring]) -> bool:
    """Even-odd over all rings: a hole flips "inside" back off."""
    return sum(inside_ring(point, ring) for ring in rings) % 2 == 1


@cache
def outline_rings(map_outline: str = "") -> tuple[tuple[Ring, ...], ...]:
    """The lon/lat rings of each feature the outline names (one tuple of rings per feature)."""
    own = set(outline_names(map_outline))
    return tuple(
        tuple(rings_lonlat(f["geometry"]))
        for f in layer(AREAS_FILE)
        if f["properties"]["delomraade"] in own
    )


def in_outline(map_outline: str | None, lon: float, lat: float) -> bool:
    """Whether the point (longitude, latitude) lies in one of the outline's features; False
    for an outline that names nothing on the map."""
    return any(inside_rings((lon, lat), list(rings)) for rings in outline_rings(map_outline or ""))
