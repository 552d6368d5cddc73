"""Meetings of the partnership's bodies, their agenda and the decisions taken, with history.

A meeting belongs to one partnership. The plan's approvals (Styregruppen 24.10.2016 …) become
meetings when the plan is loaded; the working group and the secretariat add the rest in the
app. Decisions link to what they concern, by id *and* by a readable label: plan revisions
create new rows for activities, deliverables and budget lines, and a decision must stay
readable after the item it named has been superseded.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dashboard.model.base import Base, utcnow

# Code → Danish name. The code is what is stored; the name is what the UI shows.
MEETING_BODIES = {
    "styregruppe": "Styregruppen",
    "arbejdsgruppe": "Arbejdsgruppen",
    "okonomiudvalget": "Økonomiudvalget",
    "borgerrepraesentationen": "Borgerrepræsentationen",
}
# What a decision can concern.
LINK_KINDS = ("deliverable", "budget_line", "activity", "handover")


def link_label(kind: str, name: str, detail: str | int | None = None) -> str:
    """How a decision names what it concerns: ``Leverance: <activity>: <text>``,
    ``Budget: <line> <year>``, ``Aktivitet: <name>``, ``Forankring: <activity>``. The same
    words identify the item in a later plan revision, where its id is new."""
    if kind == "deliverable":
        return f"Leverance: {name}: {detail}"
    if kind == "budget_line":
        return f"Budget: {name} {detail}"
    if kind == "activity":
        return f"Aktivitet: {name}"
    return f"Forankring: {name}"


class Meeting(Base):
    """One meeting. ``start_time`` may be unknown (the plan gives dates only). ``version``
    counts applied edits (agenda included), so a stale edit can be refused."""

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("partnership_id", "body", "date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"))
    body: Mapped[str] = mapped_column(String(40))
    date: Mapped[date]
    start_time: Mapped[time | None]
    title: Mapped[str] = mapped_column(String(300))
    # Where the meeting came from: "app", or the plan document that names it.
    source: Mapped[str] = mapped_column(String(300), default="app")
    plan_version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_version.id"))
    created_by: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    agenda: Mapped[list[AgendaItem]] = relationship(
        cascade="all, delete-orphan", order_by="AgendaItem.position"
    )
    notes: Mapped[list[MeetingNote]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingNote.id"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Decision.position"
    )


class AgendaItem(Base):
    __tablename__ = "agenda_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(Text)


class Decision(Base):
    """A decision recorded at a meeting (beslutning), in the meeting's own words."""

    __tablename__ = "decision"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    meeting: Mapped[Meeting] = relationship(back_populates="decisions")
    links: Mapped[list[DecisionLink]] = relationship(
        cascade="all, delete-orphan", order_by="DecisionLink.id"
    )


class MeetingNote(Base):
    """A note on a meeting by a member of the steering committee or the secretariat (a
    question for the agenda, a point to follow up): kept as written, with who and when."""

    __tablename__ = "meeting_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DecisionLink(Base):
    """What a decision concerns: exactly one of the ids is set, matching ``kind``.
    ``label`` ("Bylivspuljen 2018") keeps the link readable if the item is superseded."""

    __tablename__ = "decision_link"
    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    deliverable_id: Mapped[int | None] = mapped_column(ForeignKey("deliverable.id"))
    budget_line_id: Mapped[int | None] = mapped_column(ForeignKey("budget_line.id"))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activity.id"))
    handover_id: Mapped[int | None] = mapped_column(ForeignKey("handover.id"))
    label: Mapped[str] = mapped_column(Text)


class MeetingChange(Base):
    """One edit of a meeting, its agenda or its decisions (DESIGN.md §5.6: who, when,
    old → new). ``changes`` is JSON: ``{"field": [old, new], …}``. ``meeting_id`` is kept
    as a plain reference, so the history outlives anything it describes."""

    __tablename__ = "meeting_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(index=True)
    entity: Mapped[str] = mapped_column(String(20))  # meeting | decision
    entity_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(20))  # created | changed
    changes: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
