"""The story behind a curve: the working group's current note on an indicator and every
earlier wording of it. Written by ``dashboard.services.indicator_notes``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Indicator, IndicatorNote, IndicatorNoteChange


@dataclass(frozen=True)
class NoteView:
    text: str
    version: int  # 0 when nothing is written yet
    updated_by: str | None
    updated_at: datetime | None


@dataclass(frozen=True)
class NoteEdit:
    version: int
    old_text: str
    new_text: str
    changed_by: str
    changed_at: datetime


def _note_row(session: Session, indicator: str, partnership_id: int):
    return session.scalars(
        select(IndicatorNote)
        .join(Indicator, Indicator.id == IndicatorNote.indicator_id)
        .where(Indicator.code == indicator, IndicatorNote.partnership_id == partnership_id)
    ).first()


def indicator_note(session: Session, indicator: str, partnership_id: int) -> NoteView:
    """The working group's current note on ``indicator`` (empty, version 0, if none)."""
    note = _note_row(session, indicator, partnership_id)
    if note is None:
        return NoteView("", 0, None, None)
    return NoteView(note.text, note.version, note.updated_by, note.updated_at)


def note_history(session: Session, indicator: str, partnership_id: int) -> list[NoteEdit]:
    """Every saved wording of the note, newest first (none if nothing is written)."""
    note = _note_row(session, indicator, partnership_id)
    if note is None:
        return []
    changes = session.scalars(
        select(IndicatorNoteChange)
        .where(IndicatorNoteChange.note_id == note.id)
        .order_by(IndicatorNoteChange.version.desc())
    )
    return [
        NoteEdit(c.version, c.old_text, c.new_text, c.changed_by, c.changed_at) for c in changes
    ]
