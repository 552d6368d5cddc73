"""The story behind a curve: a short note per indicator that the working group writes and the
steering committee reads, with every earlier wording kept (who, when, old → new)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.model.base import Base, utcnow


class IndicatorNote(Base):
    """The current note on one indicator for one partnership. ``version`` counts the saved
    wordings, so an edit made against an older wording can be refused."""

    __tablename__ = "indicator_note"
    __table_args__ = (UniqueConstraint("indicator_id", "partnership_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"))
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # UPDATE … WHERE version = <read>: of two concurrent saves only the first matches.
    __mapper_args__ = {"version_id_col": version}


class IndicatorNoteChange(Base):
    """One saved wording. Unique (note, version): the database refuses two saves that both
    claim to follow the same wording."""

    __tablename__ = "indicator_note_change"
    __table_args__ = (UniqueConstraint("note_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("indicator_note.id"), index=True)
    version: Mapped[int]
    changed_by: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    old_text: Mapped[str] = mapped_column(Text, default="")
    new_text: Mapped[str] = mapped_column(Text, default="")
