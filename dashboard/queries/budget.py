"""Money: the one place budget totals are computed (pages, exports and open data call this)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import BudgetFrame, BudgetLine


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
