"""Who may log in, with which role, and the login attempts that rate limiting counts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dashboard.model.base import Base, utcnow
from dashboard.model.plan import Partnership, Party

# The partnerships a user works in: their role holds in each of them, and nowhere else.
user_partnership = Table(
    "user_partnership",
    Base.metadata,
    Column("user_id", ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True),
    Column("partnership_id", ForeignKey("partnership.id", ondelete="CASCADE"), primary_key=True),
)


class User(Base):
    """A person who logs in. ``party_id`` ties a working-group member to their organisation.
    The role holds in the user's ``partnerships``; an admin with ``all_partnerships`` is the
    secretariat of every partnership, present and future."""

    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id"))
    active: Mapped[bool] = mapped_column(default=True)
    all_partnerships: Mapped[bool] = mapped_column(default=False)
    # A one-time password the secretariat set: the user must choose their own at next login.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    party: Mapped[Party | None] = relationship()
    partnerships: Mapped[list[Partnership]] = relationship(
        secondary=user_partnership, order_by="Partnership.name"
    )


class LoginAttempt(Base):
    """One try at logging in. Kept in the database so every gunicorn worker counts the same."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_username_attempted_at", "username", "attempted_at"),
        Index("ix_login_attempt_remote_addr_attempted_at", "remote_addr", "attempted_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(120))
    remote_addr: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool]
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)


class UserSession(Base):
    """One login: the server's record of a session cookie, so the server can end it. The
    cookie carries the token; only its SHA-256 is stored (a copied table opens no session)."""

    __tablename__ = "user_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    # "logout", "password", "role", "disabled"; lifetimes that ran out are not written.
    end_reason: Mapped[str | None] = mapped_column(String(20))
    user: Mapped[User] = relationship()


class LoginThrottle(Base):
    """Failed logins counted per key ("address …" or "user … from …") in a window. One row per
    key, raised with one atomic statement, so parallel attempts cannot all see a low count."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(default=utcnow)
