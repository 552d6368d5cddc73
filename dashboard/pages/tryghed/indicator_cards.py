"""The effect indicators' cards at the top of /tryghed, grouped by area: drawn once with the
layout, no callbacks."""

from __future__ import annotations

from dash import html

from dashboard.components.indicator_card_view import card_groups, cards_notes
from dashboard.queries.indicator_cards import IndicatorCard


def cards_section(cards: list[IndicatorCard]) -> list:
    """The heading, the notes that hold for every card and the cards per area, as the
    layout's children."""
    return [
        html.H2("Effektindikatorer", className="h4 mt-4"),
        html.Div(
            [html.P(note, className="small mb-1") for note in cards_notes(cards)],
            id="tryghed-kort-noter",
        ),
        html.Div(card_groups(cards), id="tryghed-kort"),
    ]
