"""A per-worker memo for read queries, valid exactly as long as the data it was read from.

Every transaction that writes through a session gives the one row of ``data_version`` a new
random token, in the same transaction (so a rolled-back write leaves the old token). Reading
that token is one cheap query per session; a result computed under a token is reused until
the token changes. Each gunicorn worker keeps its own memo, so no worker needs to see
another's memory; a restored backup brings back its state together with that state's token.
"""

from __future__ import annotations

import copy
import functools
import threading
import uuid
from collections import OrderedDict
from datetime import date

import pandas as pd
from sqlalchemy import Delete, Engine, Insert, Update, event, insert, select, update
from sqlalchemy.orm import Session

from dashboard.model.data_version import DataVersion

MAX_ENTRIES = 512
_memo: OrderedDict[tuple, object] = OrderedDict()
_lock = threading.Lock()
_TABLE = DataVersion.__table__


@event.listens_for(Engine, "before_execute")
def _note_core_write(conn, clauseelement, multiparams, params, execution_options):
    """Loaders write with Core statements on the session's connection: note those too."""
    if isinstance(clauseelement, Insert | Update | Delete) and clauseelement.table is not _TABLE:
        conn.info["tryghed_wrote"] = True


@event.listens_for(Session, "after_flush")
def _note_orm_write(session: Session, _context) -> None:
    session.info["tryghed_wrote"] = True
    session.info.pop("data_state", None)  # this session's next read must look again


@event.listens_for(Engine, "commit")
@event.listens_for(Engine, "rollback")
def _transaction_over(conn) -> None:
    conn.info.pop("tryghed_wrote", None)  # a pooled connection's next transaction starts clean


@event.listens_for(Session, "before_commit")
def _new_token(session: Session) -> None:
    if not session.in_transaction():
        return
    session.flush()  # commit flushes after this hook; its writes must count here
    connection = session.connection()
    wrote = session.info.pop("tryghed_wrote", False)
    if not (connection.info.pop("tryghed_wrote", False) or wrote):
        return
    token = uuid.uuid4().hex
    if connection.execute(update(DataVersion).values(token=token)).rowcount == 0:
        connection.execute(insert(DataVersion).values(id=1, token=token))
    session.info.pop("data_state", None)


def data_state(session: Session) -> str | None:
    """The current token; None where the row is missing (then nothing is memoized)."""
    if "data_state" not in session.info:
        session.info["data_state"] = session.scalar(select(DataVersion.token))
    return session.info["data_state"]


def clear() -> None:
    """Forget everything (for tests that empty the database under the app)."""
    with _lock:
        _memo.clear()


def memoized(query):
    """Reuse ``query(session, *args)``'s result while the data is unchanged. For queries
    that return plain values or DataFrames (never ORM objects); callers get their own copy."""

    @functools.wraps(query)
    def cached(session: Session, *args, **kwargs):
        state = data_state(session)
        if state is None:
            return query(session, *args, **kwargs)
        key = (
            str(session.get_bind().url),
            state,
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


def _copy(value):
    if isinstance(value, pd.DataFrame):
        return value.copy()
    return copy.deepcopy(value)
