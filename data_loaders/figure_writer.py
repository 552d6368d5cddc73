"""Writing checked figures fast, in the caller's transaction, and logging the load.

The natural key of a figure is (indicator, area, period, source). A write inserts new keys,
updates figures whose value or note changed (keeping the old ones in ``measurement_change``)
and leaves the rest alone; figures that a later file no longer lists are kept, because a file
is a set of figures, not the whole truth.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from dashboard.model import LoadLog, Measurement, MeasurementChange
from dashboard.model.base import utcnow
from data_loaders.figure_checks import resolve_figures
from data_loaders.indicator_catalogue import Catalogue
from data_loaders.indicator_file import FILE_SOURCE, FigureRow
from data_loaders.periods import parse_period

CHUNK = 20_000  # rows per executemany: big enough to be fast, small enough to bound memory

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
    warnings: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        return f"{self.rows} figures: {self.inserted} new, {self.updated} changed"

    @property
    def log_message(self) -> str:
        """The message the load log keeps: the secretariat reads it on /admin, in Danish
        (the command line prints ``message``)."""
        return (
            f"{_danish(self.rows)} tal: {_danish(self.inserted)} nye, "
            f"{_danish(self.updated)} ændrede"
        )


def _danish(count: int) -> str:
    return f"{count:,}".replace(",", ".")


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
    warnings: Sequence[str] = (),
) -> LoadResult:
    """Write figures in the caller's transaction. Raises ``InputError`` before writing any
    figure if one names an unknown indicator or area, breaks its indicator's range or unit,
    or repeats another row's key. ``warnings`` (the reader's) go into the load log."""
    warnings = tuple(warnings)
    if hash_already_loaded(session, kind, sha) is not None:
        if progress:
            progress(len(figures))
        if log_unchanged:
            entry = log_load(
                session, kind, file_name, sha, "unchanged", len(figures), loaded_by, ""
            )
            entry.warnings = "\n".join(warnings)
        return LoadResult("unchanged", len(figures), warnings=warnings)
    by_indicator = resolve_figures(Catalogue.read(session), figures, file_name)
    load = log_load(session, kind, file_name, sha, "loaded", len(figures), loaded_by, "")
    load.warnings = "\n".join(warnings)
    result = LoadResult("loaded", len(figures), load_id=load.id, warnings=warnings)
    now = utcnow()
    connection = session.connection()
    for indicator_id, rows in by_indicator.items():
        inserts, updates = planned_writes(existing_figures(session, indicator_id), rows)
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
    load.message = result.log_message
    session.flush()
    return result


def hash_already_loaded(session: Session, kind: str, sha: str) -> int | None:
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


def planned_writes(existing: dict[tuple, tuple], rows: dict) -> tuple[list, list]:
    """What writing one indicator's checked ``rows`` (``resolve_figures``) over its
    ``existing`` figures does: (inserts, updates); the rest is already held. The upload
    preview asks the same, so it shows exactly what a load would write."""
    held = _held_values(existing)
    inserts, updates = [], []
    for key, (period_code, value, note, unit_detail, describes, _row) in rows.items():
        old = existing.get(key[1:])
        if old is None and key[3].startswith(FILE_SOURCE) and value in held.get(key[1:3], ()):
            continue  # a file that names no source repeats a figure already held
        if old is None:
            inserts.append((key, period_code, value, note, unit_detail, describes))
        elif old[1:] != (value, note, unit_detail, describes or None):
            updates.append((old, value, note, unit_detail, describes))
    return inserts, updates


def _has_rows(session: Session, indicator_id: int) -> bool:
    query = select(MEASUREMENT.c.id).where(MEASUREMENT.c.indicator_id == indicator_id).limit(1)
    return session.scalar(query) is not None


def existing_figures(session: Session, indicator_id: int) -> dict[tuple, tuple]:
    """(area, period, source) -> (id, value, note, unit detail, describes) of the
    indicator's stored figures."""
    if not _has_rows(session, indicator_id):
        return {}
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


def _held_values(existing: dict[tuple, tuple]) -> dict[tuple, set[float]]:
    """(area, period) -> the values held for it, whatever their source."""
    held: dict[tuple, set[float]] = {}
    for (area_id, period, _source), old in existing.items():
        held.setdefault((area_id, period), set()).add(old[1])
    return held


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


def log_load(session, kind, file_name, sha, outcome, rows, loaded_by, message) -> LoadLog:
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
