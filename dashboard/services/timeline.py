"""Events on the trend charts' timeline: added and removed by the working group.

The label is plain text (shown as text, never HTML). Removing keeps the row with who removed
it and when; the charts and lists show only what is not removed."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.model import TimelineEvent
from dashboard.model.base import utcnow
from dashboard.roles import EDIT_ROLES
from dashboard.services.errors import InvalidEdit, NotAllowed, require_role
from dashboard.services.ownership import is_admin, require_known_partnership, require_partnership

MAX_LABEL_LENGTH = 120
EARLIEST = date(2000, 1, 1)


def _editor(user) -> None:
    require_role(user, EDIT_ROLES, "Du har ikke adgang til at ændre tidslinjen.")


def add_event(
    session: Session, user, partnership_id: int, event_date: date | None, label: str
) -> TimelineEvent:
    """Add an event in the caller's transaction. Refuses (``NotAllowed``) anyone but an
    arbejdsgruppe/admin user and (``InvalidEdit``) a missing or implausible date, an empty or
    over-long label, or an unknown partnership."""
    _editor(user)
    label = " ".join((label or "").split())
    if not label:
        raise InvalidEdit("Skriv, hvad der skete.")
    if len(label) > MAX_LABEL_LENGTH:
        raise InvalidEdit(f"Teksten må højst være {MAX_LABEL_LENGTH} tegn.")
    if event_date is None or not EARLIEST <= event_date <= clock.today().replace(month=12, day=31):
        raise InvalidEdit("Angiv datoen for begivenheden (fra år 2000 til i år).")
    require_known_partnership(session, partnership_id)
    event = TimelineEvent(
        partnership_id=partnership_id,
        event_date=event_date,
        label=label,
        created_by=user.username,
    )
    session.add(event)
    session.flush()
    return event


def remove_event(session: Session, user, event_id: int, *, partnership_id: int) -> TimelineEvent:
    """Mark an event removed (kept, with who and when). Refuses (``NotAllowed``) anyone but
    the one who added it and the secretariat, and (``InvalidEdit``, in the same words) an
    unknown or already removed event and one of another partnership than ``partnership_id``."""
    _editor(user)
    event = session.get(TimelineEvent, event_id)
    shown = event is not None and event.removed_at is None
    require_partnership(event.partnership_id if shown else None, partnership_id, "Begivenheden")
    if not is_admin(user) and event.created_by != user.username:
        raise NotAllowed("Du kan kun fjerne begivenheder, du selv har sat på tidslinjen.")
    event.removed_by, event.removed_at = user.username, utcnow()
    session.flush()
    return event
