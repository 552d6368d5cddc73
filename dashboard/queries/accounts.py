"""The users of a partnership and the organisations a user may belong to, as the
administration page lists them. Reads only; never a password hash."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dashboard.model import Party, User
from dashboard.model.auth import user_partnership


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    role: str
    party: str  # the organisation's short name, "" for none
    active: bool
    must_change_password: bool
    partnerships: tuple[str, ...]  # names
    all_partnerships: bool


def partnership_users(session: Session, partnership_id: int) -> list[UserRow]:
    """The partnership's members by username, and the admins of every partnership."""
    members = select(user_partnership.c.user_id).where(
        user_partnership.c.partnership_id == partnership_id
    )
    users = session.scalars(
        select(User)
        .where(User.id.in_(members) | User.all_partnerships)
        .options(selectinload(User.party), selectinload(User.partnerships))
        .order_by(User.username)
    )
    return [
        UserRow(
            u.id,
            u.username,
            u.role,
            u.party.short_name if u.party else "",
            u.active,
            u.must_change_password,
            tuple(p.name for p in u.partnerships),
            u.all_partnerships,
        )
        for u in users
    ]


def party_choices(session: Session) -> list[tuple[int, str]]:
    """(id, "Name (short)") of every organisation, by name."""
    return [
        (p.id, p.name if p.short_name in ("", p.name) else f"{p.name} ({p.short_name})")
        for p in session.scalars(select(Party).order_by(Party.name))
    ]
