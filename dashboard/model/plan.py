"""The plan as the partnership approves it: versions, focus areas, activities, money."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from dashboard.model.base import Base, utcnow


class Partnership(Base):
    """A safety partnership (tryghedspartnerskab), e.g. Amager Partnerskab."""

    __tablename__ = "partnership"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # The partnership's own area (its successors and the areas inside it count as its own);
    # None until the registry (data_loaders/data/partnerships.csv) or an operator names it.
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    # Who is in the partnership, as the public footer and overview say it.
    members: Mapped[str] = mapped_column(Text, default="")
    # What the partnership is and does (the plan's section A), and where that text is from.
    about: Mapped[str] = mapped_column(Text, default="")
    about_source: Mapped[str] = mapped_column(String(300), default="")
    # Where the partnership works, in words (the map shows ``map_outline``).
    area_text: Mapped[str] = mapped_column(Text, default="")
    # The names of its outlines on the city's map of udsatte byområder, "|" between two.
    map_outline: Mapped[str] = mapped_column(String(300), default="")
    plans: Mapped[list[PlanVersion]] = relationship(back_populates="partnership")
    periods: Mapped[list[PartnershipPeriod]] = relationship(
        cascade="all, delete-orphan", order_by="PartnershipPeriod.first_year"
    )


class PartnershipPeriod(Base):
    """A period the partnership works in (partnerskabsperiode), as a plan states it. Kept per
    partnership, not per plan, because a later plan restates the earlier periods."""

    __tablename__ = "partnership_period"
    __table_args__ = (UniqueConstraint("partnership_id", "first_year", "last_year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"))
    first_year: Mapped[int]
    last_year: Mapped[int]
    source_text: Mapped[str] = mapped_column(Text)

    @classmethod
    def holding(cls, session: Session, partnership_id: int, year: int) -> PartnershipPeriod | None:
        """The partnership's stated period that holds ``year`` (the latest-starting one if
        periods overlap): the one rule the period's readers and the services share."""
        return session.scalars(
            select(cls)
            .where(
                cls.partnership_id == partnership_id,
                cls.first_year <= year,
                cls.last_year >= year,
            )
            .order_by(cls.first_year.desc())
            .limit(1)
        ).first()


class Party(Base):
    """An organisation or unit that can be responsible for an activity (ansvarlig aktør)."""

    __tablename__ = "party"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(40))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"))
    parent: Mapped[Party | None] = relationship(remote_side=[id])


class PlanVersion(Base):
    """One loaded Tryghedsplan document. Revisions sit side by side, never overwritten."""

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("partnership_id", "year", "revision"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"))
    year: Mapped[int]
    revision: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(300))
    source_file: Mapped[str] = mapped_column(String(500))
    source_sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    partnership: Mapped[Partnership] = relationship(back_populates="plans")
    approvals: Mapped[list[PlanApproval]] = relationship(
        cascade="all, delete-orphan", order_by="PlanApproval.date"
    )
    focus_areas: Mapped[list[FocusArea]] = relationship(
        cascade="all, delete-orphan", order_by="FocusArea.position"
    )
    activities: Mapped[list[Activity]] = relationship(
        cascade="all, delete-orphan", order_by="Activity.position"
    )
    budget_lines: Mapped[list[BudgetLine]] = relationship(
        cascade="all, delete-orphan", order_by="BudgetLine.position"
    )
    measures: Mapped[list[PlanMeasure]] = relationship(
        cascade="all, delete-orphan", order_by="PlanMeasure.position"
    )
    frames: Mapped[list[BudgetFrame]] = relationship(
        cascade="all, delete-orphan", order_by="BudgetFrame.year"
    )


class PlanApproval(Base):
    """A body that approves or funds the plan, and when (e.g. Økonomiudvalget 6.12.2016)."""

    __tablename__ = "plan_approval"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"))
    body: Mapped[str] = mapped_column(String(120))
    date: Mapped[date]
    text: Mapped[str] = mapped_column(Text)


class FocusArea(Base):
    """Indsatsområde. ``number`` is None for the cross-cutting area."""

    __tablename__ = "focus_area"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"))
    number: Mapped[int | None]
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int]


