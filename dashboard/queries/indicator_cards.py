"""The indicator cards on /tryghed: per effect indicator the newest figure and the change
since the plan's baseline (or the first figure), counted only within comparable figures,
with the figures of the series for a small trend chart and the plan's target, if any.

Which series each card tells is chosen for every indicator at once, from one read of the
figures as plain rows (no frame filtered per card); the catalogue, baselines and targets are
read once each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from dashboard.model import Area, Indicator
from dashboard.model.indicators import EFFECTS
from dashboard.queries.areas import area_nearness, own_area_codes
from dashboard.queries.indicators import (
    MeasurementRow,
    baseline_rows,
    measurement_rows,
    target_rows,
)
from dashboard.queries.timeline import period_position

# The rank of an area around no partnership area: after every enclosing one.
FAR_AWAY = 99


@dataclass(frozen=True)
class CardFigure:
    """One figure of a card's series, placed on the year axis; ``comparable`` False for a
    figure of a changed area (after an area break)."""

    period: str
    x: float
    value: float
    comparable: bool


@dataclass(frozen=True)
class IndicatorCard:
    indicator: str
    name: str
    unit: str
    direction: str
    effect: str
    area: str | None  # the area of the newest figure
    latest_period: str | None
    latest_value: float | None
    start_label: str  # "udgangspunkt i Tryghedsplan 2017" or "første måling"
    start_period: str | None
    start_value: float | None
    end_period: str | None  # the last figure comparable with the start
    end_value: float | None
    after_break: bool  # the newest figure is for a changed area
    break_note: str
    targets: list[str]
    sources: list[str]
    series_area: str  # the area whose series the card tells: the cards are grouped by it
    figures: tuple[CardFigure, ...]  # the series, oldest first
    target_bounds: tuple[float, ...]  # the plan's "mindst"/"højst" values, for a target line

    @property
    def verdict(self) -> str | None:
        """better | worse | same: the change from start to end as the indicator's direction
        reads it; None without a change to read, or without a direction."""
        if self.start_value is None or self.end_value is None:
            return None
        if self.end_value == self.start_value:
            return "same"
        if self.direction not in ("lower_better", "higher_better"):
            return None
        fell = self.end_value < self.start_value
        return "better" if fell == (self.direction == "lower_better") else "worse"

    @property
    def only_first_figure(self) -> bool:
        """The first measurement is also the newest: there is nothing to compare it with."""
        return (
            self.start_label == "første måling"
            and self.end_value is None
            and not self.after_break
            and self.latest_period == self.start_period
        )


def indicator_cards(
    session: Session, partnership_id: int, only: Sequence[str] | None = None
) -> list[IndicatorCard]:
    """One card per effect indicator (øget tryghed, mindre kriminalitet) that has figures or a
    plan baseline: the newest figure of the partnership's own series (else of the nearest area
    that has figures), and the change since the plan's baseline or the first figure, counted
    only within comparable figures. An indicator with neither figures nor a baseline gets no
    card. Ordered by the area the card tells (the partnership's own areas first, then the
    enclosing ones outwards, then the rest), in catalogue order within an area. ``only``:
    just these indicators' cards."""
    i = Indicator
    statement = (
        select(i.code, i.name, i.unit, i.direction, i.effect)
        .where(Indicator.effect.in_(EFFECTS))
        .order_by(Indicator.position, Indicator.code)
    )
    if only is not None:
        statement = statement.where(Indicator.code.in_(list(only)))
    catalogue = session.execute(statement).all()
    codes = {info.code for info in catalogue}
    own = own_area_codes(session, partnership_id)
    nearness = area_nearness(session, partnership_id, own)
    figures = _card_series(measurement_rows(session, indicators=codes), own, nearness)
    stated = [b for b in baseline_rows(session, partnership_id) if b.indicator in codes]
    starts = _plan_starts(stated, figures)
    wanted: dict[str, list[Row]] = {}
    for target in target_rows(session, partnership_id):
        wanted.setdefault(target.indicator, []).append(target)
    cards = []
    for info in catalogue:
        told, start = figures.get(info.code, []), starts.get(info.code)
        if not told and start is None:
            continue
        cards.append(_card(info, told, start, wanted.get(info.code, [])))
    rank = _area_ranks(session, own, nearness)
    return sorted(cards, key=lambda c: rank.get(c.series_area, (2, FAR_AWAY, FAR_AWAY)))


