"""The /okonomi charts, from ``queries.budget``: funding per focus area and year with the
unallocated rest, and one focus area's activities over the years. Plain figure dicts, with
Danish separators and the legend below (``figure_layout``), like the other charts.

What the funding chart draws is decided on its numbers (``funding_bars``), not on the
figure dict, so the rule holds whatever draws the bars."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.components.figure_layout import legend_below
from dashboard.components.format import PLOTLY_SEPARATORS, money

UNALLOCATED = "Endnu ikke fordelt"
# A segment under this share of the tallest bar is under a pixel or two high on a 420 px
# plot: its legend entry would name a bar no reader can find.
THIN_SHARE = 0.005


@dataclass(frozen=True)
class FundingBars:
    """The funding chart's numbers: one amount per year for each drawn area and for the
    unallocated rest, and the areas left out because every segment is too thin to see."""

    years: list[int]
    areas: dict[str, list[int]]
    rest: list[int]
    too_thin: dict[str, list[int]]


def funding_bars(by_area, totals) -> FundingBars:
    """Per focus area its known money per year (an area with none is left out: its legend
    entry would name no bar), the unallocated rest, and apart the areas whose every segment
    is under ``THIN_SHARE`` of the tallest bar (the table still has them)."""
    years = [t.year for t in totals]
    amounts: dict[str, list[int]] = {}
    for label, rows in by_area.groupby("focus_area_label", sort=False):
        known = dict(zip(rows["year"], rows["known"], strict=True))
        bars = [int(known.get(year, 0)) for year in years]
        if any(bars):
            amounts[label] = bars
    rest = [max(t.unallocated or 0, 0) for t in totals]
    heights = [sum(column) for column in zip(rest, *amounts.values(), strict=True)]
    least = THIN_SHARE * max(heights, default=0)
    thin = {label: bars for label, bars in amounts.items() if max(bars) < least}
    drawn = {label: bars for label, bars in amounts.items() if label not in thin}
    return FundingBars(years, drawn, rest, thin)


def too_thin_sentence(bars: FundingBars) -> str:
    """The sentence under the chart for the areas left out of it ("" when none is):
    ``Heraf 2.000 kr. uden indsatsområde (2017): for lidt til at ses i diagrammet, men med i
    tabellen.``"""
    parts = []
    for label, amounts in bars.too_thin.items():
        years = [str(year) for year, amount in zip(bars.years, amounts, strict=True) if amount]
        parts.append(f"{money(sum(amounts))} {_area_phrase(label)} ({_and(years)})")
    if not parts:
        return ""
    return f"Heraf {_and(parts)}: for lidt til at ses i diagrammet, men med i tabellen."


def _area_phrase(label: str) -> str:
    # "Uden indsatsområde" reads as a phrase of its own; a named area takes "til".
    if label.lower().startswith("uden "):
        return label[0].lower() + label[1:]
    return f"til {label}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} og {items[-1]}"


def funding_figure(bars: FundingBars) -> dict:
    """Stacked bars per year: one segment per drawn focus area, and the unallocated rest
    hatched.

    Built as a plain figure dict: plotly's validating objects cost more than the query."""
    years = bars.years
    data = [_bar(label, years, amounts) for label, amounts in bars.areas.items()]
    rest = _bar(UNALLOCATED, years, bars.rest)
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
