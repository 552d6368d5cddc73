"""The server-drawn charts as drawings, without a page: what a reader (or a printer) gets
from svg_bars and svg_trend, and that any text makes a valid SVG."""

from __future__ import annotations

import pandas as pd

from dashboard.components import svg_bars, svg_trend
from dashboard.components.deliverable_views import STATUS_COLOURS, status_chart
from dashboard.components.format import number
from dashboard.components.svg_image import FONT, NARROW, WIDE, text_width
from dashboard.queries.deliverables import STATUS_LABELS, StatusMatrix
from dashboard.queries.trends import POINT_COLUMNS, TrendData
from tests.svg_helpers import SVG, drawn, series, texts

LONG_PARTY = "Beskæftigelses- og Integrationsforvaltningen"


def _rects(root):
    return [r for r in root.iter(SVG + "rect") if r.get("data-series") is not None]


def _luminance(colour: str) -> float:
    # WCAG 2.1's relative luminance, written out here rather than taken from the module.
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _full(colour: str) -> str:
    return "#ffffff" if colour == "#fff" else colour


def test_status_bars_name_their_statuses_in_words():
    matrix = StatusMatrix(rows=[], by_party={"SSP": [0, 3, 0, 2, 0], "Politiet": [1, 0, 1, 0, 4]})
    draw, alt = status_chart(matrix)
    svg, _ = draw(WIDE)
    words = texts(drawn(svg))
    assert "3 i gang, 2 afsluttet" in words
    assert "1 ikke startet, 1 forsinket, 4 opgivet" in words
    assert "SSP: 3 i gang, 2 afsluttet." in alt


def test_status_fills_alternate_dark_and_light_and_their_values_are_readable():
    fills = [STATUS_COLOURS[code] for code in STATUS_LABELS]
    lightness = [_luminance(f) for f in fills]
    # Light (ink text) and dark (white text) in turn, by the WCAG AA split for ink and white.
    dark = [_contrast(f, "#ffffff") >= 4.5 for f in fills]
    assert all(a != b for a, b in zip(dark, dark[1:], strict=False)), lightness
    # No two statuses share a grey: at least 0.08 of luminance apart.
    ordered = sorted(lightness)
    assert min(b - a for a, b in zip(ordered, ordered[1:], strict=False)) >= 0.08, ordered
    # Every value written inside a segment: ≥ 4.5:1 on its fill (13 px text).
    matrix = StatusMatrix(rows=[], by_party={"SSP": [20, 20, 20, 20, 20]})
    svg, _ = status_chart(matrix)[0](WIDE)
    root = drawn(svg)
    on = [t for t in root.iter(SVG + "text") if t.text == "20"]
    assert len(on) == len(fills), "the values were not written inside the segments"
    for rect in _rects(root):
        x0, x1 = float(rect.get("x")), float(rect.get("x")) + float(rect.get("width"))
        (label,) = [t for t in on if x0 < float(t.get("x")) < x1]
        assert _contrast(rect.get("fill"), _full(label.get("fill"))) >= 4.5, rect.get("fill")


def test_every_fill_gets_value_text_of_aa_contrast():
    for fill in svg_bars.FILLS:
        rows = [svg_bars.BarRow("År", {"a": 100.0})]
        svg, _ = svg_bars.stacked_rows([svg_bars.Series("a", fill)], rows, number, WIDE)
        (value,) = [t for t in drawn(svg).iter(SVG + "text") if t.text == "100"]
        assert _contrast(fill, _full(value.get("fill"))) >= 4.5, fill


def test_a_long_label_wraps_clear_of_the_total_on_a_phone():
    rows = [svg_bars.BarRow(LONG_PARTY, {"a": 5.0, "b": 7.0}, total="12 i alt")]
    series_ = [svg_bars.Series("a", "#0b4f9c"), svg_bars.Series("b", "#f2b766")]
    svg, _ = svg_bars.stacked_rows(series_, rows, number, NARROW)
    root = drawn(svg)
    (label,) = [t for t in root.iter(SVG + "text") if t.get("font-weight") == "bold"]
    lines = [span.text for span in label]
    assert len(lines) > 1
    assert " ".join(lines) == LONG_PARTY
    room = NARROW - 2 - text_width("12 i alt") - 8
    assert all(text_width(line) <= room for line in lines), lines
    last_baseline = max(float(span.get("y")) for span in label)
    assert all(float(r.get("y")) > last_baseline for r in _rects(root))


