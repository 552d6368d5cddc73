"""Read functions for safety and crime figures, as DataFrames. Pages, exports and the open-data
download all use these, so a figure looks the same everywhere.

Area breaks: an area that replaced another (the partnership area enlarged in 2021) has
``different_area`` True and ``series_area`` naming the area it continues. A chart may put
both in one series but must break the line between them; ``break_note`` says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

import pandas as pd
from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from dashboard.model import (
    Area,
    Baseline,
    Indicator,
    LoadLog,
    Measurement,
    Partnership,
    Target,
)
from dashboard.names import normalise_name
from dashboard.queries.transaction_memo import per_transaction


def _frame(session: Session, statement: Select) -> pd.DataFrame:
    result = session.execute(statement)
    return pd.DataFrame(result.all(), columns=list(result.keys()))


def indicator_catalogue(session: Session) -> pd.DataFrame:
    """Every indicator with its Danish name, definition, unit, direction, kind (effect, result,
    output, context), the effect it serves, frequency, source and the plan activity it measures.
    A frame of its own for each caller (callers add columns); the rows are read once."""
    return pd.DataFrame(indicator_rows(session), columns=_CATALOGUE.selected_columns.keys())


_CATALOGUE = select(
    Indicator.code,
    Indicator.name,
    Indicator.definition,
    Indicator.unit,
    Indicator.direction,
    Indicator.kind,
    Indicator.effect,
    Indicator.frequency,
    Indicator.source,
    Indicator.activity_name,
    Indicator.plan_measure,
    Indicator.dst_table,
    Indicator.dst_code,
).order_by(Indicator.position, Indicator.code)


@per_transaction
def indicator_rows(session: Session) -> tuple[Row, ...]:
    """The catalogue as plain rows (the columns of ``indicator_catalogue``), read once per
    transaction."""
    return tuple(session.execute(_CATALOGUE).all())


def areas(session: Session) -> pd.DataFrame:
    """Every area with its parent, the area it replaced (if any) and the year that happened."""
    parent = Area.__table__.alias("parent")
    before = Area.__table__.alias("before")
    statement = (
        select(
            Area.code,
            Area.name,
            Area.kind,
            parent.c.name.label("parent"),
            before.c.name.label("replaces"),
            Area.valid_from,
            Area.valid_to,
            Area.break_note,
            Area.dst_code,
        )
        .outerjoin(parent, parent.c.id == Area.parent_id)
        .outerjoin(before, before.c.id == Area.predecessor_id)
        .order_by(Area.position, Area.code)
    )
    return _frame(session, statement)


@per_transaction
def _series_roots(session: Session) -> Mapping[int, str]:
    """Area id → name of the first area in its chain of predecessors."""
    rows = {
        a_id: (name, pred)
        for a_id, name, pred in session.execute(select(Area.id, Area.name, Area.predecessor_id))
    }
    roots = {}
    for area_id in rows:
        current, seen = area_id, set()
        while rows[current][1] is not None and current not in seen:
            seen.add(current)
            current = rows[current][1]
        roots[area_id] = rows[current][0]
    return MappingProxyType(roots)


class MeasurementRow(NamedTuple):
    """One figure as ``measurements`` gives it, for readers that want plain rows."""

    indicator: str
    indicator_name: str
    area: str
    area_code: str
    series_area: str
    different_area: bool
    break_note: str
    period: str
    period_kind: str
    period_start: date
    describes_period: str | None
    value: float
    unit: str
    unit_detail: str | None
    source: str
    note: str | None
    load_id: int | None
    loaded_from: str | None


MEASUREMENT_COLUMNS = list(MeasurementRow._fields)
# The fields read as the database gives them; the other three are derived per row.
_PLAIN_FIELDS = [
    f for f in MEASUREMENT_COLUMNS if f not in ("series_area", "different_area", "break_note")
]

# The order every reader of figures keeps: by indicator, series start, area and source.
MEASUREMENT_ORDER = (
    Indicator.position,
    Indicator.code,
    Measurement.period_start,
    Area.position,
    Measurement.source,
)

_MEASUREMENTS = (
    select(
        Indicator.code.label("indicator"),
        Indicator.name.label("indicator_name"),
        Area.name.label("area"),
        Area.code.label("area_code"),
        Area.id.label("area_id"),
        (Area.predecessor_id.is_not(None)).label("different_area"),
        Area.break_note,
        Measurement.period,
        Measurement.period_kind,
        Measurement.period_start,
        Measurement.describes_period,
        Measurement.value,
        Indicator.unit,
        Measurement.unit_detail,
        Measurement.source,
        Measurement.note,
        Measurement.load_id,
        LoadLog.file_name.label("loaded_from"),
    )
    .join(Indicator, Indicator.id == Measurement.indicator_id)
    .join(Area, Area.id == Measurement.area_id)
    .outerjoin(LoadLog, LoadLog.id == Measurement.load_id)
    .order_by(*MEASUREMENT_ORDER)
)


def measurement_rows(
    session: Session,
    indicators: Sequence[str] | None = None,
    areas: Sequence[str] | None = None,
) -> list[MeasurementRow]:
    """Every figure (optionally only these indicator codes / area codes) with indicator, area,
    period, value, unit, source and note, the area-break flag, and which load brought it.
    Ordered by indicator, series, period and source. Two sources for the same figure are two
    rows, never merged."""
    statement = _MEASUREMENTS
    if indicators is not None:
        statement = statement.where(Indicator.code.in_(list(indicators)))
    if areas is not None:
        statement = statement.where(Area.code.in_(list(areas)))
    rows = session.execute(statement).all()
    roots = _series_roots(session) if rows else {}
    return [
        MeasurementRow(
            **{name: row._mapping[name] for name in _PLAIN_FIELDS},
            series_area=roots[row.area_id],
            different_area=bool(row.different_area),
            break_note=row.break_note or "",
        )
        for row in rows
    ]


def measurements(
    session: Session,
    indicators: Sequence[str] | None = None,
    areas: Sequence[str] | None = None,
) -> pd.DataFrame:
    """``measurement_rows`` as a DataFrame with ``MEASUREMENT_COLUMNS``."""
    frame = pd.DataFrame(measurement_rows(session, indicators, areas), columns=MEASUREMENT_COLUMNS)
    frame["different_area"] = frame["different_area"].astype(bool)
    return frame


def latest_measurements(session: Session) -> pd.DataFrame:
    """The newest figure per indicator and area (all sources of that period), same columns as
    ``measurements``."""
    frame = measurements(session)
    if frame.empty:
        return frame
    newest = frame.groupby(["indicator", "area"])["period_start"].transform("max")
    return frame[frame["period_start"] == newest].reset_index(drop=True)


@per_transaction
def _partnership_name(session: Session, partnership_id: int) -> str:
    return session.scalar(select(Partnership.name).where(Partnership.id == partnership_id)) or ""


def _of_partnership(session: Session, statement: Select, partnership_id: int) -> tuple[Row, ...]:
    """The rows a plan of the partnership stated (plans name their partnership in words)."""
    own = normalise_name(_partnership_name(session, partnership_id))
    return tuple(r for r in session.execute(statement) if normalise_name(r.partnership_name) == own)


_BASELINES = (
    select(
        Indicator.code.label("indicator"),
        Area.name.label("area"),
        Baseline.partnership_name,
        Baseline.plan_year,
        Baseline.period,
        Baseline.value,
        Indicator.unit,
        Baseline.qualifier,
        Baseline.text,
        Baseline.source,
    )
    .join(Indicator, Indicator.id == Baseline.indicator_id)
    .join(Area, Area.id == Baseline.area_id)
    .order_by(Baseline.plan_year, Indicator.position)
)

_TARGETS = (
    select(
        Indicator.code.label("indicator"),
        Area.name.label("area"),
        Target.partnership_name,
        Target.plan_year,
        Target.min_value,
        Target.max_value,
        Indicator.unit,
        Target.per,
        Target.text,
        Target.activity_name,
        Target.activity_id,
        Target.plan_version_id,
        Target.source,
    )
    .join(Indicator, Indicator.id == Target.indicator_id)
    .outerjoin(Area, Area.id == Target.area_id)
    .order_by(Target.plan_year, Indicator.position)
)


@per_transaction
def baseline_rows(session: Session, partnership_id: int) -> tuple[Row, ...]:
    """Baselines the partnership's plans state, per plan year, with the plan section they come
    from, as plain rows (the columns of ``baselines``)."""
    return _of_partnership(session, _BASELINES, partnership_id)


def baselines(session: Session, partnership_id: int) -> pd.DataFrame:
    """``baseline_rows`` as a DataFrame."""
    rows = baseline_rows(session, partnership_id)
    return pd.DataFrame(rows, columns=list(_BASELINES.selected_columns.keys()))


@per_transaction
def target_rows(session: Session, partnership_id: int) -> tuple[Row, ...]:
    """Targets the partnership's plans set, per plan year: at least ``min_value`` / at most
    ``max_value`` per ``per``, with the activity by name and, once that plan is loaded, by id;
    as plain rows (the columns of ``targets``)."""
    return _of_partnership(session, _TARGETS, partnership_id)


def targets(session: Session, partnership_id: int) -> pd.DataFrame:
    """``target_rows`` as a DataFrame."""
    rows = target_rows(session, partnership_id)
    return pd.DataFrame(rows, columns=list(_TARGETS.selected_columns.keys()))
