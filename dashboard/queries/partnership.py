"""The partnership /tryghed speaks for and its periods in time: the spans its plans cover,
the partnership periods drawn behind the charts, and how long a plan's statement holds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.model import BudgetLine, Partnership, PartnershipPeriod, PlanVersion
from dashboard.queries.plan import latest_plan


def current_partnership_id(session: Session) -> int | None:
    """The partnership of the newest plan: the one the page speaks for (None without a plan)."""
    plan = latest_plan(session)
    return plan.partnership_id if plan else None


@dataclass(frozen=True)
class ChartPeriod:
    """A span drawn behind a chart (a partnership period) or, without ``end``, a moment."""

    start: float
    end: float | None
    label: str


def plan_spans(session: Session) -> dict[tuple[str, int], tuple[int, int]]:
    """(partnership name, plan year) → the first and last budget year of that plan."""
    rows = session.execute(
        select(
            Partnership.name,
            PlanVersion.year,
            func.min(BudgetLine.year),
            func.max(BudgetLine.year),
        )
        .join(PlanVersion, PlanVersion.partnership_id == Partnership.id)
        .join(BudgetLine, BudgetLine.plan_version_id == PlanVersion.id)
        .group_by(Partnership.name, PlanVersion.year)
    ).all()
    return {(name, year): (first, last) for name, year, first, last in rows}


def partnership_periods(
    session: Session, spans: dict[tuple[str, int], tuple[int, int]] | None = None
) -> list[ChartPeriod]:
    """The partnership periods the plans state ("den første periode fra 2013-2016"); for a
    partnership whose plans state none, the budget years of its plans (``spans``, as
    ``plan_spans`` returns them, when the caller has them already). One band per span."""
    stated = session.execute(
        select(Partnership.name, PartnershipPeriod.first_year, PartnershipPeriod.last_year).join(
            PartnershipPeriod.__table__, PartnershipPeriod.partnership_id == Partnership.id
        )
    ).all()
    found = {(name, first, last) for name, first, last in stated}
    named = {name for name, _first, _last in found}
    if spans is None:
        spans = plan_spans(session)
    found |= {
        (name, first, last) for (name, _year), (first, last) in spans.items() if name not in named
    }
    return [
        ChartPeriod(first - 0.5, last + 0.5, f"{name} {first}–{last}")
        for name, first, last in sorted(found, key=lambda span: (span[1], span[2], span[0]))
    ]


def valid_until(plan_year: int, later_years: list[int], span_end: int | None) -> float:
    """Where on the year axis a plan's baseline or target stops holding: when the next plan
    year states a new one, else at the end of the plan's span (or of its own year)."""
    following = [y for y in later_years if y > plan_year]
    if following:
        return min(following) - 0.5
    return (span_end if span_end is not None else plan_year) + 0.5
