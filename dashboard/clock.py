"""The one clock: "today" is the day in Copenhagen, where the partnership works, whatever
time zone the server runs in. Every overdue, staleness and "not after today" rule asks here."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Copenhagen")


def today() -> date:
    return datetime.now(LOCAL).date()


def now() -> datetime:
    """The current moment, time-zone aware, in Copenhagen."""
    return datetime.now(LOCAL)


def local_day(moment: datetime) -> date:
    """The day in Copenhagen of a stored moment: UTC, given back without its zone by SQLite
    and with it by PostgreSQL."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(LOCAL).date()