def _area_ranks(session: Session, own: set[str], nearness: dict[str, int]) -> dict[str, tuple]:
    """Area name → where its cards go: the partnership's own areas first (the partnership
    area before the areas inside it), then the enclosing areas outwards, then the rest; in
    the catalogue's area order within each."""
    return {
        name: (0 if code in own else 1, nearness.get(name, FAR_AWAY), position)
        for name, code, position in session.execute(select(Area.name, Area.code, Area.position))
    }


def _card(
    info: Row, told: list[MeasurementRow], start: Row | None, wanted: list[Row]
) -> IndicatorCard:
    """The card of one indicator from the figures of its series (``told``, oldest first), the
    plan baseline it starts from, if any, and the plan's targets for it."""
    comparable = [f for f in told if not f.different_area]
    if start is not None:
        start_label = f"udgangspunkt i Tryghedsplan {start.plan_year}"
        start_period, start_value = start.period, float(start.value)
        end = comparable[-1] if comparable else None
    else:
        # Without a stated baseline the first comparable figure is the starting point, and
        # a change needs a second one.
        start_label = "første måling"
        first = comparable[0] if comparable else None
        start_period = first.period if first is not None else None
        start_value = float(first.value) if first is not None else None
        end = comparable[-1] if len(comparable) > 1 else None
    latest = told[-1] if told else None
    bounds = [b for t in wanted for b in (t.min_value, t.max_value) if b is not None]
    return IndicatorCard(
        indicator=info.code,
        name=info.name,
        unit=info.unit,
        direction=info.direction,
        effect=info.effect,
        area=latest.area if latest is not None else start.area,
        latest_period=latest.period if latest is not None else None,
        latest_value=float(latest.value) if latest is not None else None,
        start_label=start_label,
        start_period=start_period,
        start_value=start_value,
        end_period=end.period if end is not None else None,
        end_value=float(end.value) if end is not None else None,
        after_break=latest.different_area if latest is not None else False,
        break_note=latest.break_note if latest is not None else "",
        targets=[f"{t.text} (Tryghedsplan {t.plan_year})" for t in wanted],
        sources=list(dict.fromkeys(f.source for f in told)),
        series_area=told[0].series_area if told else start.area,
        figures=tuple(
            CardFigure(
                f.period,
                period_position(f.period_start, f.period_kind),
                float(f.value),
                not f.different_area,
            )
            for f in told
        ),
        target_bounds=tuple(dict.fromkeys(float(b) for b in bounds)),
    )


def _card_series(
    points: list[MeasurementRow], own: set[str], nearness: dict[str, int]
) -> dict[str, list[MeasurementRow]]:
    """Indicator → the figures (of ``points``, oldest first) of the series its card tells:
    the partnership's own series if the indicator has one (the own series with most
    figures), else the nearest enclosing area's, else the area with most figures; ties go to
    the series that comes first. One figure per period and area."""
    with_own = {p.indicator for p in points if p.area_code in own}
    candidates = [p for p in points if p.area_code in own or p.indicator not in with_own]
    # The figures per (indicator, series), in order of first appearance: the first best
    # key wins, so ties go to the series that comes first.
    counts: dict[tuple[str, str], int] = {}
    for p in candidates:
        counts[p.indicator, p.series_area] = counts.get((p.indicator, p.series_area), 0) + 1
    chosen: dict[str, str] = {}
    best: dict[str, tuple[int, int]] = {}
    for (code, area), n in counts.items():
        key = (0 if code in with_own else nearness.get(area, FAR_AWAY), -n)
        if code not in best or key < best[code]:
            chosen[code], best[code] = area, key
    series: dict[str, list[MeasurementRow]] = {}
    seen: set[tuple[str, str, str]] = set()
    for p in candidates:
        if p.series_area != chosen[p.indicator] or (p.indicator, p.period, p.area_code) in seen:
            continue
        seen.add((p.indicator, p.period, p.area_code))
        series.setdefault(p.indicator, []).append(p)
    return series


def _plan_starts(stated: list[Row], figures: dict[str, list[MeasurementRow]]) -> dict[str, Row]:
    """Indicator → the baseline of its earliest plan year for the area its series starts in
    (``figures``: each indicator's series, oldest first); for an indicator without figures,
    of any area. ``stated`` in ``baseline_rows`` order."""
    starts: dict[str, Row] = {}
    for baseline in sorted(stated, key=lambda b: b.plan_year):
        told = figures.get(baseline.indicator)
        if told is None or baseline.area == told[0].series_area:
            starts.setdefault(baseline.indicator, baseline)
    return starts
