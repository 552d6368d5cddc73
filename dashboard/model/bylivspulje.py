"""Bylivspuljen (plan section F): the pool the working group recommends and the steering
committee grants from during the year. Applications arrive through the working group (or the
reference group via the working group); the working group recommends, often several
applications in one package; the committee decides, at a meeting or in writing; the
applicant's project is followed up. The pool's frame is the plan's budget line
"Bylivspuljen" for the year, read from the plan and never stored here, so a '?' stays
undecided. No personal names: the applicant is a kind and an organisation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from dashboard.model.base import Base, utcnow
from dashboard.model.plan import BudgetLine, PlanVersion
from dashboard.numbers import end_sentence, kroner

# The plan's budget line the pool's frame is read from.
POOL_BUDGET_LABEL = "Bylivspuljen"
# Code → Danish words, in the plan's order (section F, "Bylivspuljen kan f.eks. bruges til").
POOL_USES = {
    "fysisk": "Mindre fysiske projekter (maling, beskæring, lys) på utrygge steder",
    "udviklingsplan": "Støtte til de fysiske udviklingsplaner og gode opholdsrum",
    "akut": "Hurtig handling på akutte tryghedsproblemer",
    "kvalitet": "Kvalitet i årets tryghedsskabende aktiviteter",
    "arrangement": "Dialog- og tryghedsskabende arrangementer (Urbanfestival, Lysfest, "
    "tryghedsvandring) og referencegruppens aktiviteter",
    "urbanplanen": "Mindre dialog- og tryghedsskabende aktiviteter i Urbanplanen",
}
APPLICANT_KINDS = {
    "personale": "Personale",
    "beboer": "Beboer",
    "nabo": "Nabo",
    "forening": "Forening",
}
RECEIVED_VIA = {"arbejdsgruppe": "Arbejdsgruppen", "referencegruppe": "Referencegruppen"}


class PoolRecommendation(Base):
    """The working group's recommendation (indstilling) on one or more applications, and the
    committee's decision on it once made (``decided_on`` set). A decision at a meeting is
    also a row of the meeting's decision log (``decision_id``); one in writing has no
    meeting. ``frame_raise`` is what a grant above the money left raised the frame by."""

    __tablename__ = "pool_recommendation"
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    year: Mapped[int]
    in_favour: Mapped[bool]
    amount: Mapped[int]
    reason: Mapped[str] = mapped_column(Text, default="")
    recommended_on: Mapped[date]
    decided_on: Mapped[date | None]
    in_writing: Mapped[bool] = mapped_column(default=False)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"))
    frame_raise: Mapped[int] = mapped_column(default=0)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    __mapper_args__ = {"version_id_col": version}


class PoolApplication(Base):
    """One application to the pool, with what became of it: the recommendation it is part
    of, the amount granted (set by the decision, 0 for a refusal) and the follow-up."""

    __tablename__ = "pool_application"
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    year: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(Text, default="")
    use: Mapped[str] = mapped_column(String(20))
    applicant_kind: Mapped[str] = mapped_column(String(20))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    amount_asked: Mapped[int]
    place: Mapped[str | None] = mapped_column(String(200))
    # The place's point on the partnership's map (both or neither), checked to lie in its
    # area by the same rule as a safety walk's finding (``dashboard.geometry.in_outline``).
    lon: Mapped[float | None]
    lat: Mapped[float | None]
    received_on: Mapped[date]
    received_via: Mapped[str] = mapped_column(String(20))
    recommendation_id: Mapped[int | None] = mapped_column(
        ForeignKey("pool_recommendation.id"), index=True
    )
    amount_granted: Mapped[int | None]
    carried_out: Mapped[bool | None]
    amount_spent: Mapped[int | None]
    report: Mapped[str] = mapped_column(Text, default="")
    reported_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    __mapper_args__ = {"version_id_col": version}


class PoolChange(Base):
    """One applied change of an application or a recommendation (who, when, old → new).
    ``changes`` is JSON ``{"field": [old, new], …}``. Unique (entity, id, version): the
    database refuses two changes that both claim to follow the same version."""

    __tablename__ = "pool_change"
    __table_args__ = (UniqueConstraint("entity", "entity_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    entity: Mapped[str] = mapped_column(String(20))  # application | recommendation
    entity_id: Mapped[int]
    version: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))  # created | recommended | decided | reported
    changes: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


@dataclass(frozen=True)
class PoolMoney:
    """The year's money. ``frame`` is the plan's line plus what decisions raised it by, None
    while the plan says '?' (undecided, never 0); ``left`` is then None too, while grants
    are still summed."""

    year: int
    has_line: bool
    frame: int | None
    granted: int
    spent: int
    raised: int

    @property
    def left(self) -> int | None:
        return None if self.frame is None else self.frame - self.granted


def _version_in_force(session: Session, partnership_id: int):
    return session.scalar(
        select(PlanVersion.id)
        .where(PlanVersion.partnership_id == partnership_id)
        .order_by(PlanVersion.year.desc(), PlanVersion.revision.desc(), PlanVersion.id.desc())
        .limit(1)
    )


def pool_line(session: Session, partnership_id: int, year: int):
    """(id, amount) of the year's "Bylivspuljen" line in the partnership's plan revision in
    force, or None; amount None for an undecided '?'."""
    return session.execute(
        select(BudgetLine.id, BudgetLine.amount).where(
            BudgetLine.plan_version_id == _version_in_force(session, partnership_id),
            BudgetLine.label == POOL_BUDGET_LABEL,
            BudgetLine.year == year,
        )
    ).first()


def pool_money(session: Session, partnership_id: int, year: int) -> PoolMoney:
    """The year's money (``pool_money_by_year`` for one year)."""
    return pool_money_by_year(session, partnership_id, [year])[year]


