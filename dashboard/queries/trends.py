"""One trend chart on /tryghed: does safety rise and crime fall, honestly told.

Built on ``dashboard.queries.indicators`` (catalogue, measurements with area breaks, baselines,
targets). ``trend_data`` is the one query per chart: the figure, its table and its download
are all made from the frame it returns, so they cannot disagree.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.frames import row_tuples
from dashboard.model import Indicator, Measurement
from dashboard.queries.areas import own_area_codes
from dashboard.queries.indicators import baselines, indicator_catalogue, measurements, targets
from dashboard.queries.partnership import (
    ChartPeriod,
    partnership_periods,
    plan_spans,
    valid_until,
)
from dashboard.queries.timeline import TimelineEntry, period_position, timeline

# Words in a source's note that say the figure itself is in doubt (the reference file writes
# its notes in English, the working group in Danish). Such points are marked in the chart.
DOUBT_WORDS = (
    "inconsistent",
    "verify",
    "uncertain",
    "may differ",
    "usikker",
    "tvivl",
    "afviger",
    "kontrolleres",
)
CHART_KINDS = ("effect", "result", "context")

POINT_COLUMNS = [
    "indicator",
    "series",
    "area",
    "area_code",
    "own_area",
    "after_break",
    "break_note",
    "period",
    "x",
    "value",
    "unit",
    "source",
    "note",
    "doubt",
]


def has_doubt(note: str) -> bool:
    """True when a figure's note says the figure may be wrong (København 2013's crime rate)."""
    lowered = (note or "").casefold()
    return any(word in lowered for word in DOUBT_WORDS)


@dataclass(frozen=True)
class AreaBreak:
    """Between ``before`` and ``after`` on the x axis the area changed: no line crosses it."""

    before: float
    after: float
    year: int | None
    label: str
    note: str


@dataclass(frozen=True)
class TrendData:
    indicator: str
    name: str
    unit: str
    direction: str
    definition: str
    points: pd.DataFrame  # POINT_COLUMNS, one row per figure, by series then period
    baselines: pd.DataFrame  # plan baselines for the areas shown, with their x span
    targets: pd.DataFrame  # plan targets for this indicator, with their x span
    periods: list[ChartPeriod]
    breaks: list[AreaBreak]
    method_note: str
    sources: list[str] = field(default_factory=list)
    events: list[TimelineEntry] = field(default_factory=list)

    @cached_property
    def point_rows(self) -> list[tuple]:
        """``points`` as named tuples (``row_tuples``), in their order: read once for the
        chart, which is drawn at two widths, and for its words and table."""
        return list(row_tuples(self.points))

    @cached_property
    def series(self) -> dict[str, list[tuple]]:
        """``point_rows`` by series, in the order the series are drawn."""
        by_series: dict[str, list[tuple]] = {}
        for row in self.point_rows:
            by_series.setdefault(row.series, []).append(row)
        return by_series

    @property
    def newest_period(self) -> str | None:
        if self.points.empty:
            return None
        return str(self.points.sort_values("x")["period"].iloc[-1])


def trend_data(
    session: Session, partnership_id: int, indicator: str, compare: Sequence[str] = ()
) -> TrendData:
    """Everything one trend chart shows for ``indicator``: the partnership's own series plus
    the comparison areas in ``compare`` (area codes), the plans' baselines and targets, the
    partnership periods, the area breaks, the method note and the sources. An unknown
    indicator raises ``KeyError``."""
    catalogue = indicator_catalogue(session).set_index("code")
    info = catalogue.loc[indicator]
    own = own_area_codes(session, partnership_id)
    frame = measurements(session, indicators=[indicator])
    frame = frame[frame["area_code"].isin(own | set(compare))]
    points = pd.DataFrame(
        {
            "indicator": frame["indicator"],
            "series": frame["series_area"],
            "area": frame["area"],
            "area_code": frame["area_code"],
            "own_area": frame["area_code"].isin(own),
            "after_break": frame["different_area"],
            "break_note": frame["break_note"],
            "period": frame["period"],
            "x": [
                period_position(s, k)
                for s, k in zip(frame["period_start"], frame["period_kind"], strict=True)
            ],
            "value": frame["value"].astype(float),
            "unit": frame["unit"],
            "source": frame["source"],
            "note": frame["note"],
            "doubt": [has_doubt(n) for n in frame["note"]],
        },
        columns=POINT_COLUMNS,
    )
    points = points.sort_values(["own_area", "series", "x"], ascending=[False, True, True])
    points = points.reset_index(drop=True)
    shown_areas = set(points["area"])
    span = (points["x"].min(), points["x"].max()) if len(points) else (None, None)
    spans = plan_spans(session, partnership_id)
    return TrendData(
        indicator=indicator,
        name=info["name"],
        unit=info["unit"],
        direction=info["direction"],
        definition=info["definition"],
        points=points,
        baselines=_baselines_for(session, partnership_id, indicator, shown_areas, span, spans),
        targets=_targets_for(session, partnership_id, indicator, spans),
        periods=partnership_periods(session, partnership_id, spans),
        breaks=_breaks(points),
        method_note=method_note(catalogue, indicator, session),
        sources=list(dict.fromkeys(points["source"])),
        events=timeline(session, partnership_id),
    )


def _baselines_for(
    session, partnership_id: int, indicator: str, areas: set[str], span, spans
) -> pd.DataFrame:
    frame = baselines(session, partnership_id)
    frame = frame[(frame["indicator"] == indicator) & frame["area"].isin(areas)].copy()
    years = sorted(set(frame["plan_year"]))
    frame["from_x"] = [
        float(p[:4]) if isinstance(p, str) and p[:4].isdigit() else float(y)
        for p, y in zip(frame["period"], frame["plan_year"], strict=True)
    ]
    frame["to_x"] = [
        valid_until(y, years, spans.get((n, y), (None, span[1]))[1])
        for n, y in zip(frame["partnership_name"], frame["plan_year"], strict=True)
    ]
    return frame.reset_index(drop=True)


def _targets_for(session, partnership_id: int, indicator: str, spans) -> pd.DataFrame:
    frame = targets(session, partnership_id)
    frame = frame[frame["indicator"] == indicator].copy()
    years = sorted(set(frame["plan_year"]))
    frame["from_x"] = frame["plan_year"].astype(float) - 0.5
    frame["to_x"] = [
        valid_until(y, years, spans.get((n, y), (None, y))[1])
        for n, y in zip(frame["partnership_name"], frame["plan_year"], strict=True)
    ]
    return frame.reset_index(drop=True)


def _breaks(points: pd.DataFrame) -> list[AreaBreak]:
    """Where a series moves to another area (the enlarged partnership area), series by
    series in the order they are drawn."""
    by_series: dict[str, list[tuple]] = {}
    for series, *figure in zip(
        points["series"], points["x"], points["area_code"], points["break_note"], strict=True
    ):
        by_series.setdefault(series, []).append(tuple(figure))
    result = []
    for figures in by_series.values():
        figures.sort(key=lambda figure: figure[0])
        for (before, area_before, _), (after, area, note) in itertools.pairwise(figures):
            if area != area_before:
                year = int(after)
                verb = "udvidet" if "udvid" in note.casefold() else "ændret"
                result.append(
                    AreaBreak(
                        before=before,
                        after=after,
                        year=year,
                        label=f"Området {verb} i {year} – ikke sammenligneligt",
                        note=note,
                    )
                )
    return result


def method_note(catalogue: pd.DataFrame, indicator: str, session: Session) -> str:
    """When the survey asks the other way round (share *trygge* instead of *utrygge*), the
    two are separate indicators; say so, and from when the other one has figures. Empty for
    an indicator without such a twin in ``catalogue`` (indexed by code)."""
    if "utrygge" in indicator:
        other = indicator.replace("utrygge", "trygge")
    elif "trygge" in indicator:
        other = indicator.replace("trygge", "utrygge")
    else:
        return ""
    if other not in catalogue.index:
        return ""
    # The earliest period as text, as the periods are written ("2014/15" before "2015").
    periods = session.scalars(
        select(Measurement.period)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(Indicator.code == other)
        .distinct()
    ).all()
    since = f" (tal fra {min(periods)})" if periods else ""
    return (
        f"Målemetoden: undersøgelsen opgør også andelen, der svarer det modsatte – se "
        f"»{catalogue.loc[other, 'name']}«{since}. Andelen trygge er ikke 100 minus andelen "
        "utrygge (nogle svarer hverken-eller), så de to vises som hver sin indikator og "
        "kædes ikke sammen."
    )


def chart_indicators(session: Session) -> list[dict]:
    """Indicators that can be drawn (effect, result, context) and have figures, as dropdown
    options (``label``: name, ``value``: code) in catalogue order."""
    catalogue = indicator_catalogue(session)
    with_figures = set(
        session.scalars(
            select(Indicator.code)
            .join(Measurement, Measurement.indicator_id == Indicator.id)
            .distinct()
        )
    )
    chosen = catalogue[catalogue["kind"].isin(CHART_KINDS) & catalogue["code"].isin(with_figures)]
    return [{"label": r.name, "value": r.code} for r in row_tuples(chosen)]
