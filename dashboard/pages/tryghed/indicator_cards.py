"""The effect indicators' cards at the top of /tryghed: drawn once with the layout, no
callbacks."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.tryghed_views import indicator_card
from dashboard.queries.indicator_cards import IndicatorCard


def cards_section(cards: list[IndicatorCard]) -> list:
    """The heading and one card per effect indicator, as the layout's children."""
    return [
        html.H2("Effektindikatorer", className="h4 mt-4"),
        dbc.Row(
            [dbc.Col(indicator_card(c), md=6, lg=4, className="mb-3") for c in cards],
            id="tryghed-kort",
        ),
    ]
