"""The story behind a curve: the working group's note on an indicator, saved with history.

The note is plain text: pages show it as text, never as HTML. Saves carry the version the
writer saw; a save against an older version is refused with what is stored now.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from dashboard.model import Indicator, IndicatorNote, IndicatorNoteChange
from dashboard.model.base import utcnow
from dashboard.roles import EDIT_ROLES
from dashboard.services.errors import EditRefused, InvalidEdit, require_role
from dashboard.services.ownership import require_known_partnership

MAX_NOTE_LENGTH = 3000


@dataclass(frozen=True)
class StoredNote:
    version: int
    text: str
    updated_by: str


class StaleNote(EditRefused):
    """Someone saved the note after the user opened it."""

    def __init__(self, current: StoredNote | None):
        who = current.updated_by if current else "en anden"
        super().__init__(
            f"Noten er ændret af {who}, efter du åbnede den. "
            "Læs den nye tekst, og gem igen, hvis din stadig er rigtig."
        )
        self.current = current


def save_indicator_note(
    session: Session,
    user,
    indicator_code: str,
    partnership_id: int,
    expected_version: int,
    text: str,
) -> IndicatorNoteChange:
    """Write the note on one indicator for one partnership in the caller's transaction and
    return its history row. ``expected_version`` is 0 for a first note.

    Refuses with ``NotAllowed`` anyone but an active arbejdsgruppe/admin user; with
    ``InvalidEdit`` an unknown indicator or partnership, an over-long text or a save that
    changes nothing; with ``StaleNote`` a save against an older version. Writes nothing then."""
    require_role(user, EDIT_ROLES, "Du har ikke adgang til at skrive noter.")
    indicator_id = session.scalar(select(Indicator.id).where(Indicator.code == indicator_code))
    if indicator_id is None:
        raise InvalidEdit("Indikatoren findes ikke.")
    require_known_partnership(session, partnership_id)
    text = (text or "").strip()
    if len(text) > MAX_NOTE_LENGTH:
        raise InvalidEdit(f"Noten må højst være {MAX_NOTE_LENGTH} tegn.")
    note = _note(session, indicator_id, partnership_id)
    if (note.version if note else 0) != expected_version:
        raise StaleNote(_stored(note))
    if (note.text if note else "") == text:
        raise InvalidEdit("Intet er ændret.")
    old_text = note.text if note else ""
    if note is None:
        note = IndicatorNote(indicator_id=indicator_id, partnership_id=partnership_id)
        session.add(note)
    note.text, note.updated_by, note.updated_at = text, user.username, utcnow()
    try:
        # A new note is INSERTed (the unique key refuses a second first note); an existing
        # one is UPDATEd WHERE version = the version read (version_id_col).
        session.flush()
        change = IndicatorNoteChange(
            note_id=note.id,
            version=note.version,
            changed_by=user.username,
            user_id=user.id,
            old_text=old_text,
            new_text=text,
        )
        session.add(change)
        session.flush()
    except (StaleDataError, IntegrityError):
        session.rollback()
        session.expire_all()
        raise StaleNote(_stored(_note(session, indicator_id, partnership_id))) from None
    return change


def _note(session: Session, indicator_id: int, partnership_id: int) -> IndicatorNote | None:
    return session.scalars(
        select(IndicatorNote).where(
            IndicatorNote.indicator_id == indicator_id,
            IndicatorNote.partnership_id == partnership_id,
        )
    ).first()


def _stored(note: IndicatorNote | None) -> StoredNote | None:
    return None if note is None else StoredNote(note.version, note.text, note.updated_by)
