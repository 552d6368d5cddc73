"""The one builder for trend charts on /tryghed, from ``queries.trends.TrendData``.

Honesty rules drawn into the figure: each area is its own trace, so no line crosses an area
break (the enlarged 2021 area continues its series dashed, with hollow squares and a labelled
rule); figures whose note casts doubt on them get a ring and their note on hover; baselines
and targets are dotted lines per plan year; partnership periods are shaded bands. Meaning is
never in colour alone: marker shapes, dashes and labels carry it too. Hover texts are made
with the Danish formatters, and the figure uses Danish separators for its axes.

Built as a plain figure dict, like the /okonomi charts: plotly's validating figure objects
cost several times what the query does, on every first load of /tryghed.
"""

from __future__ import annotations

from dashboard.components.figure_layout import legend_below
from dashboard.components.format import PLOTLY_SEPARATORS, long_date
from dashboard.components.trend_text import indicator_value, short_value, source_label
from dashboard.queries.trends import TrendData

# Distinct in hue and lightness (Okabe–Ito), the partnership's own series first.
SERIES_COLOURS = ["#0b4f9c", "#b35c00", "#1b7f5a", "#6d3b8c", "#8a6d00", "#5f6b76"]
SERIES_SYMBOLS = ["circle", "diamond", "triangle-up", "square", "star", "cross"]
INK = "#1b2a3a"
UNIT_TITLES = {"pct": "Andel (%)", "antal": "Antal", "pr 1000 indb": "Pr. 1.000 indbyggere"}


def point_hover(row) -> str:
    """The hover text of one figure: area, period, value, source host and the note."""
    text = f"{row.area}<br>{row.period}: {indicator_value(row.value, row.unit)}"
    text += f"<br>Kilde: {source_label(row.source)}"
    if row.note:
        prefix = "⚠ Forbehold: " if row.doubt else "Note: "
        text += f"<br>{prefix}{row.note}"
    return text


def trend_figure(data: TrendData) -> dict:
    figure = {"data": [], "layout": {"shapes": [], "annotations": []}}
    points = data.points
    for index, (series, rows) in enumerate(points.groupby("series", sort=False)):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        symbol = SERIES_SYMBOLS[index % len(SERIES_SYMBOLS)]
        for segment, (area_code, stretch) in enumerate(rows.groupby("area_code", sort=False)):
            after_break = bool(stretch["after_break"].iloc[0])
            _add_scatter(
                figure,
                x=list(stretch["x"]),
                y=list(stretch["value"]),
                mode="lines+markers+text",
                name=stretch["area"].iloc[0] + (" (nyt område)" if after_break else ""),
                legendgroup=series,
                line={"color": colour, "width": 2.5, "dash": "dash" if after_break else "solid"},
                marker={
                    "color": colour,  # an open symbol draws its outline in this colour
                    "symbol": "square-open" if after_break else symbol,
                    "size": 10,
                    "line": {"color": colour, "width": 2},
                },
                text=[short_value(v, data.unit) for v in stretch["value"]],
                textposition="top center",
                textfont={"color": INK},
                hovertext=[point_hover(r) for r in stretch.itertuples()],
                hoverinfo="text",
                meta={"area_code": area_code, "segment": segment},
            )
    doubtful = points[points["doubt"]]
    if len(doubtful):
        _add_scatter(
            figure,
            x=list(doubtful["x"]),
            y=list(doubtful["value"]),
            mode="markers",
            name="Tal med forbehold (se note)",
            marker={"symbol": "circle-open", "size": 22, "color": INK, "line": {"width": 2}},
            hovertext=[point_hover(r) for r in doubtful.itertuples()],
            hoverinfo="text",
        )
    _add_plan_lines(figure, data)
    _add_periods(figure, data)
    _add_events(figure, data)
    _add_breaks(figure, data)
    # No title inside the figure: the page's heading above it names the indicator and wraps
    # on a phone, where a plotly title is cut. Year labels turn (plotly's automatic tick
    # angle) if they still would overlap.
    figure["layout"].update(
        separators=PLOTLY_SEPARATORS,
        # The ticks are the years; an axis title would sit where the legend starts (on a
        # phone it printed over the first legend entry), as on /okonomi.
        xaxis={
            "tickformat": "d",
            # A label every year fits a phone for up to nine years; longer series every
            # other (or every fourth) year.
            "dtick": 1 if _span(data) <= 8 else (2 if _span(data) <= 16 else 4),
            "automargin": True,
            "range": _x_range(data),
        },
        yaxis={
            "title": {"text": UNIT_TITLES.get(data.unit, data.unit)},
            "rangemode": "tozero",
            "ticksuffix": " %" if data.unit == "pct" else "",
        },
        **legend_below(len(figure["data"]), 420, {"l": 70, "r": 20, "t": 70, "b": 70}),
        hovermode="closest",
        plot_bgcolor="white",
    )
    return figure


def _add_scatter(figure: dict, **trace) -> None:
    figure["data"].append({"type": "scatter", **trace})


def _add_vline(figure: dict, x: float, line: dict) -> None:
    """A rule across the plot's height at ``x`` (what plotly's ``add_vline`` draws)."""
    figure["layout"]["shapes"].append(
        {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
         "line": line}
    )  # fmt: skip


