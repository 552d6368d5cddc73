"""Money: the one place budget totals are computed (pages, exports and open data call this)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Activity, BudgetFrame, BudgetLine, FocusArea, Handover, Party
from dashboard.queries.transaction_memo import per_transaction


@dataclass(frozen=True)
class YearTotals:
    """One year of a plan version. ``unallocated`` is frame − known; '?' cells are not summed."""

    year: int
    frame: int | None
    known: int
    undecided: list[str]  # labels of the cells that are '?'

    @property
    def unallocated(self) -> int | None:
        return None if self.frame is None else self.frame - self.known


@per_transaction
def _line_rows(session: Session, plan_version_id: int) -> tuple:
    """Every cell of the overview table in plan order, with its focus area's number and name
    (both None without one): one SELECT, no ORM objects (this runs on every /okonomi view),
    read once per transaction (the totals, the tables and the activities chart share it)."""
    return tuple(
        session.execute(
            select(
                BudgetLine.label,
                BudgetLine.year,
                BudgetLine.amount,
                BudgetLine.footnote,
                BudgetLine.focus_area_id,
                FocusArea.number,
                FocusArea.name,
            )
            .outerjoin(FocusArea, BudgetLine.focus_area_id == FocusArea.id)
            .where(BudgetLine.plan_version_id == plan_version_id)
            .order_by(BudgetLine.position, BudgetLine.id)
        ).all()
    )


def _label(row) -> str:
    return area_label(row.number, row.name) if row.focus_area_id is not None else NO_AREA


def _frames(session: Session, plan_version_id: int) -> dict[int, int]:
    return dict(
        session.execute(
            select(BudgetFrame.year, BudgetFrame.amount).where(
                BudgetFrame.plan_version_id == plan_version_id
            )
        ).all()
    )


def _totals(lines: list, frames: dict[int, int]) -> list[YearTotals]:
    known: dict[int, int] = dict.fromkeys(frames, 0)
    undecided: dict[int, list[str]] = {year: [] for year in frames}
    for line in lines:
        known.setdefault(line.year, 0)
        undecided.setdefault(line.year, [])
        if line.amount is None:
            undecided[line.year].append(line.label)
        else:
            known[line.year] += line.amount
    return [
        YearTotals(year=year, frame=frames.get(year), known=known[year], undecided=undecided[year])
        for year in sorted(known)
    ]


def year_totals(session: Session, plan_version_id: int) -> list[YearTotals]:
    """Per year: the frame ("I alt"), the sum of known amounts, and the undecided cells."""
    return _totals(_line_rows(session, plan_version_id), _frames(session, plan_version_id))


def _lines_frame(lines: list) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "focus_area": pd.Series(
                [line.number if line.focus_area_id is not None else None for line in lines],
                dtype=object,
            ),
            "focus_area_label": [_label(line) for line in lines],
            "activity": [line.label for line in lines],
            "year": pd.Series([line.year for line in lines], dtype="int64"),
            "amount": pd.Series([line.amount for line in lines], dtype=object),
            "footnote": [line.footnote or "" for line in lines],
        }
    )


def budget_lines(session: Session, plan_version_id: int) -> pd.DataFrame:
    """Every cell of the overview table with its focus area's label. Unknown amounts are
    ``None`` in an object column: never 0, and never a float NaN that prints as a number."""
    return _lines_frame(_line_rows(session, plan_version_id))


NO_AREA = "Uden indsatsområde"


def area_label(number: int | None, name: str) -> str:
    """A focus area as the pages name it: "2. Tryghed i boligområdet", or the bare name of
    the cross-cutting area (no number)."""
    return f"{number}. {name}" if number is not None else name


def focus_area_label(area: FocusArea | None) -> str:
    return NO_AREA if area is None else area_label(area.number, area.name)


def _by_area(lines: list) -> pd.DataFrame:
    # Grouped by the label, in the order each (label, year) first occurs in the plan.
    groups: dict[tuple[str, int], list[int]] = {}
    for line in lines:
        cell = groups.setdefault((_label(line), line.year), [0, 0, 0])  # known, cells, '?'
        if line.amount is None:
            cell[2] += 1
        else:
            cell[0] += line.amount
            cell[1] += 1
    keys, counts = list(groups), list(groups.values())
    return pd.DataFrame(
        {
            "focus_area_label": [label for label, _year in keys],
            "year": pd.Series([year for _label, year in keys], dtype="int64"),
            "known": pd.Series([cell[0] for cell in counts], dtype="int64"),
            "known_cells": pd.Series([cell[1] for cell in counts], dtype="int64"),
            "undecided": pd.Series([cell[2] for cell in counts], dtype="int64"),
        }
    )


def known_by_focus_area(session: Session, plan_version_id: int) -> pd.DataFrame:
    """Per focus area and year: ``known`` (the sum of the known amounts), ``known_cells`` and
    ``undecided`` (how many cells are known and '?'). A '?' is counted, never summed as 0."""
    return _by_area(_line_rows(session, plan_version_id))


@dataclass(frozen=True)
class Budget:
    """One plan version's money as /okonomi shows it."""

    totals: list[YearTotals]  # as ``year_totals``
    by_area: pd.DataFrame  # as ``known_by_focus_area``
    lines: pd.DataFrame  # as ``budget_lines``


def budget(session: Session, plan_version_id: int) -> Budget:
    """``year_totals``, ``known_by_focus_area`` and ``budget_lines`` from two queries."""
    lines = _line_rows(session, plan_version_id)
    totals = _totals(lines, _frames(session, plan_version_id))
    return Budget(totals, _by_area(lines), _lines_frame(lines))


def handovers(session: Session, plan_version_id: int) -> list[dict]:
    """The plan's forankring statements: activity, to whom, from which year, status, text."""
    rows = session.execute(
        select(
            Activity.name.label("activity"),
            Party.name.label("to"),
            Handover.from_year,
            Handover.gradual,
            Handover.status,
            Handover.text,
            Handover.source_location.label("source"),
        )
        .join(Activity, Handover.activity_id == Activity.id)
        .outerjoin(Party, Handover.to_party_id == Party.id)
        .where(Activity.plan_version_id == plan_version_id)
        .order_by(Activity.position, Handover.id)
    ).all()
    return [row._asdict() for row in rows]


@dataclass(frozen=True)
class BudgetChange:
    """One difference between two plan versions' overview tables."""

    activity: str
    year: int
    kind: str  # added / removed / changed / decided ('?' became an amount) / undecided
    old: int | None
    new: int | None


def compare_versions(session: Session, old_id: int, new_id: int) -> list[BudgetChange]:
    """Budget lines added, removed or changed from version ``old_id`` to ``new_id``."""
    old = _cells(session, old_id)
    new = _cells(session, new_id)
    changes = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (k[1], k[0])):
        activity, year = key
        if key not in old:
            changes.append(BudgetChange(activity, year, "added", None, new[key]))
        elif key not in new:
            changes.append(BudgetChange(activity, year, "removed", old[key], None))
        elif old[key] != new[key]:
            if old[key] is None:
                kind = "decided"
            elif new[key] is None:
                kind = "undecided"
            else:
                kind = "changed"
            changes.append(BudgetChange(activity, year, kind, old[key], new[key]))
    return changes


def _cells(session: Session, plan_version_id: int) -> dict[tuple[str, int], int | None]:
    return {
        (line.label, line.year): line.amount
        for line in session.scalars(
            select(BudgetLine).where(BudgetLine.plan_version_id == plan_version_id)
        )
    }
