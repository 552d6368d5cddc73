"""Sessions the server can end: every login is a ``UserSession`` row, and a session cookie
is only as good as its row. Logout ends that session; a password change, a role change or
disabling the user ends all of the user's sessions. A session also ends by itself
``ABSOLUTE_LIFETIME`` after the login and after ``IDLE_TIMEOUT`` without a request."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from dashboard.model import User, UserSession
from dashboard.model.base import utcnow

ABSOLUTE_LIFETIME = timedelta(hours=12)  # a working day, then log in again
IDLE_TIMEOUT = timedelta(hours=2)
# Noting every request would make every read a write; a minute's precision is plenty.
SEEN_PRECISION = timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, user: User, now: datetime | None = None) -> str:
    """A new session for ``user``; returns the token the cookie carries (stored hashed)."""
    token = secrets.token_urlsafe(32)
    now = now or utcnow()
    session.add(UserSession(token_hash=_hash(token), user=user, created_at=now, last_seen_at=now))
    session.flush()
    return token


def resume_session(session: Session, token: str, now: datetime | None = None) -> User | None:
    """The active user whose live session ``token`` names, or None: an unknown or ended
    token, a session past its lifetime or idle timeout, or a disabled user."""
    now = now or utcnow()
    # The user's partnerships in the same statement: every request with a session cookie
    # asks for them (``auth.session_user``), and a lazy load would be a second round trip.
    found = (
        session.execute(
            select(UserSession, User)
            .join(User, UserSession.user_id == User.id)
            .options(joinedload(User.partnerships))
            .where(UserSession.token_hash == _hash(token), UserSession.ended_at.is_(None))
        )
        .unique()
        .one_or_none()
    )
    if found is None:
        return None
    user_session, user = found
    if (
        not user.active
        or now - _aware(user_session.created_at) > ABSOLUTE_LIFETIME
        or now - _aware(user_session.last_seen_at) > IDLE_TIMEOUT
    ):
        return None
    if now - _aware(user_session.last_seen_at) > SEEN_PRECISION:
        user_session.last_seen_at = now
    return user


def end_session(session: Session, token: str, reason: str = "logout") -> None:
    """End the session ``token`` names (a no-op for one that is unknown or already ended)."""
    session.execute(
        update(UserSession)
        .where(UserSession.token_hash == _hash(token), UserSession.ended_at.is_(None))
        .values(ended_at=utcnow(), end_reason=reason)
    )


def end_all_sessions(session: Session, user_id: int, reason: str) -> None:
    """End every open session of the user (``reason``: "password", "role", "disabled")."""
    session.execute(
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow(), end_reason=reason)
    )


def _aware(stamp: datetime) -> datetime:
    # SQLite gives back naive datetimes; they were stored in UTC.
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
