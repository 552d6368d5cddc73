"""A per-worker memo for read queries, valid exactly as long as the data it was read from.

The data falls into a few domains (the plan and budget, the deliverables' progress, the
indicators, the meetings, the users). Each has a row in ``data_version`` whose random token
is renewed in the same transaction as every write to one of its tables (so a rolled-back
write leaves the old token). A memoized query names the domains it reads; its result is
reused until one of their tokens changes, so the working group's edits of deliverables do
not throw away the indicator charts. Reading the tokens is one cheap query per session.
Each gunicorn worker keeps its own memo, so no worker needs another's memory; a restored
backup brings back its state together with that state's tokens.
"""

from __future__ import annotations

import copy
import functools
import re
import threading
import uuid
from collections import OrderedDict
from datetime import date

import pandas as pd
from sqlalchemy import Engine, event, insert, select, update
from sqlalchemy.orm import Session

from dashboard.model.data_version import DataVersion

MAX_ENTRIES = 512
_memo: OrderedDict[tuple, object] = OrderedDict()
_lock = threading.Lock()

DOMAINS = ("plan", "deliverables", "indicators", "meetings", "users")
# Which domain a write to each table changes; a table not named here changes every domain.
TABLE_DOMAINS = {
    **dict.fromkeys(
        ("activity", "activity_responsible", "budget_frame", "budget_line", "focus_area",
         "handover", "partnership", "partnership_period", "party", "plan_approval",
         "plan_measure", "plan_version"),
        "plan",
    ),
    **dict.fromkeys(
        ("deliverable", "deliverable_change", "deliverable_responsible"), "deliverables"
    ),
    **dict.fromkeys(
        ("area", "area_alias", "baseline", "indicator", "indicator_note",
         "indicator_note_change", "measurement", "measurement_change", "measurement_edit",
         "target", "timeline_event"),
        "indicators",
    ),
    **dict.fromkeys(
        ("meeting", "meeting_change", "agenda_item", "decision", "decision_link"), "meetings"
    ),
    **dict.fromkeys(("app_user", "login_attempt"), "users"),
}  # fmt: skip
# Every write, whether the ORM's flush, a Core statement or the loaders' plain SQL, reaches
# the database as one of these, naming its table first.
WRITE_SQL = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_TOKENS = DataVersion.__tablename__


@event.listens_for(Engine, "before_cursor_execute")
def _note_write(conn, _cursor, statement, _parameters, _context, _executemany):
    match = WRITE_SQL.match(statement)
    if match and match.group(1) != _TOKENS:
        conn.info.setdefault("tryghed_wrote", set()).add(match.group(1))


@event.listens_for(Session, "after_flush")
def _forget_state(session: Session, _context) -> None:
    session.info.pop("data_state", None)  # this session's next read must look again


@event.listens_for(Engine, "commit")
@event.listens_for(Engine, "rollback")
def _transaction_over(conn) -> None:
    conn.info.pop("tryghed_wrote", None)  # a pooled connection's next transaction starts clean


def domains_of(tables: set[str]) -> list[str]:
    """The domains that writes to ``tables`` change, in a fixed order (the order the token
    rows are locked in, so two transactions never wait for each other crosswise)."""
    changed = set()
    for table in tables:
        changed |= {TABLE_DOMAINS[table]} if table in TABLE_DOMAINS else set(DOMAINS)
    return [domain for domain in DOMAINS if domain in changed]


@event.listens_for(Session, "before_commit")
def _new_tokens(session: Session) -> None:
    if not session.in_transaction():
        return
    session.flush()  # commit flushes after this hook; its writes must count here
    connection = session.connection()
    for domain in domains_of(connection.info.get("tryghed_wrote", set())):
        token = uuid.uuid4().hex
        renewed = update(DataVersion).where(DataVersion.domain == domain).values(token=token)
        if connection.execute(renewed).rowcount == 0:
            connection.execute(insert(DataVersion).values(domain=domain, token=token))
        session.info.pop("data_state", None)


def data_state(session: Session) -> dict[str, str]:
    """The current token of each domain (empty where the table is: then nothing is memoized)."""
    if "data_state" not in session.info:
        rows = session.execute(select(DataVersion.domain, DataVersion.token)).all()
        session.info["data_state"] = dict(rows)
    return session.info["data_state"]


def clear() -> None:
    """Forget everything (for tests that empty the database under the app)."""
    with _lock:
        _memo.clear()


def memoized(*domains: str):
    """Reuse ``query(session, *args)``'s result while the data of ``domains`` is unchanged.
    For queries that return plain values or DataFrames (never ORM objects); callers get
    their own copy."""
    unknown = set(domains) - set(DOMAINS)
    if not domains or unknown:
        raise ValueError(f"memoized needs domains from {DOMAINS}, got {domains}")

    def decorate(query):
        @functools.wraps(query)
        def cached(session: Session, *args, **kwargs):
            state = data_state(session)
            if not state:
                return query(session, *args, **kwargs)
            key = (
                str(session.get_bind().url),
                tuple(state.get(domain) for domain in domains),
                date.today(),  # "overdue" and "latest" depend on the day too
                query.__module__,
                query.__qualname__,
                repr(args),
                repr(sorted(kwargs.items())),
            )
            with _lock:
                if key in _memo:
                    _memo.move_to_end(key)
                    return _copy(_memo[key])
            result = query(session, *args, **kwargs)
            with _lock:
                _memo[key] = result
                while len(_memo) > MAX_ENTRIES:
                    _memo.popitem(last=False)
            return _copy(result)

        return cached

    return decorate


def _copy(value):
    if isinstance(value, pd.DataFrame):
        return value.copy()
    return copy.deepcopy(value)
