"""Events in the area that may explain a curve (new lighting, a police visitation zone, a
closed youth club), drawn as dated lines on every trend chart. The working group adds them;
a removed event is kept with who removed it, so nothing the committee once read vanishes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.model.base import Base, utcnow


class TimelineEvent(Base):
    __tablename__ = "timeline_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    event_date: Mapped[date]
    label: Mapped[str] = mapped_column(String(120))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed_by: Mapped[str | None] = mapped_column(String(120))
    removed_at: Mapped[datetime | None]
