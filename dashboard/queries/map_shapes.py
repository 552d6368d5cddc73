"""The outlines the partnership's map is drawn from: the area and the districts around it, as
GeoJSON features (lon/lat), from the bundled copy of Københavns Kommune's map layers."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

MAP_FILE = "partnership_area_map.geojson"


@cache
def partnership_map_features() -> tuple[dict, ...]:
    """Every feature of the bundled map file; ``properties.role`` is "area" (the partnership's
    outline) or "district" (a bydel, for context). Read once: the file ships with the app."""
    text = resources.files("data_loaders").joinpath("data", MAP_FILE).read_text(encoding="utf-8")
    return tuple(json.loads(text)["features"])
