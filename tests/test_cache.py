"""The query memo: reused while the data of its domains is unchanged, refreshed by any
committed write to them; an edit of a deliverable leaves the indicator charts' memo alone."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, select, update

from dashboard.auth import SessionUser
from dashboard.cache import DOMAINS, data_state, domains_of, memoized
from dashboard.db import session_scope
from dashboard.model import Base, BudgetLine, Deliverable, LoadLog, User
from dashboard.queries.budget import year_totals
from dashboard.services.deliverables import set_deliverable_status
from tests.accounts import add_user


def _state(url) -> dict[str, str]:
    with session_scope(url) as session:
        return dict(data_state(session))


def _changed(before: dict, after: dict) -> set[str]:
    return {domain for domain in DOMAINS if before.get(domain) != after.get(domain)}


def test_every_table_of_the_model_belongs_to_a_domain():
    """A new table left out of TABLE_DOMAINS would make every write to it renew every
    domain: safe, but it throws the memo away. Outside on purpose: the load log (a load
    renews everything) and the token table itself (its writes are not noted)."""
    unmapped = {t for t in Base.metadata.tables if domains_of({t}) == list(DOMAINS)}
    assert unmapped == {"load_log", "data_version"}


def test_orm_write_renews_its_domain_and_gives_fresh_results(loaded_db):
    with session_scope(loaded_db) as session:
        before = year_totals(session, 1)[0].known
    state = _state(loaded_db)
    with session_scope(loaded_db) as session:
        line = session.get(BudgetLine, 1)
        line.amount += 1000  # no explicit flush: the commit's own flush must count
    assert _changed(state, _state(loaded_db)) == {"plan"}
    with session_scope(loaded_db) as session:
        assert year_totals(session, 1)[0].known == before + 1000


def test_a_deliverable_edit_renews_only_the_deliverables(loaded_db):
    add_user(loaded_db, "anna", "arbejdsgruppe")
    with session_scope(loaded_db) as session:
        user = session.scalars(select(User).where(User.username == "anna")).one()
        editor = SessionUser(user.id, user.username, user.role, user.party_id)
        deliverable = session.scalars(select(Deliverable).order_by(Deliverable.id)).first()
        target = (deliverable.id, deliverable.version)
    state = _state(loaded_db)
    with session_scope(loaded_db) as session:
        set_deliverable_status(session, editor, *target, "done", "Færdig", date(2018, 1, 5))
    assert _changed(state, _state(loaded_db)) == {"deliverables"}


def test_plain_sql_and_core_writes_count_too(loaded_db):
    state = _state(loaded_db)
    with session_scope(loaded_db) as session:  # as the indicator loader's executemany does
        session.connection().exec_driver_sql("UPDATE measurement SET note = note")
    assert _changed(state, _state(loaded_db)) == {"indicators"}
    state = _state(loaded_db)
    with session_scope(loaded_db) as session:
        session.connection().execute(
            insert(LoadLog).values(kind="x", file_name="f", sha256="0", outcome="loaded")
        )
    assert _changed(state, _state(loaded_db)) == set(DOMAINS)


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


def test_a_memoized_query_must_name_known_domains():
    with pytest.raises(ValueError):
        memoized()
    with pytest.raises(ValueError):
        memoized("planen")
