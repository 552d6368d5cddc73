"""The indicator cards of /tryghed in Danish: one card per indicator in one area, grouped
under the area whose series they tell, each with its small trend chart.

A card compares only what can be compared: the first figure is never set against itself,
and the target line appears only where the plan sets a target (the section says once that
the others have none). Status is never colour alone: arrows, ✓/✗ and words say it.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.sparkline import sparkline
from dashboard.components.trend_text import indicator_value, source_label
from dashboard.queries.indicator_cards import IndicatorCard

DIRECTION_WORDS = {
    "lower_better": "Lavere er bedre for denne indikator.",
    "higher_better": "Højere er bedre for denne indikator.",
    "neutral": "Indikatoren har ingen ønsket retning.",
}
FIRST_ONLY = "Første måling – der er endnu intet at sammenligne med."
NO_TARGETS = "Planen sætter intet mål for disse indikatorer."
SOME_TARGETS = "Planen sætter kun mål, hvor kortet nævner et."
LEGEND = (
    "Den lille graf: fuld linje og prikker er tal, der kan sammenlignes; stiplet linje og hule "
    "firkanter er tal for et ændret område."
)
TARGET_LEGEND = " En linje med streg og prik er planens mål."


def change_words(card: IndicatorCard) -> tuple[str, str]:
    """ "↓ faldet fra 34 % i 2014 til 29 % i 2020" and whether that is the wanted direction
    ("✓ den ønskede retning"); empty strings when there is nothing to compare."""
    if card.start_value is None or card.end_value is None:
        return "", ""
    start = indicator_value(card.start_value, card.unit)
    end = indicator_value(card.end_value, card.unit)
    since = f" i {card.start_period}" if card.start_period else ""
    if card.end_value == card.start_value:
        return f"→ uændret: {end}{since} og i {card.end_period}", ""
    fell = card.end_value < card.start_value
    arrow, verb = ("↓", "faldet") if fell else ("↑", "steget")
    words = f"{arrow} {verb} fra {start}{since} til {end} i {card.end_period}"
    if card.verdict is None:
        return words, ""
    return words, (
        "✓ den ønskede retning" if card.verdict == "better" else "✗ modsat den ønskede retning"
    )


def _latest_words(card: IndicatorCard) -> str:
    """The newest figure, naming its area only where it is not the group's."""
    where = card.area if card.area != card.series_area else ""
    if card.latest_value is None:
        return f"Ikke målt siden planens udgangspunkt{f' ({where})' if where else ''}."
    where = f", {where}" if where else ""
    return (
        f"Seneste tal: {indicator_value(card.latest_value, card.unit)} "
        f"({card.latest_period}{where})"
    )


def _start_words(card: IndicatorCard) -> str:
    """What the card starts from, when no change is told (a change names its start)."""
    if card.only_first_figure:
        return FIRST_ONLY
    if card.start_value is None:
        return ""
    period = f" ({card.start_period})" if card.start_period else ""
    label = card.start_label[0].upper() + card.start_label[1:]
    return f"{label}: {indicator_value(card.start_value, card.unit)}{period}"


def indicator_card(card: IndicatorCard) -> html.Article:
    change, verdict = change_words(card)
    body = [
        html.H4(card.name, className="h6 card-title"),
        html.P(_latest_words(card), className="fs-5 mb-1 indikator-seneste"),
        sparkline(card),
    ]
    if change:
        body.append(html.P([change, html.Br() if verdict else None, verdict], className="mb-1"))
    elif start := _start_words(card):
        body.append(html.P(start, className="mb-1 small indikator-start"))
    if card.after_break:
        body.append(html.P(f"⚠ {card.break_note}", className="mb-1 small"))
    body.append(html.P(DIRECTION_WORDS.get(card.direction, ""), className="mb-1 small"))
    if card.targets:
        body.append(html.P("Mål: " + "; ".join(card.targets), className="mb-1 small indikator-mal"))
    if card.sources:
        body.append(
            html.P(
                # several articles on one site are one source to the reader
                "Kilde: " + ", ".join(dict.fromkeys(source_label(s) for s in card.sources)),
                className="mb-0 small text-muted",
            )
        )
    return html.Article(
        dbc.Card(dbc.CardBody([b for b in body if b is not None]), className="h-100"),
        id=f"kort-{card.indicator}",
        className="h-100",
    )


def card_groups(cards: list[IndicatorCard]) -> list[html.Section]:
    """One section per area, in the cards' order, headed by the area's name."""
    groups: dict[str, list[IndicatorCard]] = {}
    for card in cards:
        groups.setdefault(card.series_area, []).append(card)
    return [
        html.Section(
            [
                html.H3(area, className="h5 mt-3"),
                dbc.Row(
                    [dbc.Col(indicator_card(c), md=6, lg=4, className="mb-3") for c in members]
                ),
            ],
            className="indikator-gruppe",
        )
        for area, members in groups.items()
    ]


def cards_notes(cards: list[IndicatorCard]) -> list[str]:
    """What holds for every card, said once above them: the grouping, the targets, the chart."""
    with_target = any(c.target_bounds for c in cards)
    return [
        "Hvert kort er én indikator i ét område; kortene står under det område, tallene "
        "gælder, partnerskabets eget område først.",
        SOME_TARGETS if any(c.targets for c in cards) else NO_TARGETS,
        LEGEND + (TARGET_LEGEND if with_target else ""),
    ]
