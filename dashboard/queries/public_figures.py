"""Public safety and crime figures: the front page's key trends and the open data's figures.
Safe to publish: counts of persons below 5 become ``UNDER_5`` (``public.suppressed``), what
the working group writes beside a figure it registers stays internal, and which file brought
a figure is left out."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Indicator, Partnership
from dashboard.model.measurement_edits import REGISTERED_SOURCE
from dashboard.queries.indicators import MeasurementRow, measurement_rows
from dashboard.queries.public import UNDER_5, suppressed
from dashboard.queries.public_partnership import area_partnerships, own_area_code

# The 2–4 trends the front page leads with: (indicator code, area code of the series start;
# OWN_AREA is the partnership's own area). Its own special measurements first, then crime in
# the municipality.
OWN_AREA = ""
KEY_TRENDS = [
    ("utrygge_aften_nat", OWN_AREA),
    ("utrygge_i_nabolaget", OWN_AREA),
    ("borgervendt_krim_pr1000", "kobenhavn"),
]


@dataclass(frozen=True)
class TrendPoint:
    period: str
    value: float | None  # None when suppressed (a count of persons below 5)
    comparable: bool  # False after an area break (a different area)
    area: str
    source: str
    note: str


@dataclass(frozen=True)
class Trend:
    indicator: str
    name: str
    unit: str
    direction: str
    area: str
    source_name: str
    points: list[TrendPoint]
    break_note: str
    sources: list[str] = field(default_factory=list)

    @property
    def period(self) -> str:
        return f"{self.points[0].period}–{self.points[-1].period}"


def key_trends(session: Session, partnership_id: int) -> list[Trend]:
    """The partnership's key trends; a trend with fewer than two comparable figures is left
    out rather than shown as a 'trend' of one point, and one of the partnership's own area
    when its area is not named."""
    own = own_area_code(session, partnership_id)
    codes = [code for code, _ in KEY_TRENDS]
    catalogue = {
        row.code: row
        for row in session.execute(
            select(Indicator.code, Indicator.name, Indicator.unit, Indicator.direction,
                   Indicator.source, Indicator.counts_people).where(Indicator.code.in_(codes))
        )
    }  # fmt: skip
    by_indicator: dict[str, list[MeasurementRow]] = {}
    for row in measurement_rows(session, indicators=codes):
        by_indicator.setdefault(row.indicator, []).append(row)
    trends = []
    for code, wanted in KEY_TRENDS:
        area_code = own if wanted == OWN_AREA else wanted
        rows = by_indicator.get(code, [])
        start = next((row for row in rows if row.area_code == area_code), None)
        if code not in catalogue or start is None:
            continue
        # One figure per period: a second source for the same period stays in the open data.
        series, seen = [], set()
        for row in rows:
            if row.series_area == start.series_area and (row.period, row.area_code) not in seen:
                seen.add((row.period, row.area_code))
                series.append(row)
        counts_people = catalogue[code].counts_people
        points = [
            TrendPoint(
                period=row.period,
                value=_public_value(row.value, row.unit, counts_people),
                comparable=not row.different_area,
                area=row.area,
                source=row.source,
                note=_public_note(row),
            )
            for row in series
        ]
        if sum(1 for p in points if p.comparable and p.value is not None) < 2:
            continue
        info = catalogue[code]
        trends.append(
            Trend(
                indicator=code,
                name=info.name,
                unit=info.unit,
                direction=info.direction,
                area=start.area,
                source_name=info.source,
                points=points,
                break_note=next((row.break_note for row in series if row.break_note), ""),
                sources=list(dict.fromkeys(row.source for row in series)),
            )
        )
    return trends


def _public_value(value: float, unit: str, counts_people: bool) -> float | None:
    return None if suppressed(value, unit, counts_people) else float(value)


def public_measurements(session: Session, partnership_id: int | None) -> list[dict]:
    """Every safety and crime figure with its source, period, area, unit and notes; counts of
    persons below 5 become ``"under 5"``, counts of things stay as they are. Which file or
    load brought a figure is left out.

    ``partnership`` is the slug of the partnership whose own area the figure is about, or ""
    for a shared area (København, a district, Danmark). With ``partnership_id`` only the
    figures of that partnership's own areas; with None every figure."""
    owner = area_partnerships(session)
    people = set(session.scalars(select(Indicator.code).where(Indicator.counts_people)))
    slug = None
    if partnership_id is not None:
        slug = session.scalar(select(Partnership.slug).where(Partnership.id == partnership_id))
    return [
        {
            "indicator": row.indicator,
            "indicator_name": row.indicator_name,
            "area": row.area,
            "area_code": row.area_code,
            "series_area": row.series_area,
            "comparable_with_series": not row.different_area,
            "break_note": row.break_note,
            "period": row.period,
            "describes_period": _text(row.describes_period),
            "value": (
                UNDER_5
                if suppressed(row.value, row.unit, row.indicator in people)
                else _plain_number(row.value)
            ),
            "unit": row.unit,
            "unit_detail": _text(row.unit_detail),
            "source": row.source,
            "note": _public_note(row),
            "counts_people": row.indicator in people,
            "partnership": owner.get(row.area_code, ""),
        }
        for row in measurement_rows(session)
        if slug is None or owner.get(row.area_code) == slug
    ]


def _public_note(row) -> str:
    """A source's own note on its figure is public; what the working group writes beside a
    figure it registers is internal (nobody has marked it for the public)."""
    return "" if row.source == REGISTERED_SOURCE else _text(row.note)


def _text(value: str | None) -> str:
    return "" if value is None else value


def _plain_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)
