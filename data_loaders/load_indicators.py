"""Writing parsed figures: one transaction, idempotent, logged.

The natural key of a figure is (indicator, area, period, source). A re-load inserts new keys,
updates figures whose value or note changed (keeping the old ones in ``measurement_change``)
and leaves the rest alone; figures that a later file no longer lists are kept, because a file
is a set of figures, not the whole truth. A file whose hash was loaded before and whose
figures are all still as that load wrote them is recognised without reading the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from pathlib import Path

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from dashboard.db import session_scope
from dashboard.model import Activity, LoadLog, Measurement, MeasurementChange, PlanVersion, Target
from dashboard.model.base import utcnow
from dashboard.names import normalise_name
from data_loaders.errors import InputError
from data_loaders.files import read_bytes, sha256
from data_loaders.indicator_catalogue import Catalogue, sync_catalogue
from data_loaders.indicator_file import FigureRow, parse_indicator_file
from data_loaders.periods import parse_period

CHUNK = 20_000  # rows per executemany: big enough to be fast, small enough to bound memory
MAX_UNKNOWN_SHOWN = 10
UNIT_SPELLINGS = {
    "pct": ("pct", "%", "procent", "percent"),
    "antal": ("antal", "count", "number"),
    "pr 1000 indb": ("pr 1000", "per 1000", "pr1000"),
}

Progress = Callable[[int], None]
MEASUREMENT = Measurement.__table__
CHANGE = MeasurementChange.__table__


@dataclass
class LoadResult:
    outcome: str  # "loaded" | "unchanged"
    rows: int
    inserted: int = 0
    updated: int = 0
    load_id: int | None = None

    @property
    def message(self) -> str:
        return f"{self.rows} figures: {self.inserted} new, {self.updated} changed"


def load_indicator_file(
    url: str,
    path: Path,
    loaded_by: str = "",
    progress_bar: Callable[[int], AbstractContextManager] | None = None,
) -> LoadResult:
    """``tryghed load indicators FILE``: parse, then write everything or nothing.

    A file loaded before whose figures are all still as that load wrote them is logged as
    unchanged without being parsed. ``progress_bar(length)`` may return a context manager
    whose value has ``update(n)`` (a click progress bar)."""
    sha = sha256(read_bytes(path))
    with session_scope(url) as session:
        earlier_rows = _hash_already_loaded(session, "indicators", sha)
        if earlier_rows is not None:
            _log(
                session,
                "indicators",
                str(path),
                sha,
                "unchanged",
                earlier_rows,
                loaded_by,
                "same file",
            )
            return LoadResult("unchanged", earlier_rows)
    parsed = parse_indicator_file(path)
    bar_context = progress_bar(len(parsed.rows)) if progress_bar else nullcontext()
    with bar_context as bar, session_scope(url) as session:
        sync_catalogue(session)
        return write_figures(
            session,
            parsed.rows,
            kind="indicators",
            file_name=parsed.file,
            sha=parsed.sha256,
            loaded_by=loaded_by,
            progress=bar.update if bar is not None else None,
        )


def load_default_indicators(url: str) -> None:
    """The embedded default: catalogue, the bundled reference figures with their sources, and
    the 2017 plan's baselines and targets. Idempotent: a second call writes nothing at all.
    Does not need a loaded plan; targets are linked to any plan versions already present."""
    with resources.as_file(
        resources.files("data_loaders").joinpath("data", "reference_figures.csv")
    ) as path:
        parsed = parse_indicator_file(path)
    with session_scope(url) as session:
        sync_catalogue(session)
        write_figures(
            session,
            parsed.rows,
            kind="indicators",
            file_name="bundled: data_loaders/data/reference_figures.csv",
            sha=parsed.sha256,
            loaded_by="tryghed init",
            log_unchanged=False,
        )
        for plan_version_id in session.scalars(select(PlanVersion.id)):
            link_plan_targets(session, plan_version_id)


def link_plan_targets(session: Session, plan_version_id: int) -> int:
    """Point the targets a plan year states at that plan version's activities, matched by name
    (case, spacing and a trailing "(13-14 år)" do not matter). Returns how many it linked;
    a target whose activity the plan does not have stays unlinked."""
    plan = session.get(PlanVersion, plan_version_id)
    if plan is None:
        raise ValueError(f"no plan version {plan_version_id}")
    activities: dict[str, int] = {}
    for activity in session.scalars(select(Activity).where(Activity.plan_version_id == plan.id)):
        for name in (activity.name, activity.table_name):
            if name:
                activities.setdefault(normalise_name(name), activity.id)
    partnership = normalise_name(plan.partnership.name)
    linked = 0
    for target in session.scalars(select(Target).where(Target.plan_year == plan.year)):
        if normalise_name(target.partnership_name) != partnership or not target.activity_name:
            continue
        activity_id = activities.get(normalise_name(target.activity_name))
        if activity_id is None:
            continue
        if (target.activity_id, target.plan_version_id) != (activity_id, plan.id):
            target.activity_id, target.plan_version_id = activity_id, plan.id
        linked += 1
    session.flush()
    return linked


# --- the writer ------------------------------------------------------------------------------


def write_figures(
    session: Session,
    figures: Sequence[FigureRow],
    *,
    kind: str,
    file_name: str,
    sha: str,
    loaded_by: str = "",
    progress: Progress | None = None,
    log_unchanged: bool = True,
) -> LoadResult:
    """Write figures in the caller's transaction. Raises ``InputError`` before writing any
    figure if one names an unknown indicator or area, breaks its indicator's range or unit,
    or repeats another row's key."""
    if _hash_already_loaded(session, kind, sha) is not None:
        if progress:
            progress(len(figures))
        if log_unchanged:
            _log(session, kind, file_name, sha, "unchanged", len(figures), loaded_by, "")
        return LoadResult("unchanged", len(figures))
    by_indicator = _resolve(Catalogue.read(session), figures, file_name)
    load = _log(session, kind, file_name, sha, "loaded", len(figures), loaded_by, "")
    result = LoadResult("loaded", len(figures), load_id=load.id)
    now = utcnow()
    connection = session.connection()
    for indicator_id, rows in by_indicator.items():
        existing = _existing(session, indicator_id) if _has_rows(session, indicator_id) else {}
        inserts, updates = [], []
        for key, (period_code, value, note, unit_detail, describes, _row) in rows.items():
            old = existing.get(key[1:])
            if old is None:
                inserts.append((key, period_code, value, note, unit_detail, describes))
            elif old[1:] != (value, note, unit_detail, describes or None):
                updates.append((old, value, note, unit_detail, describes))
        _insert(connection, indicator_id, inserts, load.id, now, progress)
        _update(connection, updates, load.id, now, progress)
        if progress:
            progress(len(rows) - len(inserts) - len(updates))
        result.inserted += len(inserts)
        result.updated += len(updates)
    if result.inserted == result.updated == 0:
        result.outcome = load.outcome = "unchanged"
        if not log_unchanged:
            session.delete(load)
            result.load_id = None
    load.message = result.message
    session.flush()
    return result


