"""What needs attention before a meeting, as data: overdue deliverables, budget cells still
'?', forankring without a decision and figures not updated as expected.
``components.briefing_text`` writes it in Danish for /moede and the meeting pack alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from dashboard.frames import row_tuples
from dashboard.model import Area, Indicator, Measurement, PlanVersion
from dashboard.queries.areas import other_partnerships_areas
from dashboard.queries.budget import YearTotals, handovers, year_totals
from dashboard.queries.deliverables import deliverable_table
from dashboard.queries.period import PlanPeriod, plan_period

FREQUENCY_MONTHS = {"årlig": 12, "skoleår": 12, "kvartal": 3, "kvartalsvis": 3, "månedlig": 1}
PERIOD_MONTHS = {"year": 12, "school_year": 12, "quarter": 3, "month": 1}


@dataclass(frozen=True)
class OverdueDeliverable:
    """A deliverable past its due date (so it has one) and neither done nor dropped; ``lead``
    and ``co`` are party short names joined by ", " ("" for none)."""

    deliverable_id: int
    activity: str
    text: str
    lead: str
    co: str
    due_date: date
    status: str


@dataclass(frozen=True)
class StaleIndicator:
    """An indicator whose newest figure (``latest_period``, in ``area``) is older than its
    frequency allows."""

    name: str
    source: str
    frequency: str
    latest_period: str
    area: str


@dataclass(frozen=True)
class NeedsAttention:
    today: date
    overdue: list[OverdueDeliverable]  # in plan order
    undecided_years: list[int]
    undecided: list[tuple[int, list[str]]]  # year → labels of '?' cells
    open_handovers: list[dict]
    stale_indicators: list[StaleIndicator]
    indicators_without_figures: list[str]
    # The plan's period; once it is finished, ``overdue`` holds the deliverables not done
    # by its end (judged on the day after it, not today).
    period: PlanPeriod | None = None


def needs_attention(session: Session, plan_version_id: int, today: date) -> NeedsAttention:
    """Overdue deliverables; budget cells still '?' for the coming year (for every remaining
    year once the plan has no coming year … and for all its years when its period is over);
    handovers without a decision; indicators with no new figure for longer than their
    frequency, and those with a frequency but no figure yet."""
    table = deliverable_table(session, plan_version_id, today)
    overdue = [
        OverdueDeliverable(
            deliverable_id=int(row.id),
            activity=row.activity,
            text=row.text,
            lead=row.lead,
            co=row.co,
            due_date=row.due_date,
            status=row.status,
        )
        for row in row_tuples(table[table["overdue"]])
    ]
    totals = year_totals(session, plan_version_id)
    wanted = undecided_years_asked(totals, today)
    partnership_id = session.scalar(
        select(PlanVersion.partnership_id).where(PlanVersion.id == plan_version_id)
    )
    stale, without = _stale_indicators(
        session, today, other_partnerships_areas(session, partnership_id)
    )
    return NeedsAttention(
        today=today,
        overdue=overdue,
        undecided_years=wanted,
        undecided=[(t.year, t.undecided) for t in totals if t.year in wanted and t.undecided],
        open_handovers=[h for h in handovers(session, plan_version_id) if h["status"] == "planned"],
        stale_indicators=stale,
        indicators_without_figures=without,
        period=plan_period(session, plan_version_id, today),
    )


def undecided_years_asked(totals: list[YearTotals], today: date) -> list[int]:
    """The budget years whose '?' cells need a decision now: the coming year, or every year
    once the plan has no coming year (its last year has begun, or its period is over)."""
    years = [t.year for t in totals]
    later = [y for y in years if y > today.year]
    return later[:1] or years


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _newest_figures(
    session: Session, not_in: set[str] = frozenset()
) -> dict[int, tuple[str, str, date, str]]:
    """Per indicator, its newest figure's period, period kind, start and area name, in one
    statement that returns one row per indicator whatever the number of figures. Of several
    figures for the same newest period (areas, sources), the one stored last. Figures of the
    areas ``not_in`` (codes) do not count."""
    ranked = (
        select(
            Measurement.id,
            func.row_number()
            .over(
                partition_by=Measurement.indicator_id,
                order_by=(Measurement.period_start.desc(), Measurement.id.desc()),
            )
            .label("rank"),
        )
        .join(Area, Area.id == Measurement.area_id)
        .where(Area.code.not_in(not_in))
        .subquery()
    )
    rows = session.execute(
        select(
            Measurement.indicator_id,
            Measurement.period,
            Measurement.period_kind,
            Measurement.period_start,
            Area.name,
        )
        .join(ranked, and_(ranked.c.id == Measurement.id, ranked.c.rank == 1))
        .join(Area, Area.id == Measurement.area_id)
    )
    return {indicator_id: tuple(rest) for indicator_id, *rest in rows}


def _stale_indicators(session: Session, today: date, not_in: set[str]):
    """Indicators with a regular frequency whose newest figure (of any area but ``not_in``,
    other partnerships' own) is older than one period plus one frequency; and those with a
    frequency but no figure at all."""
    indicators = session.scalars(select(Indicator).order_by(Indicator.position, Indicator.code))
    newest = _newest_figures(session, not_in)
    stale, without = [], []
    for indicator in indicators:
        months = FREQUENCY_MONTHS.get(indicator.frequency)
        if months is None:
            continue
        if indicator.id not in newest:
            without.append(indicator.name)
            continue
        period, kind, start, area_name = newest[indicator.id]
        if _add_months(start, PERIOD_MONTHS.get(kind, 12) + months) <= today:
            stale.append(
                StaleIndicator(
                    indicator.name, indicator.source, indicator.frequency, period, area_name
                )
            )
    return stale, without
