"""Safety walks as the page, the meeting views, the measurements and open data read them: the
walks held, each finding with its action and its status, the history of changes.

A finding's status is its action's (åben → i gang → udbedret, or afvist); a finding without
an action is "åben" until a later walk finds it fixed (then "udbedret")."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard import clock
from dashboard.model import (
    Party,
    PoolApplication,
    Walk,
    WalkAction,
    WalkChange,
    WalkFinding,
    WalkFollowUp,
)
from dashboard.model.walks import ACTION_STATUSES, CLOSED_ACTION_STATUSES, FINDING_CATEGORIES
from dashboard.queries.history import ChangeRow, newest_changes


@dataclass(frozen=True)
class WalkRow:
    id: int
    walked_on: date
    route: str
    residents: int
    staff: int
    police: int
    others: int
    participants: int
    findings: int


@dataclass(frozen=True)
class FindingRow:
    number: int  # 1, 2 … in the order found: the label on the map and in the table
    id: int
    walk_id: int
    walked_on: date
    lon: float
    lat: float
    place: str
    category: str
    category_label: str
    description: str
    status: str
    status_label: str
    action_id: int | None
    action_version: int | None
    what: str | None
    party_id: int | None
    party: str | None
    due_on: date | None
    reason: str
    pool_application: str | None
    fixed_on: date | None  # the later walk that found it fixed, or the day it was marked so

    def overdue(self, today: date) -> bool:
        return (
            self.due_on is not None
            and self.due_on < today
            and self.status not in CLOSED_ACTION_STATUSES
        )


def walks(session: Session, partnership_id: int) -> list[WalkRow]:
    """The partnership's walks, newest first, with how many findings each made."""
    found = (
        select(WalkFinding.walk_id, func.count().label("n"))
        .group_by(WalkFinding.walk_id)
        .subquery()
    )
    rows = session.execute(
        select(Walk, func.coalesce(found.c.n, 0))
        .outerjoin(found, found.c.walk_id == Walk.id)
        .where(Walk.partnership_id == partnership_id)
        .order_by(Walk.walked_on.desc(), Walk.id.desc())
    ).all()
    return [
        WalkRow(
            w.id,
            w.walked_on,
            w.route,
            w.residents,
            w.staff,
            w.police,
            w.others,
            w.participants,
            n,
        )
        for w, n in rows
    ]


def walks_per_year(session: Session, partnership_id: int) -> dict[str, tuple[int, int]]:
    """Year ("2017") → (walks held, participants) for the years with a walk recorded."""
    result: dict[str, tuple[int, int]] = {}
    for w in walks(session, partnership_id):
        held, people = result.get(str(w.walked_on.year), (0, 0))
        result[str(w.walked_on.year)] = (held + 1, people + w.participants)
    return result


def findings(
    session: Session,
    partnership_id: int,
    *,
    category: str | None = None,
    status: str | None = None,
    party_id: int | None = None,
) -> list[FindingRow]:
    """Every finding of the partnership (numbered in the order found), narrowed to a
    category, a status and a responsible party when given."""
    rows = session.execute(
        select(WalkFinding, Walk.walked_on, WalkAction, Party.short_name, PoolApplication.title)
        .join(Walk, Walk.id == WalkFinding.walk_id)
        .outerjoin(WalkAction, WalkAction.finding_id == WalkFinding.id)
        .outerjoin(Party, Party.id == WalkAction.party_id)
        .outerjoin(PoolApplication, PoolApplication.id == WalkAction.pool_application_id)
        .where(WalkFinding.partnership_id == partnership_id)
        .order_by(Walk.walked_on, WalkFinding.id)
    ).all()
    fixed = _fixed_on(session, partnership_id)
    marked = _marked_fixed_on(session, partnership_id)
    result = []
    for number, (f, walked_on, action, party, pool_title) in enumerate(rows, start=1):
        state = action.status if action else ("udbedret" if f.id in fixed else "aaben")
        marked_on = marked.get(action.id) if action and state == "udbedret" else None
        result.append(
            FindingRow(
                number=number,
                id=f.id,
                walk_id=f.walk_id,
                walked_on=walked_on,
                lon=f.lon,
                lat=f.lat,
                place=f.place,
                category=f.category,
                category_label=FINDING_CATEGORIES.get(f.category, f.category),
                description=f.description,
                status=state,
                status_label=ACTION_STATUSES[state],
                action_id=action.id if action else None,
                action_version=action.version if action else None,
                what=action.what if action else None,
                party_id=action.party_id if action else None,
                party=party,
                due_on=action.due_on if action else None,
                reason=action.reason if action else "",
                pool_application=pool_title,
                fixed_on=marked_on or fixed.get(f.id),
            )
        )
    return [
        r
        for r in result
        if (category is None or r.category == category)
        and (status is None or r.status == status)
        and (party_id is None or r.party_id == party_id)
    ]


def _fixed_on(session: Session, partnership_id: int) -> dict[int, date]:
    """Finding id → the day of the latest follow-up, for findings whose latest says fixed."""
    rows = session.execute(
        select(WalkFollowUp.finding_id, WalkFollowUp.fixed, Walk.walked_on)
        .join(Walk, Walk.id == WalkFollowUp.walk_id)
        .where(WalkFollowUp.partnership_id == partnership_id)
        .order_by(Walk.walked_on, WalkFollowUp.id)
    ).all()
    latest: dict[int, tuple[bool, date]] = {}
    for finding_id, was_fixed, walked_on in rows:
        latest[finding_id] = (was_fixed, walked_on)
    return {fid: day for fid, (was_fixed, day) in latest.items() if was_fixed}


