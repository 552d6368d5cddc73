"""Accounts: creating users, changing roles and passwords, and checking a login with rate
limiting.

Failed logins are counted in the database (``login_throttle``), so the limit holds across
gunicorn workers, and raised by one atomic statement per key before the password is
checked, so parallel attempts cannot all see a count below the limit. The limits are per
address and per username *from that address*: a stranger guessing a name's password from
elsewhere cannot lock its owner out. Every attempt is also kept in ``login_attempt``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

from dashboard.model import LoginAttempt, LoginThrottle, Partnership, Party, User
from dashboard.model.base import utcnow
from dashboard.roles import ROLES
from dashboard.services.sessions import end_all_sessions

MIN_PASSWORD_LENGTH = 10
# zxcvbn's score: 3 is "safely unguessable" for an online attack (about 10^8 guesses).
MIN_PASSWORD_SCORE = 3
# Words zxcvbn's English lists lack that a Danish user reaches for first.
DANISH_WORDS = (
    "adgangskode", "kodeord", "hemmelig", "tryghed", "tryghedsdashboard", "partnerskab",
    "amager", "københavn", "kobenhavn", "urbanplanen", "styregruppe", "arbejdsgruppe",
    "sommer", "vinter", "efterår", "forår", "velkommen", "kode",
)  # fmt: skip
# Five wrong passwords for a username from one address block that pair for a quarter of an
# hour; one address gets more tries in all because an office shares one address, but not
# enough to guess its way through.
MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_ADDRESS = 20
FAILURE_WINDOW = timedelta(minutes=15)
# Checked when the username is unknown, so a wrong name costs as long as a wrong password
# and the response time does not tell which usernames exist.
_DUMMY_HASH = generate_password_hash("not a real password", method="scrypt")


class AccountError(ValueError):
    """A user-caused problem with an account command (unknown user, bad role, weak password)."""


class PartnershipsRequired(AccountError):
    """The installation has several partnerships and the command named none of them."""


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    outcome: str  # "ok", "invalid" (wrong name or password, or disabled) or "blocked"


def normalise_username(username: str) -> str:
    return username.strip().lower()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def check_password_strength(password: str, username: str = "") -> None:
    """Refuse a password shorter than ``MIN_PASSWORD_LENGTH`` or one that is common or
    easy to guess (zxcvbn's lists of leaked passwords, words and patterns, plus the user's
    name and Danish words)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if zxcvbn(password[:100], user_inputs=[username, *DANISH_WORDS])["score"] < MIN_PASSWORD_SCORE:
        raise AccountError(
            "the password is too easy to guess (a common password, a word or a pattern); "
            "use several unrelated words or a longer phrase"
        )


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


def _find_partnerships(session: Session, slugs: Sequence[str]) -> list[Partnership]:
    known = {p.slug: p for p in session.scalars(select(Partnership).order_by(Partnership.slug))}
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise AccountError(
            f"no partnership {unknown[0]!r}; the partnerships are: {', '.join(known) or 'none'}"
        )
    return [known[slug] for slug in dict.fromkeys(slugs)]


def _memberships(
    session: Session, role: str, slugs: Sequence[str], all_partnerships: bool
) -> list[Partnership]:
    """The partnerships a user is to belong to: those named; none for a global admin
    (``all_partnerships``, admins only); without names the only partnership, or none while
    the installation has none. Several partnerships and none named: ``PartnershipsRequired``."""
    if all_partnerships:
        if role != "admin":
            raise AccountError("only an admin can belong to all partnerships")
        if slugs:
            raise AccountError("name partnerships or all partnerships, not both")
        return []
    if slugs:
        return _find_partnerships(session, slugs)
    found = session.scalars(select(Partnership).order_by(Partnership.slug)).all()
    if len(found) > 1:
        raise PartnershipsRequired(
            "several partnerships; give --partnership (or --all-partnerships for an admin): "
            + ", ".join(p.slug for p in found)
        )
    return list(found)


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    party_name: str | None = None,
    partnerships: Sequence[str] = (),
    all_partnerships: bool = False,
) -> User:
    """Add a user; refuses a taken username, an unknown role, party or partnership, and a
    short password. ``partnerships`` (slugs) are where the role holds (see ``_memberships``
    for the default); ``all_partnerships`` makes an admin the admin of every partnership."""
    username = normalise_username(username)
    if not username:
        raise AccountError("the username must not be empty")
    _check_role(role)
    check_password_strength(password, username)
    if find_user(session, username) is not None:
        raise AccountError(f"a user called {username!r} already exists")
    party = _find_party(session, party_name) if party_name else None
    members = _memberships(session, role, partnerships, all_partnerships)
    user = User(
        username=username,
        password_hash=hash_password(password),
        role=role,
        party=party,
        all_partnerships=all_partnerships,
        partnerships=members,
    )
    session.add(user)
    session.flush()
    return user


