"""Where things sit on the trend charts' year axis, and the events the working group put on
that timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import TimelineEvent


def period_position(start: date, kind: str) -> float:
    """Where a period sits on a year axis: ``2019`` → 2019, ``2019Q3`` → 2019.5,
    ``2014/15`` → 2014.58 (the school year starts in August)."""
    if kind == "year":
        return float(start.year)
    return round(start.year + (start.timetuple().tm_yday - 1) / 365.25, 3)


@dataclass(frozen=True)
class TimelineEntry:
    """An event the working group put on the timeline, placed on the charts' year axis."""

    id: int
    day: date
    label: str
    created_by: str
    x: float


def timeline(session: Session, partnership_id: int) -> list[TimelineEntry]:
    """The partnership's events that are not removed, oldest first."""
    rows = session.scalars(
        select(TimelineEvent)
        .where(
            TimelineEvent.partnership_id == partnership_id,
            TimelineEvent.removed_at.is_(None),
        )
        .order_by(TimelineEvent.event_date, TimelineEvent.id)
    )
    return [
        TimelineEntry(
            e.id, e.event_date, e.label, e.created_by, period_position(e.event_date, "day")
        )
        for e in rows
    ]
