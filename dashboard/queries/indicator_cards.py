"""The indicator cards on /tryghed: per effect indicator the newest figure and the change
since the plan's baseline (or the first figure), counted only within comparable figures.

Which series each card tells is chosen for every indicator at once, with one grouped count
over all figures (no filter per card); the few figures chosen are then read once, as plain
records, to fill the cards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.model.indicators import EFFECTS
from dashboard.queries.areas import area_nearness, own_area_codes
from dashboard.queries.indicators import baselines, indicator_catalogue, measurements, targets

# The rank of an area around no partnership area: after every enclosing one.
FAR_AWAY = 99
# What a card reads of a figure and of a plan's baseline.
FIGURE = (
    "indicator",
    "series_area",
    "area",
    "period",
    "value",
    "different_area",
    "break_note",
    "source",
)
BASELINE = ("indicator", "area", "plan_year", "period", "value")


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


def indicator_cards(
    session: Session, partnership_id: int, only: Sequence[str] | None = None
) -> list[IndicatorCard]:
    """One card per effect indicator (øget tryghed, mindre kriminalitet) that has figures or a
    plan baseline, in catalogue order: the newest figure of the partnership's own series (else
    of the nearest area that has figures), and the change since the plan's baseline or the
    first figure, counted only within comparable figures. An indicator with neither figures
    nor a baseline gets no card. ``only``: just these indicators' cards."""
    catalogue = indicator_catalogue(session)
    catalogue = catalogue[catalogue["effect"].isin(EFFECTS)]
    if only is not None:
        catalogue = catalogue[catalogue["code"].isin(list(only))]
    codes = list(catalogue["code"])
    series = _card_series(
        measurements(session, indicators=codes),
        own_area_codes(session, partnership_id),
        area_nearness(session, partnership_id),
    )
    figures: dict[str, list[dict]] = {}
    for figure in _records(series, FIGURE):
        figures.setdefault(figure["indicator"], []).append(figure)
    stated = baselines(session, partnership_id)
    starts = _plan_starts(_records(stated[stated["indicator"].isin(codes)], BASELINE), figures)
    wanted: dict[str, list[str]] = {}
    plan_targets = targets(session, partnership_id)
    for code, text, year in zip(
        plan_targets["indicator"], plan_targets["text"], plan_targets["plan_year"], strict=True
    ):
        wanted.setdefault(code, []).append(f"{text} (Tryghedsplan {year})")
    cards = []
    for info in catalogue.itertuples():
        told, start = figures.get(info.code, []), starts.get(info.code)
        if not told and start is None:
            continue
        cards.append(_card(info, told, start, wanted.get(info.code, [])))
    return cards


def _card(info, told: list[dict], start: dict | None, wanted: list[str]) -> IndicatorCard:
    """The card of one indicator from the figures of its series (``told``, oldest first) and
    the plan baseline it starts from, if any."""
    comparable = [f for f in told if not f["different_area"]]
    if start is not None:
        start_label = f"udgangspunkt i Tryghedsplan {start['plan_year']}"
        start_period, start_value = start["period"], float(start["value"])
        end = comparable[-1] if comparable else None
    else:
        # Without a stated baseline the first comparable figure is the starting point, and
        # a change needs a second one.
        start_label = "første måling"
        first = comparable[0] if comparable else None
        start_period = first["period"] if first is not None else None
        start_value = float(first["value"]) if first is not None else None
        end = comparable[-1] if len(comparable) > 1 else None
    latest = told[-1] if told else None
    return IndicatorCard(
        indicator=info.code,
        name=info.name,
        unit=info.unit,
        direction=info.direction,
        effect=info.effect,
        area=latest["area"] if latest is not None else start["area"],
        latest_period=latest["period"] if latest is not None else None,
        latest_value=float(latest["value"]) if latest is not None else None,
        start_label=start_label,
        start_period=start_period,
        start_value=start_value,
        end_period=end["period"] if end is not None else None,
        end_value=float(end["value"]) if end is not None else None,
        after_break=bool(latest["different_area"]) if latest is not None else False,
        break_note=latest["break_note"] if latest is not None else "",
        targets=wanted,
        sources=list(dict.fromkeys(f["source"] for f in told)),
    )


def _card_series(points: pd.DataFrame, own: set[str], nearness: dict[str, int]) -> pd.DataFrame:
    """Of ``points`` (``measurements`` rows of several indicators), the series each card
    tells, in the order given: the partnership's own series if the indicator has one (the
    own series with most figures), else the nearest enclosing area's, else the area with
    most figures; ties go to the series that comes first. One figure per period and area."""
    if points.empty:
        return points
    own_row = points["area_code"].isin(own)
    with_own = set(points["indicator"][own_row])
    candidates = points[own_row | ~points["indicator"].isin(with_own)]
    # The figures per (indicator, series), in order of first appearance: the first best
    # key wins, so ties go to the series that comes first.
    counts = candidates.groupby(["indicator", "series_area"], sort=False).size()
    chosen: dict[str, str] = {}
    best: dict[str, tuple[int, int]] = {}
    for (code, area), figures in counts.items():
        key = (0 if code in with_own else nearness.get(area, FAR_AWAY), -figures)
        if code not in best or key < best[code]:
            chosen[code], best[code] = area, key
    series = candidates[candidates["series_area"] == candidates["indicator"].map(chosen)]
    return series.drop_duplicates(["indicator", "period", "area_code"]).reset_index(drop=True)


def _plan_starts(stated: list[dict], figures: dict[str, list[dict]]) -> dict[str, dict]:
    """Indicator → the baseline of its earliest plan year for the area its series starts in
    (``figures``: each indicator's series, oldest first); for an indicator without figures,
    of any area. ``stated`` in ``baselines`` order."""
    starts: dict[str, dict] = {}
    for baseline in sorted(stated, key=lambda b: b["plan_year"]):
        told = figures.get(baseline["indicator"])
        if told is None or baseline["area"] == told[0]["series_area"]:
            starts.setdefault(baseline["indicator"], baseline)
    return starts


def _records(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[dict]:
    """The rows of ``frame`` as dicts of these columns, in order."""
    return [
        dict(zip(columns, values, strict=True))
        for values in zip(*(frame[c] for c in columns), strict=True)
    ]