def _marked_fixed_on(session: Session, partnership_id: int) -> dict[int, date]:
    """Action id → the day (in Copenhagen) its responsible party last set it "udbedret", for
    the actions whose latest move to "udbedret" was that status change, not a follow-up (a
    follow-up's day is its walk's: ``_fixed_on``). The status form asks for no date: the
    party marks the action when the work is done, so the day of the change is the day."""
    rows = session.execute(
        select(WalkChange.entity_id, WalkChange.action, WalkChange.changed_at, WalkChange.changes)
        .where(
            WalkChange.partnership_id == partnership_id,
            WalkChange.entity == "action",
            WalkChange.action.in_(("status", "followed_up")),
        )
        .order_by(WalkChange.entity_id, WalkChange.version)
    )
    latest: dict[int, date | None] = {}
    for action_id, how, changed_at, changes in rows:
        if json.loads(changes).get("status", [None, None])[1] == "udbedret":
            latest[action_id] = clock.local_day(changed_at) if how == "status" else None
    return {action_id: day for action_id, day in latest.items() if day is not None}


def responsible_parties(session: Session, partnership_id: int) -> list[tuple[int, str]]:
    """(id, short name) of the parties the partnership's actions name, for the filter."""
    return [
        (r.id, r.short_name)
        for r in session.execute(
            select(Party.id, Party.short_name)
            .join(WalkAction, WalkAction.party_id == Party.id)
            .where(WalkAction.partnership_id == partnership_id)
            .distinct()
            .order_by(Party.short_name)
        )
    ]


def walk_history(session: Session, partnership_id: int, limit: int = 50) -> list[ChangeRow]:
    """The newest changes of the partnership's walks, findings, actions and follow-ups; a
    finding's, its action's and its follow-ups' named by the finding's place."""
    rows = newest_changes(session, WalkChange, partnership_id, limit)
    places = _places(session, partnership_id, rows)
    return [
        ChangeRow.of(
            r, f"»{places[(r.entity, r.entity_id)]}«" if (r.entity, r.entity_id) in places else ""
        )
        for r in rows
    ]


# The row each entity's place is read through: the finding itself, or the finding it is for.
_FINDING_OF = {
    "finding": (WalkFinding.id, None),
    "action": (WalkAction.id, WalkAction.finding_id),
    "follow_up": (WalkFollowUp.id, WalkFollowUp.finding_id),
}


def _places(session: Session, partnership_id: int, rows) -> dict[tuple[str, int], str]:
    """(entity, id) → the place of the finding the change is about."""
    result: dict[tuple[str, int], str] = {}
    for entity, (key, finding_id) in _FINDING_OF.items():
        ids = {r.entity_id for r in rows if r.entity == entity}
        if not ids:
            continue
        query = select(key, WalkFinding.place).where(
            key.in_(ids), WalkFinding.partnership_id == partnership_id
        )
        if finding_id is not None:
            query = query.join(WalkFinding, WalkFinding.id == finding_id)
        result.update({(entity, i): place for i, place in session.execute(query)})
    return result


def history_names(session: Session, partnership_id: int, rows) -> dict[str, dict[int, object]]:
    """Field → id → what the history's ids point to, for ``rows`` (``walk_history``): a walk
    by its day, a finding by its place, a party by its short name, a Bylivspulje
    application by its title and year. Only the partnership's own rows are named."""
    wanted: dict[str, set[int]] = {key: set() for key in _NAMED}
    for row in rows:
        for key, pair in json.loads(row.changes).items():
            if key in wanted:
                wanted[key].update(v for v in pair if isinstance(v, int))
    names: dict[str, dict[int, object]] = {}
    for key, (ident, name, owner) in _NAMED.items():
        if not wanted[key]:
            names[key] = {}
            continue
        query = select(ident, *name).where(ident.in_(wanted[key]))
        if owner is not None:
            query = query.where(owner == partnership_id)
        names[key] = {r[0]: _name(key, r[1:]) for r in session.execute(query)}
    return names


# Field → (the id column, the columns naming it, the partnership column or None).
_NAMED = {
    "walk_id": (Walk.id, (Walk.walked_on,), Walk.partnership_id),
    "finding_id": (WalkFinding.id, (WalkFinding.place,), WalkFinding.partnership_id),
    "party_id": (Party.id, (Party.short_name,), None),
    "pool_application_id": (
        PoolApplication.id,
        (PoolApplication.title, PoolApplication.year),
        PoolApplication.partnership_id,
    ),
}


def _name(key: str, values) -> object:
    if key == "finding_id":
        return f"»{values[0]}«"
    if key == "pool_application_id":
        return f"»{values[0]}« ({values[1]})"
    return values[0]


def party_choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every party an action can be given to."""
    return [
        (r.id, r.name) for r in session.execute(select(Party.id, Party.name).order_by(Party.name))
    ]


def pool_choices(session: Session, partnership_id: int) -> list[tuple[int, str]]:
    """(id, "title (year)") of the partnership's Bylivspulje applications granted money (the
    only ones that can pay for an action: ``services.walk_actions.plan_action``), newest
    first."""
    rows = session.execute(
        select(PoolApplication.id, PoolApplication.title, PoolApplication.year)
        .where(PoolApplication.partnership_id == partnership_id, PoolApplication.amount_granted > 0)
        .order_by(PoolApplication.year.desc(), PoolApplication.id.desc())
    )
    return [(r.id, f"{r.title} ({r.year})") for r in rows]
