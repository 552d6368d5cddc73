"""Reading the server-drawn charts (components/svg_image.py) as a test sees them: the SVG
inside an image's data URI, parsed, and what it draws (segments, series, words)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import unquote

SVG = "{http://www.w3.org/2000/svg}"
PREFIX = "data:image/svg+xml;charset=utf-8,"


def parse(uri: str) -> ET.Element:
    assert uri.startswith(PREFIX), uri[:60]
    root = ET.fromstring(unquote(uri.removeprefix(PREFIX)))
    assert root.tag == SVG + "svg"
    return root


def drawn(svg: str) -> ET.Element:
    """An SVG as the builders return it (markup, not a URI)."""
    return ET.fromstring(svg)


def page_charts(page, selector: str) -> dict[str, ET.Element]:
    """The phone and the desktop drawing of the ``<picture>`` at ``selector``."""
    return {
        "narrow": parse(page.get_attribute(f"{selector} source", "srcset")),
        "wide": parse(page.get_attribute(f"{selector} img", "src")),
    }


@dataclass(frozen=True)
class Segment:
    series: str
    row: str
    value: float
    width: float


def segments(root: ET.Element) -> list[Segment]:
    return [
        Segment(r.get("data-series"), r.get("data-row"), float(r.get("data-value")),
                float(r.get("width")))
        for r in root.iter(SVG + "rect")
        if r.get("data-series") is not None
    ]  # fmt: skip


def texts(root: ET.Element) -> list[str]:
    """Every label as read (a wrapped label's lines joined by a space)."""
    return [
        " ".join(t.strip() for t in el.itertext() if t.strip()).replace("\u00a0", " ")
        for el in root.iter(SVG + "text")
    ]


def series(root: ET.Element) -> list[dict]:
    """The trend chart's stretches: name, and the x and y of their markers."""
    result = []
    for group in root.iter(SVG + "g"):
        if group.get("class") != "series":
            continue
        marks = [m for m in group if m.get("data-x") is not None]
        result.append(
            {
                "name": group.get("data-name"),
                "x": [float(m.get("data-x")) for m in marks],
                "y": [float(m.get("data-y")) for m in marks],
            }
        )
    return result
