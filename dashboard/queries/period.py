"""Whether a plan's partnership period is running or finished, decided once from the plan's
period and the clock. Every rule that judges deliverables by "today" (overdue, the needs-
attention list, the tiles at a glance) asks here for the day to judge on: today while the
period runs, the day after its last day once it is over, so that a deliverable not done by
the period's end is "ikke afsluttet ved periodens slut", not overdue by another year every
year after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.model import BudgetFrame, BudgetLine, PartnershipPeriod, PlanVersion
from dashboard.queries.plan import latest_plan
from dashboard.queries.transaction_memo import per_transaction


@dataclass(frozen=True)
class PlanPeriod:
    """A plan's partnership period, first to last year, as seen on ``today``."""

    first_year: int
    last_year: int
    today: date

    @property
    def finished(self) -> bool:
        return self.today.year > self.last_year

    @property
    def end(self) -> date:
        """The period's last day."""
        return date(self.last_year, 12, 31)

    @property
    def judged_on(self) -> date:
        """The day deliverables are judged on: today, or the day after the period's end."""
        return min(self.today, date(self.last_year + 1, 1, 1))

    @property
    def years(self) -> str:
        """ "2017–2020" (one year alone when it is one)."""
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"


def _budget_years(session: Session, plan_version_id: int) -> tuple[int | None, int | None]:
    years = [
        session.execute(
            select(func.min(table.year), func.max(table.year)).where(
                table.plan_version_id == plan_version_id
            )
        ).one()
        for table in (BudgetFrame, BudgetLine)
    ]
    firsts = [first for first, _last in years if first is not None]
    lasts = [last for _first, last in years if last is not None]
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)


@per_transaction
def plan_period(session: Session, plan_version_id: int, today: date) -> PlanPeriod | None:
    """The period of the plan version: the partnership period its plan states that holds the
    plan's year (e.g. "2017-2020"), else the years of its budget; None when neither says (a
    plan without a period is treated as running)."""
    plan = session.execute(
        select(PlanVersion.partnership_id, PlanVersion.year).where(
            PlanVersion.id == plan_version_id
        )
    ).first()
    if plan is None:
        return None
    stated = PartnershipPeriod.holding(session, plan.partnership_id, plan.year)
    if stated is not None:
        return PlanPeriod(stated.first_year, stated.last_year, today)
    first, last = _budget_years(session, plan_version_id)
    if first is None or last is None:
        return None
    return PlanPeriod(first, last, today)


def partnership_period(session: Session, partnership_id: int, today: date) -> PlanPeriod | None:
    """The period of the partnership's newest plan (None without a plan or a period)."""
    version = latest_plan(session, partnership_id)
    return None if version is None else plan_period(session, version.id, today)
