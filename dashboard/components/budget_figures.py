"""The /okonomi charts, from ``queries.budget``: funding per focus area and year with the
unallocated rest, and one focus area's activities over the years. Plain figure dicts, with
Danish separators and the legend below (``figure_layout``), like the other charts."""

from __future__ import annotations

from dashboard.components.figure_layout import legend_below
from dashboard.components.format import PLOTLY_SEPARATORS

UNALLOCATED = "Endnu ikke fordelt"


def funding_figure(by_area, totals) -> dict:
    """Stacked bars per year: one segment per focus area, and the unallocated rest hatched.

    Built as a plain figure dict: plotly's validating objects cost more than the query."""
    years = [t.year for t in totals]
    data = []
    for label, rows in by_area.groupby("focus_area_label", sort=False):
        amounts = dict(zip(rows["year"], rows["known"], strict=True))
        bars = [int(amounts.get(year, 0)) for year in years]
        if any(bars):  # a legend entry for an area with no known money would name no bar
            data.append(_bar(label, years, bars))
    rest = _bar(UNALLOCATED, years, [max(t.unallocated or 0, 0) for t in totals])
    rest["marker"] = {
        "color": "white",
        "line": {"color": "#444", "width": 1},
        "pattern": {"shape": "/", "fgcolor": "#444"},
    }
    data.append(rest)
    return {
        "data": data,
        "layout": _danish_layout("Finansiering pr. indsatsområde og år", len(data)),
    }


def activities_figure(lines, area_label: str) -> dict:
    """One area's activities over the years; undecided cells are left out, not drawn as 0."""
    rows = lines[(lines["focus_area_label"] == area_label) & lines["amount"].notna()]
    data = [
        _bar(activity, list(cells["year"]), [int(a) for a in cells["amount"]])
        for activity, cells in rows.groupby("activity", sort=False)
    ]
    return {"data": data, "layout": _danish_layout(f"Aktiviteter i {area_label}", len(data))}


def _bar(name: str, years: list[int], amounts: list[int]) -> dict:
    return {
        "type": "bar",
        "name": name,
        "x": [str(year) for year in years],
        "y": amounts,
        "hovertemplate": "%{x}: %{y:,.0f} kr.<extra>" + name + "</extra>",
    }


def _danish_layout(title: str, entries: int) -> dict:
    return {
        "barmode": "stack",
        "separators": PLOTLY_SEPARATORS,
        "yaxis": {"title": {"text": "kr."}, "tickformat": ",.0f", "automargin": True},
        # The ticks are the years; an axis title would sit where the legend starts.
        "xaxis": {"type": "category", "automargin": True},
        "title": {"text": title},
        **legend_below(entries, 420, {"l": 80, "r": 10, "t": 40, "b": 70}),
    }