class Activity(Base):
    """Aktivitet or delaktivitet (``parent`` set)."""

    __tablename__ = "activity"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"))
    focus_area_id: Mapped[int | None] = mapped_column(ForeignKey("focus_area.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id"))
    name: Mapped[str] = mapped_column(String(200))
    table_name: Mapped[str | None] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    target_group: Mapped[str] = mapped_column(Text, default="")
    timeline: Mapped[str] = mapped_column(Text, default="")
    responsible_text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int]
    focus_area: Mapped[FocusArea | None] = relationship()
    parent: Mapped[Activity | None] = relationship(remote_side=[id])
    deliverables: Mapped[list[Deliverable]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="Deliverable.position"
    )
    responsible: Mapped[list[ActivityResponsible]] = relationship(
        cascade="all, delete-orphan", order_by="ActivityResponsible.position"
    )
    handovers: Mapped[list[Handover]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )


class ActivityResponsible(Base):
    """A party responsible for an activity: ``lead`` (tovholder) or ``co``."""

    __tablename__ = "activity_responsible"
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(10))
    position: Mapped[int]
    party: Mapped[Party] = relationship()


class Deliverable(Base):
    """Leverance. ``version`` guards against stale edits (optimistic locking)."""

    __tablename__ = "deliverable"
    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int]
    due_text: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    status_date: Mapped[date | None]
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str | None] = mapped_column(String(120))
    updated_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)
    activity: Mapped[Activity] = relationship(back_populates="deliverables")
    responsible: Mapped[list[DeliverableResponsible]] = relationship(
        cascade="all, delete-orphan", order_by="DeliverableResponsible.position"
    )

    __mapper_args__ = {"version_id_col": version}


class DeliverableResponsible(Base):
    __tablename__ = "deliverable_responsible"
    deliverable_id: Mapped[int] = mapped_column(ForeignKey("deliverable.id"), primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(10))
    position: Mapped[int]
    party: Mapped[Party] = relationship()


class BudgetLine(Base):
    """One cell of the overview table. ``amount`` None means undecided ('?'), never zero."""

    __tablename__ = "budget_line"
    __table_args__ = (UniqueConstraint("plan_version_id", "label", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id"))
    focus_area_id: Mapped[int | None] = mapped_column(ForeignKey("focus_area.id"))
    label: Mapped[str] = mapped_column(String(200))
    year: Mapped[int]
    amount: Mapped[int | None]
    unknown_reason: Mapped[str | None] = mapped_column(String(200))
    footnote: Mapped[str | None] = mapped_column(Text)
    source_location: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]
    activity: Mapped[Activity | None] = relationship()
    focus_area: Mapped[FocusArea | None] = relationship()


class BudgetFrame(Base):
    """The yearly frame from the table's "I alt" row (1.200.000 kr. for Amager)."""

    __tablename__ = "budget_frame"
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    amount: Mapped[int]


class Handover(Base):
    """Forankring: the cost moves to a party's regular budget, as the plan states it."""

    __tablename__ = "handover"
    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activity.id"))
    activity: Mapped[Activity] = relationship(back_populates="handovers")
    to_party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"))
    from_year: Mapped[int | None]
    gradual: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    text: Mapped[str] = mapped_column(Text)
    source_location: Mapped[str] = mapped_column(String(200))
    to_party: Mapped[Party | None] = relationship()


class PlanMeasure(Base):
    """A measurement the plan commits to ("De konkrete målinger …")."""

    __tablename__ = "plan_measure"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id"))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int]
    activity: Mapped[Activity | None] = relationship()


class LoadLog(Base):
    """Every load attempt that got as far as the database: file, hash, outcome, who, when."""

    __tablename__ = "load_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(20))
    rows: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    # The reader's warnings, one a line ("" none; None for loads made before they were kept)
    warnings: Mapped[str | None] = mapped_column(Text)
    loaded_by: Mapped[str] = mapped_column(String(120), default="")
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    plan_version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_version.id"))
    # The partnership the load was for (None: shared figures, or loads from before 0015).
    partnership_id: Mapped[int | None] = mapped_column(ForeignKey("partnership.id"))