def set_partnerships(
    session: Session, username: str, partnerships: Sequence[str], all_partnerships: bool = False
) -> User:
    """Make ``partnerships`` (slugs) the user's, or with ``all_partnerships`` every one (an
    admin only); a change ends the user's open sessions, so it holds from the next login."""
    user = _get_user(session, username)
    if not partnerships and not all_partnerships:
        raise PartnershipsRequired("give at least one --partnership, or --all-partnerships")
    members = _memberships(session, user.role, partnerships, all_partnerships)
    before = (user.all_partnerships, {p.id for p in user.partnerships})
    if before != (all_partnerships, {p.id for p in members}):
        user.all_partnerships = all_partnerships
        user.partnerships = members
        end_all_sessions(session, user.id, "partnerships")
    return user


def set_role(session: Session, username: str, role: str) -> User:
    """Change a user's role; their open sessions end, so the new role starts at a login."""
    _check_role(role)
    user = _get_user(session, username)
    if user.all_partnerships and role != "admin":
        raise AccountError(
            f"{user.username} is an admin of all partnerships; give them their partnerships "
            "first (tryghed users set-partnerships)"
        )
    if user.role != role:
        user.role = role
        end_all_sessions(session, user.id, "role")
    return user


def set_password(session: Session, username: str, password: str) -> User:
    """Give a user a new password (the same rules as a new user's); every open session of
    the user ends."""
    user = _get_user(session, username)
    check_password_strength(password, user.username)
    user.password_hash = hash_password(password)
    end_all_sessions(session, user.id, "password")
    return user


def disable_user(session: Session, username: str) -> User:
    """Stop a user from logging in; every open session of the user ends."""
    user = _get_user(session, username)
    user.active = False
    end_all_sessions(session, user.id, "disabled")
    return user


def enable_user(session: Session, username: str) -> User:
    """Let a disabled user log in again (with their old password)."""
    user = _get_user(session, username)
    user.active = True
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def _count_failure(session: Session, key: str, now: datetime) -> int:
    """Count one more failure for ``key`` and return the count in the current window, in one
    atomic upsert (a window older than ``FAILURE_WINDOW`` starts again at 1)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = LoginThrottle.__table__
    expired = table.c.window_start < now - FAILURE_WINDOW
    statement = dialect.insert(table).values(key=key, failures=1, window_start=now)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={
            "failures": case((expired, 1), else_=table.c.failures + 1),
            "window_start": case((expired, now), else_=table.c.window_start),
        },
    ).returning(table.c.failures)
    return session.execute(statement).scalar_one()


def _forgive_failure(session: Session, key: str) -> None:
    """Take back the failure counted up front for an attempt that succeeded."""
    session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == key, LoginThrottle.failures > 0)
        .values(failures=LoginThrottle.failures - 1)
    )


def authenticate(
    session: Session, username: str, password: str, remote_addr: str, now: datetime | None = None
) -> LoginResult:
    """Check a login and record the attempt. Each attempt counts as a failure until it
    succeeds; past the limit for its address, or for its username from that address, it is
    refused without checking the password ("blocked"), so guessing on gains nothing until
    the window has passed, while the right password still works from anywhere else."""
    now = now or utcnow()
    username = normalise_username(username)[:120]
    remote_addr = (remote_addr or "unknown")[:64]
    address_key = f"address {remote_addr}"
    pair_key = f"user {username} from {remote_addr}"
    blocked = (
        _count_failure(session, address_key, now) > MAX_FAILURES_PER_ADDRESS
        or _count_failure(session, pair_key, now) > MAX_FAILURES_PER_USERNAME
    )
    user = find_user(session, username)
    password_ok = not blocked and check_password_hash(
        user.password_hash if user else _DUMMY_HASH, password
    )
    succeeded = user is not None and user.active and password_ok
    session.add(
        LoginAttempt(
            username=username, remote_addr=remote_addr, succeeded=succeeded, attempted_at=now
        )
    )
    if succeeded:
        _forgive_failure(session, address_key)
        session.execute(delete(LoginThrottle).where(LoginThrottle.key == pair_key))
    session.flush()
    if blocked:
        return LoginResult(None, "blocked")
    return LoginResult(user if succeeded else None, "ok" if succeeded else "invalid")
