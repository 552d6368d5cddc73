"""The /tryghed indicator cards over the bundled figures, as the page draws them: grouped by
area, the first figure never compared with itself, the target only where the plan sets one
(said once for the rest), and a small SVG trend chart with its text alternative."""

from __future__ import annotations

from urllib.parse import unquote

from sqlalchemy import select

from dashboard.components.indicator_card_view import (
    FIRST_ONLY,
    NO_TARGETS,
    SOME_TARGETS,
    card_groups,
    cards_notes,
    indicator_card,
)
from dashboard.db import session_scope
from dashboard.model import Indicator, Target
from dashboard.queries.indicator_cards import indicator_cards
from tests.partnerships import AMAGER_NAME, amager_id

TARGET_RULE = 'stroke-dasharray="6 3 1.5 3"'


def _text(component) -> str:
    """Every text a Dash component tree shows, joined by spaces."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(_text(c) for c in component)
    return _text(getattr(component, "children", None))


def _find(component, kind: str) -> list:
    """Every component of this type name in the tree, in order."""
    if isinstance(component, list | tuple):
        return [found for c in component for found in _find(c, kind)]
    if component is None or isinstance(component, str | int | float):
        return []
    own = [component] if type(component).__name__ == kind else []
    return own + _find(getattr(component, "children", None), kind)


def _cards(url: str) -> list:
    with session_scope(url) as session:
        return indicator_cards(session, amager_id(session))


def test_cards_are_grouped_by_area_the_partnerships_own_first(loaded_db):
    cards = _cards(loaded_db)
    groups = card_groups(cards)
    headings = [_text(_find(g, "H3")) for g in groups]
    assert headings == [
        "Partnerskabsområdet (Urbanplanen og Hørgården)",
        "Urbanplanen",
        "Remisevængerne (Urbanplanen)",
        "Amager Vest",
        "København",
    ]
    # Each card sits under the area of its series, and in one group only.
    for heading, group in zip(headings, groups, strict=True):
        ids = [a.id for a in _find(group, "Article")]
        assert ids and ids == [f"kort-{c.indicator}" for c in cards if c.series_area == heading]
    assert sum(len(_find(g, "Article")) for g in groups) == len(cards)
    # Within its group a card names another area only when its newest figure is for one.
    evening = _text(indicator_card(next(c for c in cards if c.indicator == "utrygge_aften_nat")))
    assert "27 % (2021, Partnerskabsområdet, udvidet 2021)" in evening
    trust = _text(indicator_card(next(c for c in cards if c.indicator == "politi_trygge")))
    assert "Seneste tal: 68,4 % (2014)" in trust


def test_a_first_and_only_figure_is_not_compared_with_itself(loaded_db):
    cards = {c.indicator: c for c in _cards(loaded_db)}
    only = cards["trygge_i_nabolaget"]  # Amager Vest, 91 % in 2024 and nothing before
    assert only.only_first_figure
    text = _text(indicator_card(only))
    assert "Seneste tal: 91 % (2024)" in text and FIRST_ONLY in text
    assert text.count("91 %") == 1 and "Sammenlignet" not in text
    # A change is told once, from its start: no separate line repeats the start.
    evening = _text(indicator_card(cards["utrygge_aften_nat"]))
    assert "↓ faldet fra 34 % i 2014 til 29 % i 2020" in evening
    assert evening.count("34 %") == 1 and FIRST_ONLY not in evening
    # A plan baseline without later figures is said as such.
    stated = _text(indicator_card(cards["utrygge_grupper_af_unge"]))
    assert "Udgangspunkt i Tryghedsplan 2017: 43 % (2016)" in stated


def test_without_targets_the_cards_say_none_and_the_section_says_it_once(loaded_db):
    cards = _cards(loaded_db)
    texts = [_text(indicator_card(c)) for c in cards]
    assert not any("Mål:" in t or "intet mål" in t for t in texts)
    notes = cards_notes(cards)
    assert notes.count(NO_TARGETS) == 1 and not any("planens mål" in n for n in notes)
    assert not any(TARGET_RULE in unquote(_find(indicator_card(c), "Img")[0].src)
                   for c in cards if c.figures)  # fmt: skip


def test_a_target_the_plan_sets_shows_on_its_card_only_with_a_target_line(loaded_db):
    with session_scope(loaded_db) as session:
        evening = session.scalar(select(Indicator.id).where(Indicator.code == "utrygge_aften_nat"))
        session.add(
            Target(
                indicator_id=evening,
                partnership_name=AMAGER_NAME,
                plan_year=2017,
                max_value=25,
                text="højst 25 % utrygge om aftenen",
                source="test",
            )
        )
    cards = {c.indicator: c for c in _cards(loaded_db)}
    card = cards["utrygge_aften_nat"]
    assert card.target_bounds == (25.0,)
    drawn = indicator_card(card)
    assert "Mål: højst 25 % utrygge om aftenen (Tryghedsplan 2017)" in _text(drawn)
    chart = _find(drawn, "Img")[0]
    assert TARGET_RULE in unquote(chart.src)
    assert chart.alt.endswith("Linjen med streg og prik er planens mål: 25 %.")
    # The other cards: no target words, no target line.
    other = cards["utrygge_i_nabolaget"]
    assert "Mål:" not in _text(indicator_card(other))
    assert TARGET_RULE not in unquote(_find(indicator_card(other), "Img")[0].src)
    notes = cards_notes(list(cards.values()))
    assert SOME_TARGETS in notes and NO_TARGETS not in notes
    assert any("planens mål" in n for n in notes)


def test_each_card_with_figures_has_a_small_svg_chart_with_its_figures_in_words(loaded_db):
    cards = {c.indicator: c for c in _cards(loaded_db)}
    chart = _find(indicator_card(cards["utrygge_aften_nat"]), "Img")
    assert len(chart) == 1
    assert chart[0].alt == (
        "Lille graf over 3 målinger: 34 % i 2014, seneste 27 % i 2021 "
        "(ændret område, ikke sammenligneligt)."
    )
    svg = unquote(chart[0].src.split(",", 1)[1])
    assert svg.startswith("<svg") and "plotly" not in svg
    # One line for the two comparable figures; the enlarged area's figure stands apart as a
    # hollow square, not joined across the break.
    assert svg.count("<polyline") == 1 and svg.count("<circle") == 2
    assert svg.count("<rect") == 1 and 'fill="#fff"' in svg
    assert ">34 %<" in svg and ">27 %<" in svg
    single = _find(indicator_card(cards["borgervendt_krim_anmeldelser"]), "Img")[0]
    assert single.alt == "Lille graf med én måling: 1.899 i 2023."
    # A card with only the plan's baseline has no figures to draw.
    assert _find(indicator_card(cards["utrygge_grupper_af_unge"]), "Img") == []