def _hash_already_loaded(session: Session, kind: str, sha: str) -> int | None:
    """The row count of an earlier load of this very file whose figures are all still as it
    wrote them (none updated by a later load since); None if there is no such load."""
    earlier = session.execute(
        select(LoadLog.id, LoadLog.rows)
        .where(LoadLog.kind == kind, LoadLog.sha256 == sha, LoadLog.outcome == "loaded")
        .order_by(LoadLog.id.desc())
    ).all()
    for load_id, rows in earlier:
        count = session.scalar(select(func.count()).where(MEASUREMENT.c.load_id == load_id))
        if count == rows:
            return rows
    return None


Key = tuple[int, int, str, str]  # indicator, area, period, source
Values = tuple[str, float, str, str | None, str, int]  # period, value, note, unit, describes, row


def _resolve(catalogue: Catalogue, figures: Sequence[FigureRow], file: str) -> dict[int, dict]:
    """Figures grouped by indicator id and keyed by natural key, validated against the catalogue."""
    unknown: dict[tuple[str, str], int] = {}
    indicators, areas, units = {}, {}, {}
    ranges = {
        i.id: (i.min_value, i.max_value, i.whole_number) for i in catalogue.indicators.values()
    }
    grouped: dict[int, dict[Key, Values]] = {}
    for figure in figures:
        indicator = indicators.get(figure.indicator, False)
        if indicator is False:
            indicator = indicators[figure.indicator] = catalogue.indicators.get(figure.indicator)
        area = areas.get(figure.area, False)
        if area is False:
            area = areas[figure.area] = catalogue.area(figure.area)
        if indicator is None or area is None:
            what = ("indicator", figure.indicator) if indicator is None else ("area", figure.area)
            unknown.setdefault(what, figure.row)
            continue
        indicator_id = indicator.id
        unit_key = (indicator_id, figure.unit)
        unit_detail = units.get(unit_key, False)
        if unit_detail is False:
            unit_detail = units[unit_key] = _unit_detail(indicator, figure, file)
        low, high, whole = ranges[indicator_id]
        value = figure.value
        if (
            (low is not None and value < low)
            or (high is not None and value > high)
            or (whole and not value.is_integer())
        ):
            _refuse_value(indicator, figure, file)
        key = (indicator_id, area.id, figure.period, figure.source)
        rows = grouped.get(indicator_id)
        if rows is None:
            rows = grouped[indicator_id] = {}
        if key in rows:
            raise InputError(
                file,
                f"the same figure ({figure.indicator}, {figure.area}, {figure.period}, same "
                f"source) appears twice: rows {rows[key][5]} and {figure.row}",
                row=figure.row,
            )
        rows[key] = (figure.period, value, figure.note, unit_detail, figure.describes, figure.row)
    if unknown:
        listed = sorted(unknown.items(), key=lambda item: item[1])
        shown = "; ".join(
            f"{w} {n!r} (first in row {r})" for (w, n), r in listed[:MAX_UNKNOWN_SHOWN]
        )
        more = len(listed) - MAX_UNKNOWN_SHOWN
        raise InputError(
            file,
            f"unknown {shown}{f' and {more} more' if more > 0 else ''}. Add them to the "
            "catalogue (indicator_catalogue.csv / areas.csv) or correct the spelling; "
            "nothing was loaded",
            row=listed[0][1],
        )
    return grouped


