"""Which partnerships the installation serves, the one a URL names, and their periods in
time: the spans their plans cover, the partnership periods drawn behind the charts, and how
long a plan's statement holds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.model import BudgetLine, Partnership, PartnershipPeriod, PlanVersion
from dashboard.queries.transaction_memo import per_transaction


@dataclass(frozen=True)
class PartnershipRef:
    """A partnership as pages, URLs and permissions name it."""

    id: int
    slug: str
    name: str


def _ref(row: Partnership) -> PartnershipRef:
    return PartnershipRef(row.id, row.slug, row.name)


def partnerships(session: Session) -> list[PartnershipRef]:
    """Every partnership the installation serves, by name."""
    return [_ref(p) for p in session.scalars(select(Partnership).order_by(Partnership.name))]


@per_transaction
def partnership_by_slug(session: Session, slug: str | None) -> PartnershipRef | None:
    if not slug:
        return None
    found = session.scalar(select(Partnership).where(Partnership.slug == slug))
    return _ref(found) if found else None


def only_partnership(session: Session) -> PartnershipRef | None:
    """The partnership when the installation serves exactly one, else None."""
    found = session.scalars(select(Partnership).limit(2)).all()
    return _ref(found[0]) if len(found) == 1 else None


@dataclass(frozen=True)
class ChartPeriod:
    """A span drawn behind a chart (a partnership period) or, without ``end``, a moment."""

    start: float
    end: float | None
    label: str


@per_transaction
def plan_spans(session: Session, partnership_id: int) -> Mapping[tuple[str, int], tuple[int, int]]:
    """(partnership name, plan year) → the first and last budget year of that plan, for the
    partnership's plans."""
    rows = session.execute(
        select(
            Partnership.name,
            PlanVersion.year,
            func.min(BudgetLine.year),
            func.max(BudgetLine.year),
        )
        .join(PlanVersion, PlanVersion.partnership_id == Partnership.id)
        .join(BudgetLine, BudgetLine.plan_version_id == PlanVersion.id)
        .where(Partnership.id == partnership_id)
        .group_by(Partnership.name, PlanVersion.year)
    ).all()
    return MappingProxyType({(name, year): (first, last) for name, year, first, last in rows})


def partnership_periods(
    session: Session,
    partnership_id: int,
    spans: Mapping[tuple[str, int], tuple[int, int]] | None = None,
) -> list[ChartPeriod]:
    """The partnership periods the plans state ("den første periode fra 2013-2016"); for a
    partnership whose plans state none, the budget years of its plans (``spans``, as
    ``plan_spans`` returns them, when the caller has them already). One band per span."""
    stated = session.execute(
        select(Partnership.name, PartnershipPeriod.first_year, PartnershipPeriod.last_year)
        .join(PartnershipPeriod.__table__, PartnershipPeriod.partnership_id == Partnership.id)
        .where(Partnership.id == partnership_id)
    ).all()
    found = {(name, first, last) for name, first, last in stated}
    named = {name for name, _first, _last in found}
    if spans is None:
        spans = plan_spans(session, partnership_id)
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


def partnership_members(session: Session, partnership_id: int) -> str:
    """Who is in the partnership, as its registry entry says it ("" when not stated)."""
    return session.scalar(select(Partnership.members).where(Partnership.id == partnership_id)) or ""