def test_tiny_segments_keep_their_minimum_width_without_running_past_the_frame():
    rows = [
        svg_bars.BarRow("2021", {"a": 1000.0, "b": 1.0, "c": 1.0}),
        svg_bars.BarRow("2022", {"a": 1002.0}),
    ]
    series_ = [svg_bars.Series(n, f) for n, f in zip("abc", svg_bars.FILLS, strict=False)]
    for width in (NARROW, WIDE):
        svg, _ = svg_bars.stacked_rows(series_, rows, number, width)
        rects = _rects(drawn(svg))
        ends = [float(r.get("x")) + float(r.get("width")) for r in rects]
        assert max(ends) <= width - 1 + 0.01, (width, ends)
        widths = {(r.get("data-row"), r.get("data-series")): float(r.get("width")) for r in rects}
        assert widths["2021", "b"] >= 2 and widths["2021", "c"] >= 2
        # Still one scale: the larger amount is the longer bar.
        assert widths["2022", "a"] > widths["2021", "a"]


def test_control_characters_in_labels_leave_a_valid_svg():
    # A wrapped text turns a vertical tab into a space (textwrap); elsewhere it is dropped.
    rows = [svg_bars.BarRow("Ny\x01by", {"hav\x01n": 3.0}, note="to\x1f ord", total="3 i\x0c")]
    svg, _ = svg_bars.stacked_rows([svg_bars.Series("hav\x01n", "#0b4f9c")], rows, number, WIDE)
    root = drawn(svg)
    assert {"Nyby", "3 i", "to ord", "havn"} <= set(texts(root)), texts(root)
    assert {r.get("data-row") for r in _rects(root)} == {"Nyby"}
    draw, _ = svg_trend.trend_chart(_trend({"Område\x0b1": [(2020, 10.0), (2021, 12.0)]}))
    assert [s["name"] for s in series(drawn(draw(WIDE)[0]))] == ["Område1"]


def test_six_series_have_six_different_markers():
    symbols = svg_trend.SERIES_SYMBOLS
    assert len(symbols) >= len(svg_trend.SERIES_COLOURS)
    shapes = {svg_trend._marker(s, "#000000", 50, 50) for s in symbols}
    assert len(shapes) == len(symbols)


def _year_labels(svg: str) -> dict[int, float]:
    return {
        int(t.text): float(t.get("x"))
        for t in drawn(svg).iter(SVG + "text")
        if t.text and t.text.isdigit() and len(t.text) == 4
    }


def test_the_last_year_is_labelled_clear_of_its_neighbour():
    data = _trend({"Byen": [(year, 50.5) for year in range(2010, 2022)]})
    draw, _ = svg_trend.trend_chart(data)
    for width in (NARROW, WIDE):
        years = _year_labels(draw(width)[0])
        assert 2010 in years and 2021 in years, (width, sorted(years))
        xs = sorted(years.values())
        gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
        # A year label is four digits, about 30 px at the font's size: 40 px keeps them apart.
        assert min(gaps) >= 40 - 0.01 > text_width("2021", FONT), (width, sorted(years))


def _trend(by_area: dict[str, list[tuple[int, float]]]) -> TrendData:
    rows = [
        {
            "indicator": "tryg",
            "series": area,
            "area": area,
            "area_code": area,
            "own_area": i == 0,
            "after_break": False,
            "break_note": "",
            "period": str(year),
            "x": float(year),
            "value": value,
            "unit": "pct",
            "source": "test",
            "note": "",
            "doubt": False,
        }  # fmt: skip
        for i, (area, points) in enumerate(by_area.items())
        for year, value in points
    ]
    return TrendData(
        indicator="tryg", name="Tryghed", unit="pct", direction="up", definition="",
        points=pd.DataFrame(rows, columns=POINT_COLUMNS), baselines=pd.DataFrame(),
        targets=pd.DataFrame(), periods=[], breaks=[], method_note="",
    )  # fmt: skip
