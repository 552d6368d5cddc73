"""The query memo: reused while the data is unchanged, refreshed by any committed write."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, update

from dashboard.cache import data_state
from dashboard.db import session_scope
from dashboard.model import BudgetLine, LoadLog
from dashboard.queries.budget import year_totals


def _state(url):
    with session_scope(url) as session:
        return data_state(session)


def test_orm_write_gives_a_new_state_and_fresh_results(loaded_db):
    with session_scope(loaded_db) as session:
        before = year_totals(session, 1)[0].known
    state = _state(loaded_db)
    with session_scope(loaded_db) as session:
        line = session.get(BudgetLine, 1)
        line.amount += 1000  # no explicit flush: the commit's own flush must count
    assert _state(loaded_db) != state
    with session_scope(loaded_db) as session:
        assert year_totals(session, 1)[0].known == before + 1000


def test_core_write_on_the_session_connection_counts_too(loaded_db):
    state = _state(loaded_db)
    with session_scope(loaded_db) as session:
        session.connection().execute(
            insert(LoadLog).values(kind="x", file_name="f", sha256="0", outcome="loaded")
        )
    assert _state(loaded_db) != state


def test_reads_and_rolled_back_writes_keep_the_state(loaded_db):
    state = _state(loaded_db)
    with session_scope(loaded_db) as session:
        year_totals(session, 1)
    with pytest.raises(RuntimeError), session_scope(loaded_db) as session:
        session.execute(update(BudgetLine).values(amount=1))
        raise RuntimeError("abort")
    assert _state(loaded_db) == state
    with session_scope(loaded_db) as session:
        assert year_totals(session, 1)[0].known == 1_200_000
