"""What the plans' activities delivered against their output targets, the figures the working
group registered for them (with their history), and the outputs as dropdown options."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.frames import row_tuples
from dashboard.model import Area, Indicator, Measurement, MeasurementEdit
from dashboard.model.measurement_edits import REGISTERED_SOURCE
from dashboard.model.walks import WALK_INDICATOR
from dashboard.queries.areas import own_area_codes
from dashboard.queries.indicators import (
    MEASUREMENT_ORDER,
    indicator_catalogue,
    indicator_rows,
    target_rows,
)
from dashboard.queries.partnership import plan_spans, valid_until
from dashboard.queries.period import partnership_period
from dashboard.queries.walks import walks_per_year

OUTPUT_COLUMNS = [
    "indicator",
    "indicator_name",
    "activity",
    "target_text",
    "plan_year",
    "period",
    "min_value",
    "max_value",
    "per",
    "measured",
    "status",
    "version",
    "source",
    "counted",
]


def output_progress(session: Session, partnership_id: int) -> pd.DataFrame:
    """Each output target the plans set, per year it applies to (a ``per`` "plan" target once
    for the plan's whole period), against what was registered. ``status`` is
    ``not_measured`` (nothing registered: never read as 0), ``below``, ``above`` or ``met``;
    ``version`` is the registered figure's edit count, for a correction of it. The safety
    walks' measurement is counted from the walks recorded (``counted``: walks, participants)
    wherever a year has one, so that it is not entered twice."""
    catalogue = {row.code: row for row in indicator_rows(session)}
    wanted = [
        t
        for t in target_rows(session, partnership_id)
        if t.indicator in catalogue and catalogue[t.indicator].kind == "output"
    ]
    spans = plan_spans(session, partnership_id)
    figures = _output_figures(
        session, partnership_id, list(dict.fromkeys(t.indicator for t in wanted))
    )
    walked = walks_per_year(session, partnership_id)
    for year, (held, _people) in walked.items():
        figures[(WALK_INDICATOR, year)] = (float(held), 0)
    # A target holds until the same partnership's plan states a new one for that indicator.
    plan_years: dict[tuple, set] = {}
    for target in wanted:
        key = (target.indicator, target.per, target.partnership_name)
        plan_years.setdefault(key, set()).add(target.plan_year)
    rows = []
    for target in wanted:
        later = sorted(plan_years[(target.indicator, target.per, target.partnership_name)])
        last = int(valid_until(target.plan_year, later, _span_end(spans, target)) - 0.5)
        years = list(range(int(target.plan_year), last + 1))
        if target.per == "plan":
            groups = [(f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]), years)]
        else:
            groups = [(str(y), [y]) for y in years]
        for label, group_years in groups:
            found = [
                figures[(target.indicator, str(y))]
                for y in group_years
                if (target.indicator, str(y)) in figures
            ]
            measured = sum(f[0] for f in found) if found else None
            single = found[0] if len(found) == 1 and len(group_years) == 1 else None
            counted = [walked[str(y)] for y in group_years if str(y) in walked]
            rows.append(
                {
                    "indicator": target.indicator,
                    "indicator_name": catalogue[target.indicator].name,
                    "activity": target.activity_name,
                    "target_text": target.text,
                    "plan_year": int(target.plan_year),
                    "period": label,
                    "min_value": _or_none(target.min_value),
                    "max_value": _or_none(target.max_value),
                    "per": target.per,
                    "measured": measured,
                    "status": target_status(measured, target.min_value, target.max_value),
                    "version": single[1] if single else 0,
                    "source": target.source,
                    "counted": (sum(c[0] for c in counted), sum(c[1] for c in counted))
                    if target.indicator == WALK_INDICATOR and counted
                    else None,
                }
            )
    if WALK_INDICATOR in catalogue and all(t.indicator != WALK_INDICATOR for t in wanted):
        rows += _walk_rows(session, partnership_id, catalogue[WALK_INDICATOR], walked)
    return pd.DataFrame(rows, columns=OUTPUT_COLUMNS)


def _walk_rows(session: Session, partnership_id: int, indicator, walked) -> list[dict]:
    """The plan's measurement "Tryghedsvandringer, der gennemføres løbende i
    partnerskabsperioden" sets no number: read as at least one walk in each year of the
    period ("løbende"), counted from the walks recorded."""
    period = partnership_period(session, partnership_id, clock.today())
    if period is None:
        return []
    rows = []
    for year in range(period.first_year, period.last_year + 1):
        held, people = walked.get(str(year), (0, 0))
        measured = float(held) if held else None
        rows.append(
            {
                "indicator": WALK_INDICATOR,
                "indicator_name": indicator.name,
                "activity": indicator.activity_name or None,
                "target_text": indicator.plan_measure or indicator.name,
                "plan_year": period.first_year,
                "period": str(year),
                "min_value": 1.0,
                "max_value": None,
                "per": "year",
                "measured": measured,
                "status": target_status(measured, 1.0, None),
                "version": 0,
                "source": "Tryghedsvandringer registreret i dashboardet",
                "counted": (held, people) if held else None,
            }
        )
    return rows


def _span_end(spans, target) -> int:
    span = spans.get((target.partnership_name, target.plan_year))
    return span[1] if span else int(target.plan_year)


def _or_none(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def target_status(measured: float | None, low, high) -> str:
    """``not_measured`` when nothing is registered, else ``below``/``above``/``met``."""
    if measured is None:
        return "not_measured"
    if _or_none(low) is not None and measured < low:
        return "below"
    if _or_none(high) is not None and measured > high:
        return "above"
    return "met"


def _output_figures(
    session: Session, partnership_id: int, codes: list[str]
) -> dict[tuple[str, str], tuple]:
    """(indicator, year) → (value, edit count) in the partnership's own areas. A figure
    registered in the app wins over a loaded one for the same year; loaded figures of one
    year are not added up (the first in ``measurements`` order counts)."""
    own = _own_area_ids(session, partnership_id)
    edit_counts = {
        (code, period): count
        for code, period, count in session.execute(
            select(Indicator.code, Measurement.period, func.count(MeasurementEdit.id))
            .join(Measurement, Measurement.indicator_id == Indicator.id)
            .join(MeasurementEdit, MeasurementEdit.measurement_id == Measurement.id)
            .where(Measurement.source == REGISTERED_SOURCE, Measurement.area_id.in_(own))
            .group_by(Indicator.code, Measurement.period)
        )
    }
    # The figures in ``measurements`` order, without its frame: only these columns count.
    rows = session.execute(
        select(Indicator.code, Measurement.period, Measurement.value, Measurement.source)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .join(Area, Area.id == Measurement.area_id)
        .where(Indicator.code.in_(codes), Area.id.in_(own))
        .order_by(*MEASUREMENT_ORDER)
    ).all()
    result: dict[tuple[str, str], tuple] = {}
    registered_first = sorted(rows, key=lambda row: row.source != REGISTERED_SOURCE)
    for row in registered_first:
        key = (row.code, row.period[:4])
        if key not in result:
            count = edit_counts.get((row.code, row.period), 0)
            result[key] = (float(row.value), count if row.source == REGISTERED_SOURCE else 0)
    return result


@dataclass(frozen=True)
class FigureEdit:
    period: str
    old_value: float | None
    new_value: float
    old_note: str
    new_note: str
    changed_by: str
    changed_at: datetime
    unit: str


def _own_area_ids(session: Session, partnership_id: int) -> list[int]:
    codes = own_area_codes(session, partnership_id)
    return list(session.scalars(select(Area.id).where(Area.code.in_(codes))))


def output_history(session: Session, partnership_id: int, indicator: str) -> list[FigureEdit]:
    """Every registration and correction of ``indicator``'s figures in the app for the
    partnership's own areas, newest first."""
    rows = session.execute(
        select(Measurement.period, Indicator.unit, MeasurementEdit)
        .join(MeasurementEdit, MeasurementEdit.measurement_id == Measurement.id)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(
            Indicator.code == indicator,
            Measurement.area_id.in_(_own_area_ids(session, partnership_id)),
        )
        .order_by(MeasurementEdit.changed_at.desc(), MeasurementEdit.id.desc())
    ).all()
    return [
        FigureEdit(
            p, e.old_value, e.new_value, e.old_note, e.new_note, e.changed_by, e.changed_at, unit
        )
        for p, unit, e in rows
    ]


@dataclass(frozen=True)
class RegisteredFigure:
    value: float | None
    note: str
    version: int  # 0 when nothing is registered yet


def registered_figure(
    session: Session, partnership_id: int, indicator: str, period: str
) -> RegisteredFigure:
    """What the app holds for ``indicator`` in ``period`` in the partnership's own areas
    (registered by the working group), with the version a correction must expect; empty,
    version 0, if nothing is registered."""
    figure = session.execute(
        select(Measurement.id, Measurement.value, Measurement.note)
        .join(Indicator, Indicator.id == Measurement.indicator_id)
        .where(
            Indicator.code == indicator,
            Measurement.period == period,
            Measurement.source == REGISTERED_SOURCE,
            Measurement.area_id.in_(_own_area_ids(session, partnership_id)),
        )
    ).first()
    if figure is None:
        return RegisteredFigure(None, "", 0)
    edits = session.scalar(
        select(func.count(MeasurementEdit.id)).where(MeasurementEdit.measurement_id == figure.id)
    )
    return RegisteredFigure(figure.value, figure.note, edits)


def output_indicators(session: Session) -> list[dict]:
    """The activities' output indicators as dropdown options (label: name and activity)."""
    catalogue = indicator_catalogue(session)
    outputs = catalogue[catalogue["kind"] == "output"]
    return [
        {"label": f"{r.name} ({r.activity_name})" if r.activity_name else r.name, "value": r.code}
        for r in row_tuples(outputs)
    ]