def _unit_detail(indicator, figure: FigureRow, file: str) -> str | None:
    """None if the file's unit is the catalogue's; the file's wording if it adds to it."""
    if not figure.unit:
        return None
    written = re.sub(r"\s+", " ", figure.unit.casefold().replace(".", "")).strip()
    spellings = UNIT_SPELLINGS.get(indicator.unit, (indicator.unit,))
    if not any(written.startswith(s) for s in spellings):
        raise InputError(
            file,
            f"unit {figure.unit!r} does not fit indicator {indicator.code!r}, "
            f"which is measured in {indicator.unit!r}",
            row=figure.row,
            column="unit",
        )
    return None if written == indicator.unit else figure.unit


def _refuse_value(indicator, figure: FigureRow, file: str) -> None:
    value = figure.value
    problem = None
    if indicator.min_value is not None and value < indicator.min_value:
        problem = f"{value:g} is below the lowest possible value, {indicator.min_value:g}"
    elif indicator.max_value is not None and value > indicator.max_value:
        problem = f"{value:g} is above the highest possible value, {indicator.max_value:g}"
    elif indicator.whole_number and not value.is_integer():
        problem = f"{value:g} is not a whole number, but this indicator counts"
    raise InputError(
        file,
        f"{problem} ({indicator.code}, {indicator.unit})",
        row=figure.row,
        column=figure.column,
    )


def _has_rows(session: Session, indicator_id: int) -> bool:
    query = select(MEASUREMENT.c.id).where(MEASUREMENT.c.indicator_id == indicator_id).limit(1)
    return session.scalar(query) is not None


def _existing(session: Session, indicator_id: int) -> dict[tuple, tuple]:
    t = MEASUREMENT
    query = select(
        t.c.area_id,
        t.c.period,
        t.c.source,
        t.c.id,
        t.c.value,
        t.c.note,
        t.c.unit_detail,
        t.c.describes_period,
    ).where(t.c.indicator_id == indicator_id)
    return {tuple(r[:3]): tuple(r[3:]) for r in session.execute(query)}


