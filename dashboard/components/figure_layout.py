"""Layout shared by the dashboard's plotly figures."""

from __future__ import annotations

LEGEND_LINE = 24  # px; on a phone each legend entry takes a line of its own


def legend_below(entries: int, plot_height: int, margin: dict) -> dict:
    """Layout keys that put the legend under the plot (always, so even a single series is
    named) and make the figure tall enough for it, so it never spills over what follows."""
    room = LEGEND_LINE * entries
    return {
        "showlegend": True,
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        "height": plot_height + room,
        "margin": {**margin, "b": margin.get("b", 0) + room},
    }
