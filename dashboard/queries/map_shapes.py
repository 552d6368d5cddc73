"""The outlines a partnership's map is drawn from, as GeoJSON features (lon/lat): the city's
udsatte byområder and its districts (bydele), from the bundled copies of Københavns Kommune's
map layers (``data_loaders/data/udsatte_byomraader.geojson`` and ``bydele.geojson``, read by
``dashboard.geometry``).

Which of the udsatte byområder are a partnership's own is ``Partnership.map_outline``: feature
names (property ``delomraade``) with "|" between two. A name can cover more than one feature
(the layer has "Ved Jagtvej" in two pieces).
"""

from __future__ import annotations

from functools import cache

from dashboard.geometry import AREAS_FILE, DISTRICTS_FILE, layer, outline_names


def _feature(feature: dict, role: str, name: str) -> dict:
    return {
        "type": "Feature",
        "geometry": feature["geometry"],
        "properties": {**feature["properties"], "role": role, "name": name},
    }


@cache
def partnership_map_features(map_outline: str = "") -> tuple[dict, ...]:
    """Every feature of the city's map for a partnership whose outline is ``map_outline``;
    ``properties.role`` is "area" (named in ``map_outline``: the partnership's own), "other"
    (another of the city's udsatte byområder) or "district" (a bydel, for context), and
    ``properties.name`` what the map calls it. A name the layer does not have is ignored
    (``unknown_outline_names`` tells which)."""
    own = set(outline_names(map_outline))
    areas = [
        _feature(f, "area" if f["properties"]["delomraade"] in own else "other", name)
        for f in layer(AREAS_FILE)
        for name in [f["properties"]["delomraade"]]
    ]
    districts = [_feature(f, "district", f["properties"]["navn"]) for f in layer(DISTRICTS_FILE)]
    return tuple(areas + districts)


def unknown_outline_names(map_outline: str | None) -> list[str]:
    """The names in ``map_outline`` that are not on the city's map (a typo in the registry)."""
    known = {f["properties"]["delomraade"] for f in layer(AREAS_FILE)}
    return [name for name in outline_names(map_outline) if name not in known]
