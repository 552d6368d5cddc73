"""Reads that one transaction asks several times, answered once within that transaction.

A page's layout reads in one session, and several of its parts need the same small facts:
the indicator catalogue, the partnership's own areas, its newest plan and that plan's period
(measured: 30 of the 62 statements /tryghed's layout sent were repeats). ``per_transaction``
keeps a read's answer in its session for the rest of the transaction only, so it cannot go
stale the way a memo across requests did (issue 13): it is dropped on every flush (a read
flushes pending changes first, as a query's autoflush would), on every statement the
session sends that is not a SELECT (raw SQL included, whatever its text), and when the
transaction ends, commits or rolls back. It is never shared between sessions. What it does
not see is a statement sent past the session on its connection (``session.connection()
.execute``): only ``data_loaders.figure_writer`` does that, on the measurement tables, which
no memoised read reads, and loaders do not read through ``dashboard.queries``.

A memoised read must return something its callers do not change (a tuple, a frozenset, a
frozen dataclass, an ORM object read only): every caller gets the same object.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

_MEMO = "per_transaction_memo"
P = ParamSpec("P")
R = TypeVar("R")


def per_transaction(read: Callable[P, R]) -> Callable[P, R]:
    """``read(session, *args)`` answered once per transaction and arguments."""

    @functools.wraps(read)
    def memoised(session: Session, *args):
        # A query would autoflush pending changes first, and so see them; an answer from
        # the memo runs no query, so it flushes them here (the flush then empties the memo).
        if session.autoflush and (session.new or session.dirty or session.deleted):
            session.flush()
        memo = session.info.setdefault(_MEMO, {})
        key = (read, args)
        if key not in memo:
            memo[key] = read(session, *args)
        return memo[key]

    return memoised  # type: ignore[return-value]


def forget(session: Session) -> None:
    session.info.pop(_MEMO, None)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _flush_context) -> None:
    forget(session)


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, _transaction) -> None:
    forget(session)


@event.listens_for(Session, "do_orm_execute")
def _before_a_write(state: ORMExecuteState) -> None:
    # Anything but a SELECT may write (an UPDATE, a text() statement of any kind): what was
    # read before it is forgotten before it runs.
    if not state.is_select:
        forget(state.session)
