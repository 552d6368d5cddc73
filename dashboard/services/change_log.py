"""What the pool and the safety walks keep of every change: one history row per change of a
versioned row (the fields that changed, old and new), and a concurrent change refused."""

from __future__ import annotations

import json

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from dashboard.services.errors import EditRefused


class StaleEdit(EditRefused):
    """Someone changed the row after the user opened it."""

    def __init__(self):
        super().__init__(
            "Det er ændret af en anden, efter du åbnede siden. Indlæs siden igen, og "
            "registrér på ny, hvis det stadig er rigtigt."
        )


def record_change(
    log, session, user, partnership_id, entity, row, action, old: dict, new: dict
) -> None:
    """One row of the history table ``log`` for ``row`` at its current version: the fields
    that changed, as [old, new]."""
    changed = {k: [old.get(k), new[k]] for k in new if old.get(k) != new[k]}
    session.add(
        log(
            partnership_id=partnership_id,
            entity=entity,
            entity_id=row.id,
            version=row.version,
            action=action,
            changes=json.dumps(changed, ensure_ascii=False, default=str),
            changed_by=user.username,
            user_id=user.id,
        )
    )


def flush_or_refuse(session: Session, stale: type[StaleEdit] = StaleEdit) -> None:
    """Flush; a concurrent change (version no longer the one read, or two history rows
    claiming one version) is refused as ``stale``, with the transaction rolled back."""
    try:
        session.flush()
    except (StaleDataError, IntegrityError):
        session.rollback()
        raise stale() from None
