"""The indicator cards on /tryghed: per effect indicator the newest figure and the change
since the plan's baseline (or the first figure), counted only within comparable figures.

Computed for every indicator at once with grouped pandas operations: which series a card
tells, its first, last and newest figure and its baseline are each one groupby over all
indicators, not a filter per card.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.model.indicators import EFFECTS
from dashboard.queries.areas import area_nearness, own_area_codes
from dashboard.queries.indicators import baselines, indicator_catalogue, measurements, targets

# The rank of an area around no partnership area: after every enclosing one.
FAR_AWAY = 99


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


def indicator_cards(session: Session) -> list[IndicatorCard]:
    """One card per effect indicator (øget tryghed, mindre kriminalitet) that has figures or a
    plan baseline, in catalogue order: the newest figure of the partnership's own series (else
    of the nearest area that has figures), and the change since the plan's baseline or the
    first figure, counted only within comparable figures. An indicator with neither figures
    nor a baseline gets no card."""
    catalogue = indicator_catalogue(session)
    catalogue = catalogue[catalogue["effect"].isin(EFFECTS)]
    codes = list(catalogue["code"])
    series = card_series(
        measurements(session, indicators=codes), own_area_codes(session), area_nearness(session)
    )
    stated = baselines(session)
    stated = stated[stated["indicator"].isin(codes)]
    roots = series.groupby("indicator", sort=False)["series_area"].first()
    starts = _plan_starts(stated, roots)
    comparable = series[~series["different_area"]].groupby("indicator", sort=False)
    first, last = _rows(comparable.head(1)), _rows(comparable.tail(1))
    comparable_count = comparable.size().to_dict()
    by_indicator = series.groupby("indicator", sort=False)
    latest = _rows(by_indicator.tail(1))
    sources = {code: list(dict.fromkeys(s)) for code, s in by_indicator["source"]}
    with_baseline = set(stated["indicator"])
    wanted: dict[str, list[str]] = {}
    plan_targets = targets(session)
    for code, text, year in zip(
        plan_targets["indicator"], plan_targets["text"], plan_targets["plan_year"], strict=True
    ):
        wanted.setdefault(code, []).append(f"{text} (Tryghedsplan {year})")
    cards = []
    for info in catalogue.itertuples():
        code = info.code
        if code not in latest and code not in with_baseline:
            continue
        start = starts.get(code)
        if start is not None:
            start_label = f"udgangspunkt i Tryghedsplan {start['plan_year']}"
            start_period, start_value = start["period"], float(start["value"])
            end = last.get(code)
        else:
            # Without a stated baseline the first comparable figure is the starting point, and
            # a change needs a second one.
            start_label = "første måling"
            figure = first.get(code)
            start_period = figure["period"] if figure is not None else None
            start_value = float(figure["value"]) if figure is not None else None
            end = last.get(code) if comparable_count.get(code, 0) > 1 else None
        newest = latest.get(code)
        cards.append(
            IndicatorCard(
                indicator=code,
                name=info.name,
                unit=info.unit,
                direction=info.direction,
                effect=info.effect,
                area=newest["area"] if newest is not None else (start or {}).get("area"),
                latest_period=newest["period"] if newest is not None else None,
                latest_value=float(newest["value"]) if newest is not None else None,
                start_label=start_label,
                start_period=start_period,
                start_value=start_value,
                end_period=end["period"] if end is not None else None,
                end_value=float(end["value"]) if end is not None else None,
                after_break=bool(newest["different_area"]) if newest is not None else False,
                break_note=newest["break_note"] if newest is not None else "",
                targets=wanted.get(code, []),
                sources=sources.get(code, []),
            )
        )
    return cards


def card_series(points: pd.DataFrame, own: set[str], nearness: dict[str, int]) -> pd.DataFrame:
    """Of ``points`` (``measurements`` rows of several indicators), the series each card
    tells, in the order given: the partnership's own series if the indicator has one (the
    own series with most figures), else the nearest enclosing area's, else the area with
    most figures; ties go to the series that comes first. One figure per period and area."""
    if points.empty:
        return points
    points = points.assign(own=points["area_code"].isin(own), order=range(len(points)))
    has_own = points.groupby("indicator", sort=False)["own"].transform("any")
    candidates = points[points["own"] | ~has_own]
    ranked = candidates.groupby(["indicator", "series_area"], sort=False).agg(
        own=("own", "any"), count=("order", "size"), first=("order", "min")
    )
    ranked = ranked.reset_index()
    ranked["rank"] = [
        0 if own_series else nearness.get(area, FAR_AWAY)
        for own_series, area in zip(ranked["own"], ranked["series_area"], strict=True)
    ]
    ranked["count"] = -ranked["count"]
    chosen = ranked.sort_values(["indicator", "rank", "count", "first"]).drop_duplicates(
        "indicator"
    )
    chosen = pd.MultiIndex.from_frame(chosen[["indicator", "series_area"]])
    told = pd.MultiIndex.from_frame(candidates[["indicator", "series_area"]]).isin(chosen)
    series = candidates[told].drop_duplicates(subset=["indicator", "period", "area_code"])
    return series.drop(columns=["own", "order"]).reset_index(drop=True)


def _plan_starts(stated: pd.DataFrame, roots: pd.Series) -> dict[str, dict]:
    """Indicator → the baseline of its earliest plan year for the area its series starts in;
    for an indicator without figures, of any area."""
    root = stated["indicator"].map(roots)
    usable = stated[root.isna() | (stated["area"] == root)]
    usable = usable.sort_values("plan_year", kind="stable")
    return _rows(usable.groupby("indicator", sort=False).head(1))


def _rows(frame: pd.DataFrame) -> dict[str, dict]:
    """Indicator → its one row in ``frame``, as a dict of column → value."""
    return {row["indicator"]: row for row in frame.to_dict("records")}
