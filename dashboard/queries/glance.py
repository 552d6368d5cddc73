"""The state at a glance, as data: per budget year the money allocated, not allocated and
still '?'; the deliverables done, delayed and overdue (or not done by the end of a finished
period); two or three headline indicators with their change and target; and what waits for
a decision. ``components.glance_tiles`` writes it in Danish for /moede, /okonomi and the
meeting pack alike. The figures come from the queries those pages use (``budget``,
``deliverables``, ``indicator_cards``, ``attention``), never counted a second way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from dashboard.queries.attention import undecided_years_asked
from dashboard.queries.budget import YearTotals, handovers, year_totals
from dashboard.queries.bylivspulje import waiting_recommendations
from dashboard.queries.deliverables import deliverable_table, status_summary
from dashboard.queries.indicator_cards import IndicatorCard, indicator_cards
from dashboard.queries.period import PlanPeriod, plan_period
from dashboard.queries.plan import latest_plan
from dashboard.queries.public_figures import KEY_TRENDS

# The headline indicators: the public page's key trends, in its order.
HEADLINES = tuple(dict.fromkeys(code for code, _area in KEY_TRENDS))


@dataclass(frozen=True)
class YearMoney:
    """One budget year: ``allocated`` sums the known amounts; ``undecided`` counts the '?'
    cells (never summed as 0); ``unallocated`` is frame − allocated, None without a frame."""

    year: int
    frame: int | None
    allocated: int
    unallocated: int | None
    undecided: int


@dataclass(frozen=True)
class DeliverableCounts:
    """Each deliverable once: in all, per status, overdue (judged on the period's
    ``judged_on`` day) and, in a finished period, not done by its end."""

    total: int
    done: int
    delayed: int
    in_progress: int
    not_started: int
    dropped: int
    overdue: int
    unfinished_at_end: int


@dataclass(frozen=True)
class Waiting:
    """What waits for a decision: the '?' cells of the years the needs-attention list asks
    about (``queries.attention``), the forankring without a decision and the Bylivspulje
    recommendations the committee has not decided."""

    undecided_cells: int
    undecided_years: list[int]
    open_handovers: int
    pool_recommendations: int
    pool_amount: int


@dataclass(frozen=True)
class Glance:
    period: PlanPeriod | None
    money: list[YearMoney]
    deliverables: DeliverableCounts
    headlines: list[IndicatorCard]
    waiting: Waiting


def _money(totals: list[YearTotals]) -> list[YearMoney]:
    return [YearMoney(t.year, t.frame, t.known, t.unallocated, len(t.undecided)) for t in totals]


def _deliverables(session: Session, plan_version_id: int, today: date) -> DeliverableCounts:
    summary = status_summary(deliverable_table(session, plan_version_id, today))
    counts = summary.by_status
    return DeliverableCounts(
        total=summary.deliverables,
        done=counts.get("done", 0),
        delayed=counts.get("delayed", 0),
        in_progress=counts.get("in_progress", 0),
        not_started=counts.get("not_started", 0),
        dropped=counts.get("dropped", 0),
        overdue=summary.overdue,
        unfinished_at_end=summary.unfinished_at_end,
    )


def headlines(session: Session, partnership_id: int) -> list[IndicatorCard]:
    """The ``HEADLINES`` indicators' cards that have figures, in that order."""
    cards = {c.indicator: c for c in indicator_cards(session, partnership_id, only=HEADLINES)}
    return [cards[code] for code in HEADLINES if code in cards]


def _waiting(
    session: Session, partnership_id: int, version_id: int, totals: list[YearTotals], today: date
) -> Waiting:
    """What waits, by the needs-attention list's rules (``queries.attention``) without
    computing the rest of that list."""
    asked = undecided_years_asked(totals, today)
    undecided = [t for t in totals if t.year in asked and t.undecided]
    pool = waiting_recommendations(session, partnership_id)
    return Waiting(
        undecided_cells=sum(len(t.undecided) for t in undecided),
        undecided_years=[t.year for t in undecided],
        open_handovers=sum(1 for h in handovers(session, version_id) if h["status"] == "planned"),
        pool_recommendations=len(pool),
        pool_amount=sum(r.amount for r in pool),
    )


def glance(session: Session, partnership_id: int, today: date) -> Glance | None:
    """The partnership's state at a glance from its newest plan, as of ``today``; None
    when it has no plan."""
    version = latest_plan(session, partnership_id)
    if version is None:
        return None
    totals = year_totals(session, version.id)
    return Glance(
        period=plan_period(session, version.id, today),
        money=_money(totals),
        deliverables=_deliverables(session, version.id, today),
        headlines=headlines(session, partnership_id),
        waiting=_waiting(session, partnership_id, version.id, totals, today),
    )
