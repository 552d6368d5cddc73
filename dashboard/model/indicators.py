"""Safety and crime figures: the indicator catalogue, areas, measurements, baselines and targets."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dashboard.model.base import Base, utcnow

# The kind of area a partnership covers; the areas inside one and its successors are "own".
PARTNERSHIP_AREA_KIND = "partnership_area"
# The two effects of the theory of change an effect indicator serves (``Indicator.effect``).
EFFECTS = ("øget tryghed", "mindre kriminalitet")


class Indicator(Base):
    """What is measured, how, and whether up or down is good.

    ``kind`` is ``effect`` (the theory of change's øget tryghed / mindre kriminalitet),
    ``output`` (what an activity delivers) or ``context``. ``activity_name`` names the plan
    activity an output belongs to, by name, so the catalogue does not depend on a loaded plan.
    """

    __tablename__ = "indicator"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    definition: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(40))
    direction: Mapped[str] = mapped_column(String(20))  # higher_better | lower_better | neutral
    kind: Mapped[str] = mapped_column(String(20))  # effect | output | context
    effect: Mapped[str | None] = mapped_column(String(80))  # øget tryghed | mindre kriminalitet
    frequency: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    activity_name: Mapped[str | None] = mapped_column(String(200))
    # The item of the plan's "De konkrete målinger …" list this indicator answers, verbatim.
    plan_measure: Mapped[str | None] = mapped_column(Text)
    # Plausible range, so a percentage above 100 or a negative count is refused at load.
    min_value: Mapped[float | None] = mapped_column(Float)
    max_value: Mapped[float | None] = mapped_column(Float)
    whole_number: Mapped[bool] = mapped_column(default=False)
    # Whether a count of this indicator counts persons (victims, charged children,
    # participants, respondents): the public pages and the open data publish such a count
    # below 5 as "under 5". False for counts of things (walks held, newsletters, activities),
    # which are published as they are. True unless the catalogue says otherwise: an indicator
    # nobody has classified is treated as counting people.
    counts_people: Mapped[bool] = mapped_column(default=True, server_default=true())
    # How Statistics Denmark names this figure: table + value code/label of its indicator variable.
    dst_table: Mapped[str | None] = mapped_column(String(20))
    dst_code: Mapped[str | None] = mapped_column(String(40))
    dst_label: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)


class Area(Base):
    """A geographic unit. ``parent`` gives the hierarchy (Urbanplanen in the partnership area …).

    When an area changes shape (the partnership area was enlarged in 2021) the new shape is a
    new area whose ``predecessor`` is the old one, valid from ``valid_from``: a series continues
    across the two only with a visible break, never as if the figures were comparable.
    """

    __tablename__ = "area"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    predecessor_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    valid_from: Mapped[int | None]
    valid_to: Mapped[int | None]
    break_note: Mapped[str] = mapped_column(Text, default="")
    dst_code: Mapped[str | None] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(default=0)
    parent: Mapped[Area | None] = relationship(remote_side=[id], foreign_keys=[parent_id])
    predecessor: Mapped[Area | None] = relationship(remote_side=[id], foreign_keys=[predecessor_id])
    aliases: Mapped[list[AreaAlias]] = relationship(cascade="all, delete-orphan")


class AreaAlias(Base):
    """Another name sources use for an area ("Københavns Kommune" for København)."""

    __tablename__ = "area_alias"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"))


class Measurement(Base):
    """One figure. The natural key is (indicator, area, period, source): two sources that
    disagree about the same indicator, area and period are both kept.

    ``period`` is canonical: ``2019`` (year), ``2019Q3`` (quarter), ``2014/15`` (school year).
    ``describes_period`` is the period the figure is about when that differs from the period
    the source names it by (a survey "2013" that reports on 2012).
    """

    __tablename__ = "measurement"
    __table_args__ = (
        UniqueConstraint("indicator_id", "area_id", "period", "source"),
        Index("ix_measurement_load_id", "load_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"))
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"))
    period: Mapped[str] = mapped_column(String(20))
    period_kind: Mapped[str] = mapped_column(String(20))
    period_start: Mapped[date]
    describes_period: Mapped[str | None] = mapped_column(String(20))
    value: Mapped[float] = mapped_column(Float)
    unit_detail: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(1000))
    note: Mapped[str] = mapped_column(Text, default="")
    load_id: Mapped[int | None] = mapped_column(ForeignKey("load_log.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    indicator: Mapped[Indicator] = relationship()
    area: Mapped[Area] = relationship()


class MeasurementChange(Base):
    """A re-load that changed a figure: old and new value and note, and which load did it."""

    __tablename__ = "measurement_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    measurement_id: Mapped[int] = mapped_column(ForeignKey("measurement.id"), index=True)
    load_id: Mapped[int | None] = mapped_column(ForeignKey("load_log.id"))
    old_value: Mapped[float] = mapped_column(Float)
    new_value: Mapped[float] = mapped_column(Float)
    old_note: Mapped[str] = mapped_column(Text, default="")
    new_note: Mapped[str] = mapped_column(Text, default="")
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class Baseline(Base):
    """The starting point a plan states for an indicator. Plans are revised yearly, so the
    baseline belongs to a plan year; ``period`` is what the figure describes, when stated."""

    __tablename__ = "baseline"
    __table_args__ = (UniqueConstraint("indicator_id", "area_id", "plan_year", "source"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"))
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"))
    partnership_name: Mapped[str] = mapped_column(String(200))
    plan_year: Mapped[int]
    period: Mapped[str | None] = mapped_column(String(20))
    value: Mapped[float] = mapped_column(Float)
    qualifier: Mapped[str] = mapped_column(String(40), default="")  # "op mod", "præcis" …
    text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(1000))
    indicator: Mapped[Indicator] = relationship()
    area: Mapped[Area] = relationship()


class Target(Base):
    """A target a plan sets: at least ``min_value`` and/or at most ``max_value`` per ``per``.

    ``activity_name`` is the plan's wording; ``activity_id`` is filled once that plan is loaded
    (see ``data_loaders.load_indicators.link_plan_targets``).
    """

    __tablename__ = "target"
    __table_args__ = (UniqueConstraint("indicator_id", "partnership_name", "plan_year", "source"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    partnership_name: Mapped[str] = mapped_column(String(200))
    plan_year: Mapped[int]
    min_value: Mapped[float | None] = mapped_column(Float)
    max_value: Mapped[float | None] = mapped_column(Float)
    per: Mapped[str] = mapped_column(String(20), default="year")
    text: Mapped[str] = mapped_column(Text)
    activity_name: Mapped[str | None] = mapped_column(String(200))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id"))
    plan_version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_version.id"))
    source: Mapped[str] = mapped_column(String(1000))
    indicator: Mapped[Indicator] = relationship()
