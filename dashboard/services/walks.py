"""Safety walks written with history: the working group records a walk (day, route, how many
took part of each kind), the unsafe places it found and, on a later walk, what became of an
earlier walk's findings (fixed marks the finding's action "udbedret"; still a problem reopens
an action marked "udbedret"). The actions themselves: ``services.walk_actions``.

Every write acts in one partnership: a walk or finding of another is refused as unknown. A
refusal writes nothing (every check runs before the first change)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.model import Walk, WalkAction, WalkFinding, WalkFollowUp
from dashboard.model.base import utcnow
from dashboard.model.walks import CLOSED_ACTION_STATUSES, FINDING_CATEGORIES, PARTICIPANT_KINDS
from dashboard.roles import EDIT_ROLES
from dashboard.services.errors import InvalidEdit, require_role
from dashboard.services.ownership import require_known_partnership, require_partnership
from dashboard.services.walk_input import (
    MAX_PLACE,
    MAX_ROUTE,
    MAX_TEXT,
    check_version,
    count_field,
    flush,
    point_in_area,
    record,
    text_field,
    walk_date,
)

WORKING_GROUP_ONLY = "Tryghedsvandringer og deres fund registreres af arbejdsgruppen."


def record_walk(
    session: Session,
    user,
    *,
    partnership_id: int,
    walked_on: date | None,
    route: str,
    counts: dict[str, object],
) -> Walk:
    """Record a walk held. ``counts`` maps a kind of ``PARTICIPANT_KINDS`` to how many of it
    took part. Refuses a user outside ``EDIT_ROLES``, a day in the future or before the
    partnership period, an empty route, a count negative or absurd, and nobody at all."""
    require_role(user, EDIT_ROLES, WORKING_GROUP_ONLY)
    require_known_partnership(session, partnership_id)
    values = {
        "walked_on": walk_date(session, partnership_id, walked_on),
        "route": text_field(
            route, "ruten eller den del af området, I gik", MAX_ROUTE, required=True
        ),
        **{
            kind: count_field(counts.get(kind), label.lower())
            for kind, label in PARTICIPANT_KINDS.items()
        },
    }
    if not any(values[kind] for kind in PARTICIPANT_KINDS):
        raise InvalidEdit("Angiv, hvor mange der gik med: mindst én deltager.")
    walk = Walk(partnership_id=partnership_id, updated_by=user.username, **values)
    session.add(walk)
    flush(session)
    record(session, user, partnership_id, "walk", walk, "created", {}, values)
    flush(session)
    return walk


def known_walk(session: Session, walk_id, partnership_id: int) -> Walk:
    walk = session.get(Walk, walk_id) if isinstance(walk_id, int) else None
    require_partnership(walk.partnership_id if walk else None, partnership_id, "Vandringen")
    return walk


def known_finding(session: Session, finding_id, partnership_id: int) -> WalkFinding:
    finding = session.get(WalkFinding, finding_id) if isinstance(finding_id, int) else None
    require_partnership(finding.partnership_id if finding else None, partnership_id, "Fundet")
    return finding


def add_finding(
    session: Session,
    user,
    *,
    partnership_id: int,
    walk_id: int | None,
    lon,
    lat,
    place: str,
    category: str,
    description: str,
) -> WalkFinding:
    """Record an unsafe place a walk found. Refuses a user outside ``EDIT_ROLES``, an unknown
    walk, a point outside the partnership's area, an empty place and a category outside
    ``FINDING_CATEGORIES``."""
    require_role(user, EDIT_ROLES, WORKING_GROUP_ONLY)
    walk = known_walk(session, walk_id, partnership_id)
    lon, lat = point_in_area(session, partnership_id, lon, lat)
    if category not in FINDING_CATEGORIES:
        raise InvalidEdit("Vælg, hvad fundet handler om, blandt kategorierne.")
    values = {
        "walk_id": walk.id,
        "lon": lon,
        "lat": lat,
        "place": text_field(place, "stedet kort", MAX_PLACE, required=True),
        "category": category,
        "description": text_field(description, "beskrivelsen", MAX_TEXT, required=True),
    }
    finding = WalkFinding(partnership_id=partnership_id, updated_by=user.username, **values)
    session.add(finding)
    flush(session)
    record(session, user, partnership_id, "finding", finding, "created", {}, values)
    flush(session)
    return finding


def record_follow_up(
    session: Session,
    user,
    *,
    partnership_id: int,
    walk_id: int | None,
    finding_id: int | None,
    fixed,
    note: str = "",
    expected_action_version: int | None = None,
) -> WalkFollowUp:
    """Record what a later walk saw at an earlier walk's finding. Fixed marks the finding's
    action "udbedret" (an action turned down stays so); still a problem reopens an action
    marked "udbedret". Refuses a user outside ``EDIT_ROLES``, a walk not after the finding's
    own, a second follow-up of the finding on one walk and a stale action."""
    require_role(user, EDIT_ROLES, WORKING_GROUP_ONLY)
    walk = known_walk(session, walk_id, partnership_id)
    finding = known_finding(session, finding_id, partnership_id)
    found_on = session.get(Walk, finding.walk_id).walked_on
    if walk.walked_on <= found_on:
        raise InvalidEdit(
            "Opfølgningen skal høre til en senere tryghedsvandring end den, der fandt stedet."
        )
    if not isinstance(fixed, bool):
        raise InvalidEdit("Angiv, om problemet er udbedret eller stadig er der.")
    if session.scalar(
        select(WalkFollowUp.id).where(
            WalkFollowUp.finding_id == finding.id, WalkFollowUp.walk_id == walk.id
        )
    ):
        raise InvalidEdit("Der er allerede fulgt op på fundet på denne tryghedsvandring.")
    values = {
        "walk_id": walk.id,
        "finding_id": finding.id,
        "fixed": fixed,
        "note": text_field(note, "bemærkningen", MAX_TEXT, required=False),
    }
    action = session.scalar(select(WalkAction).where(WalkAction.finding_id == finding.id))
    if action is not None:
        check_version(action, expected_action_version)
    follow_up = WalkFollowUp(partnership_id=partnership_id, updated_by=user.username, **values)
    session.add(follow_up)
    flush(session)
    record(session, user, partnership_id, "follow_up", follow_up, "created", {}, values)
    new_status = _status_after(action, fixed)
    if new_status is not None:
        old = {"status": action.status}
        action.status = new_status
        action.updated_by, action.updated_at = user.username, utcnow()
        flush(session)
        record(
            session,
            user,
            partnership_id,
            "action",
            action,
            "followed_up",
            old,
            {"status": new_status},
        )
    flush(session)
    return follow_up


def _status_after(action: WalkAction | None, fixed: bool) -> str | None:
    """The action's status a follow-up moves it to, None for no change."""
    if action is None:
        return None
    if fixed and action.status not in CLOSED_ACTION_STATUSES:
        return "udbedret"
    if not fixed and action.status == "udbedret":
        return "aaben"
    return None