def pool_money_by_year(
    session: Session, partnership_id: int, years: Iterable[int]
) -> dict[int, PoolMoney]:
    """The one place the pool's money is summed: the service checks a grant against it and
    the pages and the meeting views show it, so they cannot disagree. Four statements for
    any number of years (/okonomi shows every year of the pool)."""
    years = sorted(set(years))
    lines = dict(
        session.execute(
            select(BudgetLine.year, BudgetLine.amount).where(
                BudgetLine.plan_version_id == _version_in_force(session, partnership_id),
                BudgetLine.label == POOL_BUDGET_LABEL,
                BudgetLine.year.in_(years),
            )
        ).all()
    )
    sums = {
        year: (granted, spent)
        for year, granted, spent in session.execute(
            select(
                PoolApplication.year,
                func.sum(PoolApplication.amount_granted),
                func.sum(PoolApplication.amount_spent),
            )
            .where(PoolApplication.partnership_id == partnership_id)
            .where(PoolApplication.year.in_(years))
            .group_by(PoolApplication.year)
        )
    }
    raised = dict(
        session.execute(
            select(PoolRecommendation.year, func.sum(PoolRecommendation.frame_raise))
            .where(PoolRecommendation.partnership_id == partnership_id)
            .where(PoolRecommendation.year.in_(years))
            .group_by(PoolRecommendation.year)
        ).all()
    )
    money = {}
    for year in years:
        granted, spent = sums.get(year, (None, None))
        raise_by = raised.get(year) or 0
        amount = lines.get(year)
        money[year] = PoolMoney(
            year=year,
            has_line=year in lines,
            frame=None if amount is None else amount + raise_by,
            granted=granted or 0,
            spent=spent or 0,
            raised=raise_by,
        )
    return money


def decision_text(grants: list[tuple[str, int]], year: int, raise_by: int, note: str) -> str:
    """A decision's words, "Bylivspuljen 2017: Lys i stien: 30.000 kr.; …", from the
    ``(title, amount granted)`` of its package: what a meeting's decision log stores, and
    what the log shows for a decision in writing (``queries.meetings``), so both read alike."""
    granted = "; ".join(f"{title}: {kroner(amount)}" for title, amount in grants)
    text = end_sentence(f"Bylivspuljen {year}: {granted}")
    if raise_by:
        text += " " + end_sentence(f"Rammen hæves med {kroner(raise_by)}")
    return f"{text} {note}".strip()
