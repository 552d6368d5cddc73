"""Money: the one place budget totals are computed (pages, exports and open data call this)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Activity, BudgetFrame, BudgetLine, FocusArea, Handover


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


def year_totals(session: Session, plan_version_id: int) -> list[YearTotals]:
    """Per year: the frame ("I alt"), the sum of known amounts, and the undecided cells."""
    frames = {
        f.year: f.amount
        for f in session.scalars(
            select(BudgetFrame).where(BudgetFrame.plan_version_id == plan_version_id)
        )
    }
    lines = session.scalars(
        select(BudgetLine)
        .where(BudgetLine.plan_version_id == plan_version_id)
        .order_by(BudgetLine.year, BudgetLine.position)
    ).all()
    years = sorted({line.year for line in lines} | set(frames))
    return [
        YearTotals(
            year=year,
            frame=frames.get(year),
            known=sum(
                line.amount for line in lines if line.year == year and line.amount is not None
            ),
            undecided=[line.label for line in lines if line.year == year and line.amount is None],
        )
        for year in years
    ]


def budget_lines(session: Session, plan_version_id: int) -> pd.DataFrame:
    """Every cell of the overview table with its focus area's label. Unknown amounts are
    ``None`` in an object column: never 0, and never a float NaN that prints as a number."""
    lines = session.scalars(
        select(BudgetLine)
        .where(BudgetLine.plan_version_id == plan_version_id)
        .order_by(BudgetLine.position)
    ).all()
    frame = pd.DataFrame(
        {
            "focus_area": pd.Series(
                [line.focus_area.number if line.focus_area else None for line in lines],
                dtype=object,
            ),
            "focus_area_label": [focus_area_label(line.focus_area) for line in lines],
            "activity": [line.label for line in lines],
            "year": pd.Series([line.year for line in lines], dtype="int64"),
            "amount": pd.Series([line.amount for line in lines], dtype=object),
            "footnote": [line.footnote or "" for line in lines],
        }
    )
    return frame


def focus_area_label(area: FocusArea | None) -> str:
    if area is None:
        return "Uden indsatsområde"
    return f"{area.number}. {area.name}" if area.number is not None else area.name


def known_by_focus_area(session: Session, plan_version_id: int) -> pd.DataFrame:
    """Per focus area and year: ``known`` (the sum of the known amounts), ``known_cells`` and
    ``undecided`` (how many cells are known and '?'). A '?' is counted, never summed as 0."""
    lines = budget_lines(session, plan_version_id)
    is_known = lines["amount"].notna()
    return (
        lines.assign(known_cell=is_known.astype("int64"), undecided=(~is_known).astype("int64"))
        .groupby(["focus_area_label", "year"], as_index=False, sort=False)
        .agg(
            known=("amount", "sum"),
            known_cells=("known_cell", "sum"),
            undecided=("undecided", "sum"),
        )
        .astype({"known": "int64"})
    )


def handovers(session: Session, plan_version_id: int) -> list[dict]:
    """The plan's forankring statements: activity, to whom, from which year, status, text."""
    rows = session.scalars(
        select(Handover)
        .join(Activity)
        .where(Activity.plan_version_id == plan_version_id)
        .order_by(Activity.position, Handover.id)
    ).all()
    return [
        {
            "activity": h.activity.name,
            "to": h.to_party.name if h.to_party else None,
            "from_year": h.from_year,
            "gradual": h.gradual,
            "status": h.status,
            "text": h.text,
            "source": h.source_location,
        }
        for h in rows
    ]


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