def _add_annotation(figure: dict, **annotation) -> None:
    figure["layout"]["annotations"].append(annotation)


def _span(data: TrendData) -> float:
    if data.points.empty:
        return 0
    return float(data.points["x"].max() - data.points["x"].min())


def _x_range(data: TrendData) -> list[float] | None:
    """The figures' years with half a year to spare, so the first and last markers and their
    labels are whole; bands and lines outside are cut at the edge."""
    if data.points.empty:
        return None
    return [float(data.points["x"].min()) - 0.6, float(data.points["x"].max()) + 0.6]


def _add_plan_lines(figure: dict, data: TrendData) -> None:
    """Baselines and targets as dotted steps, one stretch per plan year that states them."""
    for row in data.baselines.itertuples():
        label = f"Udgangspunkt, Tryghedsplan {row.plan_year}: {short_value(row.value, data.unit)}"
        _add_scatter(
            figure,
            x=[row.from_x, row.to_x],
            y=[row.value, row.value],
            mode="lines",
            name=label,
            line={"color": INK, "dash": "dot", "width": 1.5},
            hovertext=f"{label} ({row.area}). {row.text}",
            hoverinfo="text",
        )
    for row in data.targets.itertuples():
        for bound, word in ((row.min_value, "mindst"), (row.max_value, "højst")):
            if bound is None or bound != bound:  # NaN: the plan sets no such bound
                continue
            label = f"Mål, Tryghedsplan {row.plan_year}: {word} {short_value(bound, data.unit)}"
            _add_scatter(
                figure,
                x=[row.from_x, row.to_x],
                y=[bound, bound],
                mode="lines",
                name=label,
                line={"color": "#1b7f5a", "dash": "dashdot", "width": 1.5},
                hovertext=f"{label}. {row.text}",
                hoverinfo="text",
            )


PERIOD_FILLS = ["#e8eef6", "#f4efe1"]  # alternate, so adjacent periods stay apart


def _add_periods(figure: dict, data: TrendData) -> None:
    """Each period as a band labelled in its middle, cut to the figures' years."""
    shown = _x_range(data) or [float("-inf"), float("inf")]
    for number, period in enumerate(data.periods):
        if period.end is None:
            if not shown[0] <= period.start <= shown[1]:
                continue
            _add_vline(figure, period.start, {"color": INK, "dash": "dot", "width": 1})
            middle, anchor = period.start, "left"
        else:
            start, end = max(period.start, shown[0]), min(period.end, shown[1])
            if start >= end:
                continue
            figure["layout"]["shapes"].append(
                {"type": "rect", "x0": start, "x1": end, "xref": "x", "y0": 0, "y1": 1,
                 "yref": "y domain", "fillcolor": PERIOD_FILLS[number % 2], "opacity": 0.7,
                 "line": {"width": 0}, "layer": "below"}
            )  # fmt: skip
            middle, anchor = (start + end) / 2, "center"
        # Short labels, every other one raised, so that neighbours do not run into each
        # other on a phone; the partnership's name is in the hover text.
        _add_annotation(
            figure,
            x=middle, y=1.0 + 0.06 * (number % 2), yref="paper", yanchor="bottom",
            xanchor=anchor, text=_period_label(period),
            hovertext=f"Partnerskabsperiode: {period.label}", showarrow=False,
            font={"size": 11, "color": INK},
        )  # fmt: skip


def _period_label(period) -> str:
    """ "Periode 2013–2016" for a band of whole years, the plan's label for a moment."""
    if period.end is None:
        return f"Partnerskabsperiode: {period.label}"
    return f"Periode {round(period.start + 0.5)}–{round(period.end - 0.5)}"


def _add_events(figure: dict, data: TrendData) -> None:
    """The working group's events as dotted lines, labelled (and dated on hover) low inside
    the plot, away from the figures' own labels, staggered so close events stay readable."""
    shown = _x_range(data) or [float("-inf"), float("inf")]
    visible = [e for e in data.events if shown[0] <= e.x <= shown[1]]
    for number, event in enumerate(visible):
        _add_vline(figure, event.x, {"color": INK, "dash": "dot", "width": 1.5})
        _add_annotation(
            figure,
            x=event.x, y=0.03 + 0.09 * (number % 4), yref="paper", yanchor="bottom",
            xanchor="left", text=event.label, hovertext=long_date(event.day),
            showarrow=False, font={"size": 11, "color": INK}, bgcolor="rgba(255,255,255,0.85)",
        )  # fmt: skip


def _add_breaks(figure: dict, data: TrendData) -> None:
    for number, area_break in enumerate(data.breaks):
        x = (area_break.before + area_break.after) / 2
        _add_vline(figure, x, {"color": INK, "dash": "dash", "width": 2})
        # Written away from the nearer edge of the plot, so a narrow screen does not cut it.
        middle = sum(_x_range(data) or [x, x]) / 2
        _add_annotation(
            figure,
            x=x, y=1.13 + 0.07 * number, yref="paper", yanchor="bottom", text=area_break.label,
            xanchor="right" if x > middle else "left", showarrow=False,
            font={"size": 12, "color": INK}, bgcolor="white", bordercolor=INK, borderwidth=1,
        )  # fmt: skip
