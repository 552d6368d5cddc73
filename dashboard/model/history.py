"""History of edits made in the app (DESIGN.md §5.6: who, when, old → new)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.model.base import Base, utcnow

# The values ``Deliverable.status`` may take, in the order the working group moves through them.
DELIVERABLE_STATUSES = ("not_started", "in_progress", "delayed", "done", "dropped")
# A deliverable in one of these is no longer expected, so it cannot be overdue.
CLOSED_STATUSES = ("done", "dropped")


class DeliverableChange(Base):
    """One applied status edit. ``version`` is the deliverable's version the edit produced:
    unique per deliverable, so the database itself refuses two edits claiming the same step."""

    __tablename__ = "deliverable_change"
    __table_args__ = (UniqueConstraint("deliverable_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    deliverable_id: Mapped[int] = mapped_column(ForeignKey("deliverable.id"), index=True)
    version: Mapped[int]
    changed_by: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    old_status: Mapped[str] = mapped_column(String(20))
    new_status: Mapped[str] = mapped_column(String(20))
    old_comment: Mapped[str] = mapped_column(Text, default="")
    new_comment: Mapped[str] = mapped_column(Text, default="")
    old_status_date: Mapped[date | None]
    new_status_date: Mapped[date | None]
