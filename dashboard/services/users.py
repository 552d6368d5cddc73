"""Accounts: creating users, changing roles, and checking a login with rate limiting.

Every attempt is stored in ``login_attempt`` so the limit holds across gunicorn workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard.model import LoginAttempt, Party, User
from dashboard.model.base import utcnow
from dashboard.roles import ROLES

MIN_PASSWORD_LENGTH = 10
# Five wrong passwords lock a username for a quarter of an hour; one address gets more
# tries because an office shares one address, but not enough to guess its way through.
MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_ADDRESS = 20
FAILURE_WINDOW = timedelta(minutes=15)
# Checked when the username is unknown, so a wrong name costs as long as a wrong password
# and the response time does not tell which usernames exist.
_DUMMY_HASH = generate_password_hash("not a real password", method="scrypt")


class AccountError(ValueError):
    """A user-caused problem with an account command (unknown user, bad role, weak password)."""


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    outcome: str  # "ok", "invalid" (wrong name or password, or disabled) or "blocked"


def normalise_username(username: str) -> str:
    return username.strip().lower()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def _check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")


def find_user(session: Session, username: str) -> User | None:
    return session.scalars(
        select(User).where(User.username == normalise_username(username))
    ).one_or_none()


def _get_user(session: Session, username: str) -> User:
    user = find_user(session, username)
    if user is None:
        raise AccountError(f"no user called {username!r}")
    return user


def _find_party(session: Session, name: str) -> Party:
    party = session.scalars(
        select(Party).where((Party.name == name) | (Party.short_name == name))
    ).first()
    if party is None:
        known = ", ".join(session.scalars(select(Party.short_name).order_by(Party.short_name)))
        raise AccountError(f"no party called {name!r}; known parties: {known}")
    return party


def create_user(
    session: Session, username: str, password: str, role: str, party_name: str | None = None
) -> User:
    """Add a user; refuses a taken username, an unknown role or party, and a short password."""
    username = normalise_username(username)
    if not username:
        raise AccountError("the username must not be empty")
    _check_role(role)
    _check_password_strength(password)
    if find_user(session, username) is not None:
        raise AccountError(f"a user called {username!r} already exists")
    party = _find_party(session, party_name) if party_name else None
    user = User(username=username, password_hash=hash_password(password), role=role, party=party)
    session.add(user)
    session.flush()
    return user


def set_role(session: Session, username: str, role: str) -> User:
    """Change a user's role; takes effect on their next request."""
    _check_role(role)
    user = _get_user(session, username)
    user.role = role
    return user


def disable_user(session: Session, username: str) -> User:
    """Stop a user from logging in; an open session ends on its next request."""
    user = _get_user(session, username)
    user.active = False
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def _recent_failures(session: Session, column, value: str, since: datetime) -> int:
    return session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(column == value, LoginAttempt.succeeded.is_(False))
        .where(LoginAttempt.attempted_at >= since)
    )


def authenticate(
    session: Session, username: str, password: str, remote_addr: str, now: datetime | None = None
) -> LoginResult:
    """Check a login and record the attempt. A blocked username or address is refused even
    with the right password, so guessing on gains nothing until the window has passed."""
    now = now or utcnow()
    username = normalise_username(username)[:120]
    remote_addr = (remote_addr or "unknown")[:64]
    since = now - FAILURE_WINDOW
    blocked = (
        _recent_failures(session, LoginAttempt.username, username, since)
        >= MAX_FAILURES_PER_USERNAME
        or _recent_failures(session, LoginAttempt.remote_addr, remote_addr, since)
        >= MAX_FAILURES_PER_ADDRESS
    )
    user = find_user(session, username)
    password_ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    succeeded = not blocked and user is not None and user.active and password_ok
    session.add(
        LoginAttempt(
            username=username, remote_addr=remote_addr, succeeded=succeeded, attempted_at=now
        )
    )
    session.flush()
    if blocked:
        return LoginResult(None, "blocked")
    return LoginResult(user if succeeded else None, "ok" if succeeded else "invalid")