def _chunks(items: list, size: int = CHUNK):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


INSERT_COLUMNS = (
    "indicator_id", "area_id", "period", "period_kind", "period_start", "describes_period",
    "value", "unit_detail", "source", "note", "load_id", "updated_at",
)  # fmt: skip


def _insert(connection, indicator_id, inserts, load_id, now, progress) -> None:
    """Plain DBAPI executemany: a million rows through Core's per-row parameter processing
    cost more than the database's own work. Dates are converted once per distinct value the
    way the column types would convert them."""
    dialect = connection.dialect
    if dialect.paramstyle not in ("qmark", "format", "pyformat"):
        return _insert_with_core(connection, indicator_id, inserts, load_id, now, progress)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {MEASUREMENT.name} ({', '.join(INSERT_COLUMNS)}) "
        f"VALUES ({', '.join([mark] * len(INSERT_COLUMNS))})"
    )
    to_date = _bind(dialect, MEASUREMENT.c.period_start)
    stamp = _bind(dialect, MEASUREMENT.c.updated_at)(now)
    periods: dict[str, tuple] = {}
    for chunk in _chunks(inserts):
        params = []
        for (_, area_id, _, source), period_code, value, note, unit, describes in chunk:
            period = periods.get(period_code)
            if period is None:
                parsed = parse_period(period_code)
                period = periods[period_code] = (parsed.kind, to_date(parsed.start))
            params.append(
                (
                    indicator_id, area_id, period_code, period[0], period[1], describes or None,
                    value, unit, source, note, load_id, stamp,
                )
            )  # fmt: skip
        connection.exec_driver_sql(sql, params)
        if progress:
            progress(len(chunk))


def _bind(dialect, column) -> Callable:
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    return processor or (lambda value: value)


def _insert_with_core(connection, indicator_id, inserts, load_id, now, progress) -> None:
    for chunk in _chunks(inserts):
        params = []
        for (_, area_id, _, source), period_code, value, note, unit, describes in chunk:
            period = parse_period(period_code)
            params.append(
                dict(
                    zip(
                        INSERT_COLUMNS,
                        (
                            indicator_id, area_id, period_code, period.kind, period.start,
                            describes or None, value, unit, source, note, load_id, now,
                        ),
                        strict=True,
                    )
                )
            )  # fmt: skip
        connection.execute(insert(MEASUREMENT), params)
        if progress:
            progress(len(chunk))


def _update(connection, updates, load_id, now, progress) -> None:
    statement = (
        update(MEASUREMENT)
        .where(MEASUREMENT.c.id == bindparam("b_id"))
        .values(
            value=bindparam("b_value"),
            note=bindparam("b_note"),
            unit_detail=bindparam("b_unit"),
            describes_period=bindparam("b_describes"),
            load_id=bindparam("b_load"),
            updated_at=bindparam("b_now"),
        )
    )
    for chunk in _chunks(updates):
        changes, params = [], []
        for (measurement_id, old_value, old_note, *_), value, note, unit, describes in chunk:
            params.append(
                {
                    "b_id": measurement_id,
                    "b_value": value,
                    "b_note": note,
                    "b_unit": unit,
                    "b_describes": describes or None,
                    "b_load": load_id,
                    "b_now": now,
                }
            )
            changes.append(
                {
                    "measurement_id": measurement_id,
                    "load_id": load_id,
                    "old_value": old_value,
                    "new_value": value,
                    "old_note": old_note,
                    "new_note": note,
                    "changed_at": now,
                }
            )
        connection.execute(statement, params)
        connection.execute(insert(CHANGE), changes)
        if progress:
            progress(len(chunk))


def _log(session, kind, file_name, sha, outcome, rows, loaded_by, message) -> LoadLog:
    entry = LoadLog(
        kind=kind,
        file_name=file_name[:500],
        sha256=sha,
        outcome=outcome,
        rows=rows,
        message=message,
        loaded_by=loaded_by,
    )
    session.add(entry)
    session.flush()
    return entry
